"""The article annotations export against the W3C Web Annotation WG's own schema assertions."""

import pytest
from django.urls import reverse

from claims.exports import annotations as export
from tests.exports.w3c import failures, meets
from tests.factories import ArticleFactory, ClaimFactory, ResponseClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory(url="https://news.example/budget")
    ClaimFactory(article=article, speaker=SpeakerFactory(name="Alex Minister"))
    ResponseClaimFactory(article=article, speaker=None)
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
    ClaimFactory(article=article)
    ResponseClaimFactory(article=article)
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
