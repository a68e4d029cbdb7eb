"""The permission matrix: which role may do what through the API."""

import pytest

from claims.choices import ClaimStatus
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db
ROLES = ("viewer", "annotator", "reviewer", "editor")


def create_claim(client, request):
    article = ArticleFactory()
    start = article.body.index("These")
    return client.post("/api/v1/claims/", {"article": article.pk, "start": start, "end": start + 5}, format="json")


def accept(client, request):
    return client.post(f"/api/v1/claims/{ClaimFactory().pk}/accept/")


def assign(client, request):
    claim = ClaimFactory(status=ClaimStatus.ACCEPTED)
    return client.post(
        f"/api/v1/claims/{claim.pk}/assign/", {"assignee": request.getfixturevalue("reviewer").pk}, format="json"
    )


def merge(client, request):
    source, target = SpeakerFactory(), SpeakerFactory()
    return client.post(f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk}, format="json")


def list_webhooks(client, request):
    return client.get("/api/v1/webhooks/")


def import_article(client, request):
    return client.post("/api/v1/articles/", {"text": "Headline\n\nThe minister said: “We will win.”"}, format="json")


def read_claims(client, request):
    return client.get("/api/v1/claims/")


# The lowest role allowed; every role below it gets 403.
MATRIX = [
    (read_claims, "viewer", 200),
    (create_claim, "annotator", 201),
    (accept, "annotator", 200),
    (assign, "reviewer", 200),
    (merge, "editor", 200),
    (list_webhooks, "editor", 200),
    (import_article, "annotator", 201),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("operation", "lowest", "success"), MATRIX, ids=[m[0].__name__ for m in MATRIX])
def test_permission_matrix(api_client, request, role, operation, lowest, success):
    api_client.force_authenticate(request.getfixturevalue(role))
    response = operation(api_client, request)
    expected = success if ROLES.index(role) >= ROLES.index(lowest) else 403
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(("operation", "lowest", "success"), MATRIX, ids=[m[0].__name__ for m in MATRIX])
def test_superuser_may_do_everything(api_client, staff_user, request, operation, lowest, success):
    api_client.force_authenticate(staff_user)
    assert operation(api_client, request).status_code == success
