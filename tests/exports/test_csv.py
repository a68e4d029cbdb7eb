"""CSV export: same filters as the list, with speakers, responses, sources and verdicts; streamed."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.choices import ClaimStatus, ReviewStatus
from tests.factories import CitationFactory, ClaimFactory, ClaimRelationFactory, ReviewFactory, SpeakerFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/claims/export.csv"


def rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_export_has_speaker_responses_sources_and_verdict(api_client, viewer):
    relation = ClaimRelationFactory(source__speaker=SpeakerFactory(name="Opposition spokesman"))
    claim = relation.target
    CitationFactory(claim=claim, source__title="Growth tables", source__url="https://stats.example/g")
    ReviewFactory(claim=claim, status=ReviewStatus.PUBLISHED, rating="false", summary="Wrong.")
    api_client.force_authenticate(viewer)
    response = api_client.get(URL, {"speaker": claim.speaker_id})
    assert response.headers["Content-Type"].startswith("text/csv")
    (row,) = rows(response)
    assert row["claim_id"] == str(claim.pk)
    assert row["speaker"] == claim.speaker.name
    assert "rebuts by Opposition spokesman" in row["responses"]
    assert "contradicts: Growth tables <https://stats.example/g>" in row["sources"]
    assert row["verdict"] == "false"


def test_filters_apply_and_formulas_are_defused(api_client, viewer):
    ClaimFactory(status=ClaimStatus.ACCEPTED, speaker=SpeakerFactory(name="=HYPERLINK(1)"))
    ClaimFactory(status=ClaimStatus.REJECTED)
    api_client.force_authenticate(viewer)
    (row,) = rows(api_client.get(URL, {"status": "accepted"}))
    assert row["speaker"] == "'=HYPERLINK(1)"


def test_export_query_count_is_constant(api_client, viewer):
    api_client.force_authenticate(viewer)
    counts = []
    # Each round adds a claim and its response: 4 rows, then 30.
    for total in (4, 30):
        while len(rows(api_client.get(URL))) < total:
            CitationFactory(claim=ClaimRelationFactory().target)
        with CaptureQueriesContext(connection) as queries:
            assert len(rows(api_client.get(URL))) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
