"""The OpenAPI schema, its docs pages, and a schemathesis run over every operation in it."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from claims.services.tokens import token_create
from tests.factories import CitationFactory, ClaimRelationFactory, ReviewFactory


def test_schema_is_served_and_valid(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/claims/{id}/claimreview/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_use_local_assets_only(client, page):
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True), renderer_context={}))


@pytest.fixture
def raw_wsgi(db):
    # Django's test client keeps the test transaction open by muting these; a raw WSGI call must too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(staff_user):
    # Some rows for lookups by id to find.
    relation = ClaimRelationFactory()
    CitationFactory(claim=relation.target)
    ReviewFactory(claim=relation.target)
    return token_create(user=staff_user, name="schemathesis").key


schema = schemathesis.openapi.from_dict(_schema())
schema.app = get_wsgi_application()


@schema.parametrize()
# Small and without shrinking, so the whole run stays well under two minutes.
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
)
def test_api_answers_every_request_without_5xx_and_as_documented(case, token, raw_wsgi):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
