"""The ClaimReview JSON-LD embedded in each fact-check page, against schema.org's and Google's fields."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from claims.choices import ClaimStatus, RelationType
from tests.factories import ArticleFactory, ClaimFactory, ClaimRelationFactory, OutletFactory
from tests.published import publish

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def embedded(client, claim) -> dict:
    html = client.get(reverse("public:factcheck", args=[claim.pk])).content.decode()
    blocks = JSONLD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_embedded_claimreview_carries_required_and_recommended_fields(client, world, settings):
    settings.CLAIMREVIEW_PUBLISHER_NAME = "Ledger Checks"
    settings.CLAIMREVIEW_PUBLISHER_URL = "https://checks.example/"
    doc = embedded(client, world.claim)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["url"] == f"http://testserver/fact-checks/{world.claim.pk}/"
    assert doc["claimReviewed"] == "Exports rose by a third last year."
    assert doc["author"] == {"@type": "Organization", "name": "Ledger Checks", "url": "https://checks.example/"}
    assert dt.date.fromisoformat(doc["datePublished"])
    assert doc["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Dana Quillfeather"}
    assert item["datePublished"] == "2025-03-04"
    assert item["firstAppearance"]["url"] == "https://ledger.example/treasury-forecast"
    assert [appearance["url"] for appearance in item["appearance"]] == ["https://ledger.example/treasury-forecast"]
    assert item["appearance"][0]["publisher"] == {"@type": "Organization", "name": "The Morning Ledger"}


def test_url_is_where_the_desk_published_it_when_given(client, world):
    review = world.claim.reviews.get(status="published")
    review.published_url = "https://checks.example/exports-third"
    review.save(update_fields=["published_url"])
    assert embedded(client, world.claim)["url"] == "https://checks.example/exports-third"


def test_confirmed_repeats_are_appearances_and_the_earliest_is_first(client, world):
    earlier = ArticleFactory(
        url="https://gazette.example/earlier",
        published=dt.date(2025, 1, 10),
        outlet=OutletFactory(name="Gazette"),
        body="At a rally she said: “Exports rose by a third last year.”\n\nNobody answered: “Fine.”",
    )
    repeat = ClaimFactory(article=earlier, speaker=world.speaker, status=ClaimStatus.ACCEPTED)
    ClaimRelationFactory(source=world.claim, target=repeat, relation_type=RelationType.REPEATS)
    unconfirmed = ClaimFactory(article=ArticleFactory(url="https://blog.example/x"), status=ClaimStatus.PROPOSED)
    ClaimRelationFactory(source=unconfirmed, target=world.claim, relation_type=RelationType.REPEATS)
    item = embedded(client, world.claim)["itemReviewed"]
    urls = [appearance["url"] for appearance in item["appearance"]]
    assert urls == ["https://gazette.example/earlier", "https://ledger.example/treasury-forecast"]
    assert item["firstAppearance"]["url"] == "https://gazette.example/earlier"
    assert item["datePublished"] == "2025-01-10"


def test_a_quote_cannot_break_out_of_the_script(client):
    body = "He wrote: “</script><script>alert(1)</script> & <!-- it”\n\nThey said: “No.”"
    claim = ClaimFactory(article=ArticleFactory(body=body))
    publish(claim, summary="</script> closing tags are text here")
    html = client.get(reverse("public:factcheck", args=[claim.pk])).content.decode()
    assert "<script>alert(1)" not in html
    doc = json.loads(JSONLD.findall(html)[0])
    assert doc["claimReviewed"] == "</script><script>alert(1)</script> & <!-- it"
    assert doc["headline"] == "</script> closing tags are text here"


def test_api_claimreview_points_at_the_public_page(api_client, viewer, world):
    api_client.force_authenticate(viewer)
    doc = api_client.get(reverse("api:claim-claimreview", args=[world.claim.pk])).json()
    assert doc["url"] == f"http://testserver/fact-checks/{world.claim.pk}/"
    assert doc["itemReviewed"]["firstAppearance"]["url"] == "https://ledger.example/treasury-forecast"
