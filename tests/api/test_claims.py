"""Claims over HTTP: detail, filters, workflow actions, history, notes, the queue, and their errors."""

import pytest

from claims.choices import ClaimStatus, ReviewStatus
from claims.models import Claim
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    ReviewFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def url(claim, suffix=""):
    return f"/api/v1/claims/{claim.pk}/{suffix}"


def test_detail_has_context_responses_citations_and_verdict(api_client, viewer):
    relation = ClaimRelationFactory()
    claim = relation.target
    CitationFactory(claim=claim)
    ReviewFactory(claim=claim, status=ReviewStatus.PUBLISHED)
    api_client.force_authenticate(viewer)
    data = api_client.get(url(claim)).json()
    assert data["speaker"]["name"] == claim.speaker.name
    assert claim.text in data["context"]["paragraph"]
    assert data["context"]["paragraph"] in claim.article.body
    assert [r["claim"]["id"] for r in data["responses"]] == [relation.source_id]
    assert data["citations"][0]["source"]["title"]
    assert data["verdict"]["rating"] == "mostly_false"
    responder = api_client.get(url(relation.source)).json()
    assert [r["claim"]["id"] for r in responder["responds_to"]] == [claim.pk]


def test_list_filters(api_client, viewer):
    speaker = SpeakerFactory()
    mine = ClaimFactory(speaker=speaker, status=ClaimStatus.ACCEPTED, claim_type="statistical")
    ClaimFactory(status=ClaimStatus.REJECTED)
    api_client.force_authenticate(viewer)

    def ids(**query):
        response = api_client.get("/api/v1/claims/", query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(speaker=speaker.pk) == [mine.pk]
    assert ids(status="accepted") == [mine.pk]
    assert ids(claim_type="statistical") == [mine.pk]
    assert ids(article=mine.article_id) == [mine.pk]
    assert ids(outlet=mine.article.outlet_id) == [mine.pk]
    assert mine.pk in ids(q="budget balanced")
    assert ids(q="nonexistentword") == []
    assert api_client.get("/api/v1/claims/", {"status": "bogus"}).status_code == 400
    assert api_client.get("/api/v1/claims/", {"page_size": 1000}).status_code == 200


def test_page_size_is_capped(api_client, viewer):
    for _ in range(3):
        ClaimFactory()
    api_client.force_authenticate(viewer)
    body = api_client.get("/api/v1/claims/", {"page_size": 2}).json()
    assert len(body["results"]) == 2 and body["next"]
    rest = api_client.get(body["next"]).json()
    assert len(rest["results"]) == 1


def test_create_claim_from_a_span(api_client, annotator, viewer):
    article = ArticleFactory()
    start = article.body.index("The budget")
    api_client.force_authenticate(annotator)
    data = {"article": article.pk, "start": start, "end": start + len("The budget is balanced")}
    response = api_client.post("/api/v1/claims/", data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "The budget is balanced"
    assert response.json()["origin"] == "api"
    assert response.headers["ETag"]
    # The same span twice: the service's validation answers with a field message.
    again = api_client.post("/api/v1/claims/", data, format="json")
    assert again.status_code == 400 and "start" in again.json()
    # A span past the end of the body.
    bad = api_client.post("/api/v1/claims/", {**data, "end": 10**6}, format="json")
    assert bad.status_code == 400 and "end" in bad.json()
    api_client.force_authenticate(viewer)
    assert api_client.post("/api/v1/claims/", data, format="json").status_code == 403


def test_workflow_from_proposal_to_published_verdict(api_client, annotator, reviewer, editor, viewer):
    claim = ClaimFactory()
    api_client.force_authenticate(viewer)
    assert api_client.post(url(claim, "accept/")).status_code == 403

    api_client.force_authenticate(annotator)
    accepted = api_client.post(url(claim, "accept/"))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert api_client.post(url(claim, "accept/")).status_code == 409

    api_client.force_authenticate(editor)
    assigned = api_client.post(url(claim, "assign/"), {"assignee": reviewer.pk}, format="json")
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["assignee"]["id"] == reviewer.pk

    api_client.force_authenticate(reviewer)
    queue = api_client.get("/api/v1/queue/").json()["results"]
    assert [row["id"] for row in queue] == [claim.pk]
    verdict = api_client.post(url(claim, "verdict/"), {"rating": "false", "summary": "Wrong."}, format="json")
    assert verdict.status_code == 201, verdict.content
    review_id = verdict.json()["id"]
    assert api_client.post(f"/api/v1/reviews/{review_id}/publish/").status_code == 403

    api_client.force_authenticate(editor)
    etag = api_client.get(f"/api/v1/reviews/{review_id}/").headers["ETag"]
    published = api_client.post(f"/api/v1/reviews/{review_id}/publish/", HTTP_IF_MATCH=etag)
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"
    assert api_client.get(url(claim)).json()["verdict"]["id"] == review_id
    assert api_client.get(url(claim, "claimreview")).status_code == 200

    history = api_client.get(url(claim, "history")).json()
    assert {"insert", "update"} <= {event["event"] for event in history}
    assert any(event["user"] and event["user"]["id"] == editor.pk for event in history)


def test_reject_with_reason_and_notes_thread(api_client, annotator, viewer):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    assert api_client.post(url(claim, "reject/"), {"reason": "Not a claim"}, format="json").status_code == 200
    posted = api_client.post(url(claim, "notes"), {"body": "Agreed."}, format="json")
    assert posted.status_code == 201
    notes = api_client.get(url(claim, "notes")).json()["results"]
    assert [n["body"] for n in notes] == ["Rejected: Not a claim", "Agreed."]
    assert api_client.post(url(claim, "notes"), {"body": "   "}, format="json").status_code == 400
    api_client.force_authenticate(viewer)
    assert api_client.post(url(claim, "notes"), {"body": "hi"}, format="json").status_code == 403
    assert api_client.get("/api/v1/claims/999999/notes").status_code == 404


def test_assign_to_a_non_reviewer_is_400(api_client, editor, viewer):
    claim = ClaimFactory(status=ClaimStatus.ACCEPTED)
    api_client.force_authenticate(editor)
    response = api_client.post(url(claim, "assign/"), {"assignee": viewer.pk}, format="json")
    assert response.status_code == 400 and "assignee" in response.json()
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.ACCEPTED


def test_published_claim_cannot_be_edited(api_client, editor):
    claim = ClaimFactory(status=ClaimStatus.PUBLISHED)
    api_client.force_authenticate(editor)
    etag = api_client.get(url(claim)).headers["ETag"]
    response = api_client.patch(url(claim), {"claim_type": "opinion"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 409


@pytest.mark.parametrize("path", ["queue/", "notes"])
def test_queue_and_notes_query_counts_are_constant(api_client, reviewer, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.models.notes import Note

    claim_for_notes = ClaimFactory()
    api_client.force_authenticate(reviewer)
    url = "/api/v1/queue/" if path == "queue/" else url_of_notes(claim_for_notes)
    counts = []
    for rows in (3, 30):
        while True:
            body = api_client.get(url, {"page_size": 100}).json()
            if len(body["results"]) >= rows:
                break
            if path == "queue/":
                CitationFactory(claim=ClaimFactory(status=ClaimStatus.IN_REVIEW, assignee=reviewer))
            else:
                Note.objects.create(claim=claim_for_notes, author=reviewer, body="n")
        with CaptureQueriesContext(connection) as queries:
            assert len(api_client.get(url, {"page_size": 100}).json()["results"]) == rows
        counts.append(len(queries))
    assert counts[0] == counts[1]


def url_of_notes(claim):
    return f"/api/v1/claims/{claim.pk}/notes"


def test_list_rows_match_the_serializer_of_the_claim(api_client, viewer, annotator):
    """The list's JSON is written by the database (selectors.CLAIM_DOCUMENT_SQL); it must say exactly what
    ClaimSerializer says of the same claim, nulls, text escapes and whole-second timestamps included."""
    import datetime as dt

    from claims.api.serializers import ClaimSerializer
    from claims.selectors import claim_detail

    full = ClaimFactory(assignee=annotator, confidence=0.3)
    CitationFactory(claim=full, excerpt='Quote "marks", a \\ backslash and a tab\there.')
    CitationFactory(claim=full, excerpt="")
    bare = ClaimFactory(speaker=None, article=ArticleFactory(outlet=None, published=None), confidence=None)
    Claim.objects.filter(pk=bare.pk).update(
        created_at=dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC),
        updated_at=dt.datetime(2024, 5, 1, 12, 0, 0, 1, tzinfo=dt.UTC),
        orphaned_at=dt.datetime(2024, 5, 2, 8, 30, 0, 250, tzinfo=dt.UTC),
    )
    api_client.force_authenticate(viewer)
    listed = {row["id"]: row for row in api_client.get("/api/v1/claims/").json()["results"]}
    for claim in claim_detail().filter(pk__in=[full.pk, bare.pk]):
        assert listed[claim.pk] == ClaimSerializer(claim).data
    assert listed[bare.pk]["created_at"] == "2024-05-01T12:00:00Z"
    assert listed[bare.pk]["updated_at"] == "2024-05-01T12:00:00.000001Z"
    assert listed[full.pk]["citations"][0]["excerpt"].endswith("tab\there.")
    assert listed[full.pk]["orphaned_at"] is None
    assert listed[bare.pk]["orphaned_at"] == "2024-05-02T08:30:00.000250Z"


@pytest.mark.parametrize("ordering", ["created_at", "-updated_at", "id"])
def test_cursor_pages_ordered_by_a_timestamp_cover_every_claim_once(api_client, viewer, ordering):
    import datetime as dt

    claims = ClaimFactory.create_batch(5)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for n, claim in enumerate(claims):
        # Two claims share a timestamp, one of them to the whole second: the cursor must not lose either.
        moment = start + dt.timedelta(seconds=n // 2, microseconds=0 if n < 2 else 250 * n)
        Claim.objects.filter(pk=claim.pk).update(created_at=moment, updated_at=moment)
    api_client.force_authenticate(viewer)
    seen, url = [], f"/api/v1/claims/?page_size=2&ordering={ordering}"
    while url:
        body = api_client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    field = ordering.lstrip("-")
    expected = sorted(Claim.objects.all(), key=lambda c: (getattr(c, field), c.pk), reverse=ordering.startswith("-"))
    assert sorted(seen) == sorted(c.pk for c in claims)
    assert [getattr(Claim.objects.get(pk=pk), field) for pk in seen] == [getattr(c, field) for c in expected]


def test_filtering_by_several_statuses_lists_each_claim_once_without_distinct(api_client, viewer):
    """DISTINCT would make PostgreSQL render every matching row before the LIMIT; a claim has one status,
    so the filter never needs it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    accepted = ClaimFactory.create_batch(2, status=ClaimStatus.ACCEPTED)
    proposed = ClaimFactory(status=ClaimStatus.PROPOSED)
    ClaimFactory(status=ClaimStatus.REJECTED)
    api_client.force_authenticate(viewer)
    with CaptureQueriesContext(connection) as queries:
        body = api_client.get("/api/v1/claims/?status=accepted&status=proposed").json()
    assert [row["id"] for row in body["results"]] == sorted([c.pk for c in [*accepted, proposed]], reverse=True)
    assert not any("DISTINCT" in query["sql"] for query in queries)


def test_filters_sent_together_all_apply_and_each_is_checked(api_client, viewer):
    # The filter backend builds only the filters a request sends; each one sent must still work and be checked.
    speaker = SpeakerFactory()
    mine = ClaimFactory(speaker=speaker, status=ClaimStatus.ACCEPTED)
    ClaimFactory(speaker=speaker, status=ClaimStatus.REJECTED)
    api_client.force_authenticate(viewer)

    def ids(**query):
        response = api_client.get("/api/v1/claims/", query)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(speaker=speaker.pk, status="accepted") == [mine.pk]
    assert ids(speaker=speaker.pk, status="accepted", article=mine.article_id + 1000) == []
    assert ids(published_after="2000-01-01", speaker=speaker.pk, status="accepted") == [mine.pk]
    bad = api_client.get("/api/v1/claims/", {"article": mine.article_id, "speaker": "abc"})
    assert bad.status_code == 400 and set(bad.json()) == {"speaker"}
    assert api_client.get("/api/v1/claims/", {"published_before": "yesterday"}).status_code == 400
