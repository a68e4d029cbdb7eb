"""Public pages over HTTP: what they show, what they never show, and how they cache."""

import pytest
from django.urls import reverse

from claims.choices import ReviewStatus
from claims.models import Review
from tests.factories import ClaimFactory
from tests.published import publish

pytestmark = pytest.mark.django_db


def page(client, name, *args, **query):
    return client.get(reverse(name, args=args), query)


def test_factcheck_page_shows_the_claim_in_its_sentence_with_verdict_sources_and_responses(client, world):
    response = page(client, "public:factcheck", world.claim.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'The chancellor told the committee: “<mark class="claim">Exports rose by a third last year.</mark>”' in html
    assert "Ministers met on Tuesday" not in html  # the sentence, not the paragraph
    assert "Dana Quillfeather" in html
    assert 'href="https://ledger.example/treasury-forecast"' in html
    assert "Mostly false" in html and "Trade figures show exports rose by 4 per cent." in html
    assert "Quarterly trade bulletin" in html and "Contradicts" in html
    assert "That number is invented." in html
    assert "rebuts it" in html


def test_correction_shows_the_superseded_verdict_marked(client, world):
    html = page(client, "public:factcheck", world.corrected.pk).content.decode()
    assert "Mostly true" in html and "Thirty-six routes were added." in html
    assert "Superseded" in html and "<del>No new routes were added.</del>" in html


def test_nothing_unpublished_is_reachable_or_hinted_at(client, world):
    assert page(client, "public:factcheck", world.unpublished.pk).status_code == 404
    assert page(client, "public:factcheck", world.response.pk).status_code == 404
    assert page(client, "public:speaker", world.hidden_speaker.pk).status_code == 404
    for html in (
        page(client, "public:index").content.decode(),
        page(client, "public:factcheck", world.claim.pk).content.decode(),
        page(client, "public:speaker", world.speaker.pk).content.decode(),
        page(client, "public:feed").content.decode(),
        client.get("/sitemap-factchecks.xml").content.decode(),
        client.get("/sitemap-speakers.xml").content.decode(),
    ):
        assert "Rents fell everywhere" not in html
        assert "Draft verdict nobody approved" not in html
        assert "Rowan Unpublishedson" not in html
        assert "Secret draft story" not in html
        assert f"/fact-checks/{world.unpublished.pk}/" not in html


def test_speaker_page_lists_checked_claims_with_ratings(client, world):
    html = page(client, "public:speaker", world.speaker.pk).content.decode()
    assert "Exports rose by a third last year." in html and "We added forty bus routes." in html
    assert "Mostly false" in html and "Mostly true" in html
    assert "That number is invented." not in html


def test_index_searches_and_pages_without_counting(client, world, settings, monkeypatch):
    html = page(client, "public:index", q="exports").content.decode()
    assert "Exports rose by a third" in html and "bus routes" not in html
    assert "bus routes" in page(client, "public:index", q="Quillfeather").content.decode()
    monkeypatch.setattr("claims.public.views.PAGE_SIZE", 1)
    first = page(client, "public:index").content.decode()
    assert "bus routes" in first and "Exports rose" not in first  # newest verdict first
    assert 'rel="next" href="?page=2"' in first
    second = page(client, "public:index", page=2).content.decode()
    assert "Exports rose" in second and 'rel="prev"' in second and 'rel="next"' not in second
    assert page(client, "public:index", page=3).status_code == 404
    assert page(client, "public:index", page="x").status_code == 404


def test_pages_revalidate_with_etag_and_last_modified(client, world, settings):
    settings.PUBLIC_CACHE_SECONDS = 120
    url = reverse("public:factcheck", args=[world.claim.pk])
    response = client.get(url)
    etag = response.headers["ETag"]
    assert response.headers["Last-Modified"]
    assert "public" in response.headers["Cache-Control"] and "max-age=120" in response.headers["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response.headers["Last-Modified"]).status_code == 304
    # A new source on the claim changes the page, so the old tag no longer matches.
    from tests.factories import CitationFactory

    CitationFactory(claim=world.claim)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("name", ["public:index", "public:feed"])
def test_listings_revalidate_and_change_when_a_verdict_is_published(client, world, name):
    url = reverse(name)
    etag = client.get(url).headers["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    claim = ClaimFactory()
    publish(claim)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("name", ["public:index", "public:feed"])
def test_listings_change_when_a_published_claim_is_deleted(client, world, name):
    url = reverse(name)
    etag = client.get(url).headers["ETag"]
    # A verdict removed outright leaves no newer timestamp behind: only the count tells.
    Review.objects.filter(claim=world.claim, status=ReviewStatus.PUBLISHED).delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_speaker_page_changes_when_one_of_their_verdicts_is_removed(client, world):
    url = reverse("public:speaker", args=[world.speaker.pk])
    etag = client.get(url).headers["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Review.objects.filter(claim=world.claim, status=ReviewStatus.PUBLISHED).delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_atom_feed_lists_published_verdicts(client, world):
    response = page(client, "public:feed")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert xml.count("<entry>") == 2
    assert f"/fact-checks/{world.claim.pk}/" in xml and "Mostly false: “Exports rose by a third last year.”" in xml


def test_sitemap_lists_factchecks_speakers_and_revalidates(client, world):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = index.content.decode()
    assert sections.count("<sitemap>") == 3
    xml = ""
    for section in ("index", "factchecks", "speakers"):
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in sections
        xml += client.get(f"/sitemap-{section}.xml").content.decode()
    for path in (
        reverse("public:index"),
        reverse("public:factcheck", args=[world.claim.pk]),
        reverse("public:factcheck", args=[world.corrected.pk]),
        reverse("public:speaker", args=[world.speaker.pk]),
    ):
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert xml.count("<url>") == 4  # the index, two fact-checks, their one speaker (the responder has none)
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=index.headers["ETag"]).status_code == 304
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_pages_need_no_login_and_refuse_writes(client, world):
    response = page(client, "public:factcheck", world.claim.pk)
    assert "login" not in response.content.decode().lower()
    assert "Cookie" not in response.headers.get("Vary", "")
    assert client.post(reverse("public:factcheck", args=[world.claim.pk])).status_code == 405
