"""The article annotations export against the W3C Web Annotation WG's own schema assertions."""

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus, RelationType
from claims.exports import annotations as export
from tests.exports.w3c import failures, meets
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRelationFactory,
    ResponseClaimFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory(url="https://news.example/budget")
    ClaimFactory(article=article, speaker=SpeakerFactory(name="Alex Minister"), status=ClaimStatus.ACCEPTED)
    ResponseClaimFactory(article=article, speaker=None, status=ClaimStatus.IN_REVIEW)
    return article


def get_collection(client, article, **query):
    return client.get(reverse("api:article-annotations", args=[article.pk]), query)


def test_collection_meets_every_must_of_the_model(api_client, viewer, article):
    api_client.force_authenticate(viewer)
    response = get_collection(api_client, article)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/ld+json")
    collection = response.json()
    assert failures(collection, "collections/collectionMusts.test") == []
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["total"] == 2


def test_every_annotation_meets_every_must_and_uses_both_text_selectors(api_client, viewer, article):
    api_client.force_authenticate(viewer)
    items = get_collection(api_client, article).json()["first"]["items"]
    assert len(items) == 2
    for item in items:
        assert failures(item, "annotations/annotationMusts.test") == []
        assert meets(item, "annotations/specificResource/4.2.4-textQuoteSelector.json")
        assert meets(item, "annotations/specificResource/4.2.5-textPositionSelector.json")


def test_selectors_point_at_the_quoted_text_of_the_served_body(api_client, viewer, article):
    api_client.force_authenticate(viewer)
    item = get_collection(api_client, article).json()["first"]["items"][0]
    target = item["target"]
    body = api_client.get(target["source"]).content.decode()
    quote, position = target["selector"]
    assert body[position["start"] : position["end"]] == quote["exact"]
    assert body[: position["start"]].endswith(quote["prefix"])
    assert target["scope"] == "https://news.example/budget"


def test_first_page_is_embedded_and_later_pages_meet_the_page_musts(api_client, viewer, monkeypatch):
    monkeypatch.setattr(export, "PAGE_SIZE", 1)
    article = ArticleFactory()
    ClaimFactory(article=article, status=ClaimStatus.ACCEPTED)
    ResponseClaimFactory(article=article, status=ClaimStatus.ACCEPTED)
    api_client.force_authenticate(viewer)
    collection = get_collection(api_client, article).json()
    assert len(collection["first"]["items"]) == 1
    assert collection["last"].endswith("?page=1")
    page = get_collection(api_client, article, page=1).json()
    assert failures(page, "collections/pages/pageMusts.test") == []
    assert page["partOf"]["id"] == collection["id"]
    assert page["startIndex"] == 1
    assert get_collection(api_client, article, page=2).status_code == 404
    assert get_collection(api_client, article, page="x").status_code == 400


def test_an_annotation_missing_its_target_fails_the_schemas():
    # The validator must be able to fail: an annotation without a target breaks a MUST.
    broken = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://x.example/1", "type": "Annotation"}
    assert failures(broken, "annotations/annotationMusts.test")


def bodies_by_purpose(item, purpose):
    return [body for body in item["body"] if body["purpose"] == purpose]


def test_only_accepted_and_later_claims_by_default_proposals_on_request(api_client, viewer):
    article = ArticleFactory()
    ClaimFactory(article=article, status=ClaimStatus.PROPOSED)
    ResponseClaimFactory(article=article, status=ClaimStatus.ACCEPTED)
    api_client.force_authenticate(viewer)
    default = get_collection(api_client, article).json()
    assert default["total"] == 1
    assert [b["value"] for b in default["first"]["items"][0]["body"] if b["purpose"] == "tagging"][1] == "accepted"
    everything = get_collection(api_client, article, proposals="true").json()
    assert everything["total"] == 2
    assert everything["id"].endswith("?proposals=true") and everything["last"].endswith("?proposals=true&page=0")
    assert get_collection(api_client, article, proposals="maybe").status_code == 400


def test_annotations_link_speaker_verdict_responses_and_citations(api_client, viewer, world):
    api_client.force_authenticate(viewer)
    collection = get_collection(api_client, world.claim.article).json()
    items = {item["id"].rstrip("/").rsplit("/", 1)[-1]: item for item in collection["first"]["items"]}
    assert set(items) == {str(world.claim.pk), str(world.response.pk)}  # not the rejected or proposed
    item = items[str(world.claim.pk)]
    for annotation in items.values():
        assert failures(annotation, "annotations/annotationMusts.test") == []
    (speaker,) = bodies_by_purpose(item, "identifying")
    assert speaker["source"]["label"] == "Dana Quillfeather"
    assert speaker["source"]["id"] == f"http://testserver{reverse('api:speaker-detail', args=[world.speaker.pk])}"
    (verdict,) = bodies_by_purpose(item, "assessing")
    assert verdict["source"]["label"] == "Mostly false: Growth was far lower than claimed."
    assert verdict["source"]["id"] == f"http://testserver/fact-checks/{world.claim.pk}/"
    (reply,) = bodies_by_purpose(item, "replying")  # the confirmed rebuttal; the proposal is left out
    assert reply["source"]["id"].endswith(f"/claims/{world.response.pk}")
    assert "That number is invented." in reply["source"]["label"]
    (citation,) = bodies_by_purpose(item, "linking")
    assert citation["source"]["id"] == "https://stats.example/trade"
    assert citation["source"]["label"].startswith("Contradicts")
    # The response has no verdict and no sources: nothing made up for it.
    response_item = items[str(world.response.pk)]
    assert not bodies_by_purpose(response_item, "assessing") and not bodies_by_purpose(response_item, "linking")


def _article_with_linked_claims(count: int):
    article = ArticleFactory(body="".join(f"Speaker {n} said: “Point {n} holds.”\n\n" for n in range(count)) + "End.")
    claims = []
    for n in range(count):
        start = article.body.index(f"Point {n} holds.")
        end = start + len(f"Point {n} holds.")
        claims.append(ClaimFactory(article=article, start=start, end=end, status=ClaimStatus.ACCEPTED))
        CitationFactory(claim=claims[-1])
    for answer, answered in zip(claims[1:], claims, strict=False):
        ClaimRelationFactory(source=answer, target=answered, relation_type=RelationType.REBUTS)
    return article


def test_annotation_queries_are_the_same_for_3_and_30_claims(api_client, viewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api_client.force_authenticate(viewer)
    get_collection(api_client, _article_with_linked_claims(1))  # the first request fills per-process caches
    counts = []
    for size in (3, 30):
        article = _article_with_linked_claims(size)
        with CaptureQueriesContext(connection) as queries:
            assert get_collection(api_client, article).json()["total"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
