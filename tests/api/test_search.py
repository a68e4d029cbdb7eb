"""Search over HTTP: ranked full text with websearch syntax and escaped, highlighted snippets; typo-tolerant
speaker and claim autocompletes; bad input answered with field messages."""

import pytest

from tests.factories import ArticleFactory, ClaimFactory, SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def claim_on(article, text, speaker=None):
    start = article.body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), speaker=speaker)


@pytest.fixture
def corpus():
    body = (
        "The minister said: “Unemployment fell by two per cent in the northern regions.”\n\n"
        "The union said: “Wages are falling & rents are <b>rising</b>.”\n\n"
        "A spokeswoman said: “Unemployment is a local matter, not a national one.”"
    )
    article = ArticleFactory(headline="Jobs figures disputed by unions", body=body)
    hargreaves = SpeakerFactory(name="Eleanor Hargreaves")
    livingstone = SpeakerFactory(name="Ken Livingstone")
    SpeakerAliasFactory(speaker=livingstone, name="Red Ken")
    return {
        "article": article,
        "fell": claim_on(article, "Unemployment fell by two per cent in the northern regions.", hargreaves),
        "wages": claim_on(article, "Wages are falling & rents are <b>rising</b>.", livingstone),
        "local": claim_on(article, "Unemployment is a local matter, not a national one."),
        "hargreaves": hargreaves,
        "livingstone": livingstone,
    }


def search(client, **params):
    return client.get("/api/v1/search/", params)


def test_ranked_search_with_websearch_syntax_and_highlights(api_client, viewer, corpus):
    api_client.force_authenticate(viewer)
    data = search(api_client, q="unemployment").json()
    assert {hit["id"] for hit in data["claims"]} == {corpus["fell"].pk, corpus["local"].pk}
    assert all("<mark>Unemployment</mark>" in hit["snippet"] for hit in data["claims"])
    assert data["articles"][0]["id"] == corpus["article"].pk
    assert "<mark>" in data["articles"][0]["snippet"]

    phrase = search(api_client, q='"per cent"', type="claims").json()
    assert [hit["id"] for hit in phrase["claims"]] == [corpus["fell"].pk]
    assert "articles" not in phrase
    excluded = search(api_client, q="unemployment -local", type="claims").json()
    assert [hit["id"] for hit in excluded["claims"]] == [corpus["fell"].pk]
    either = search(api_client, q="wages or regions", type="claims").json()
    assert {hit["id"] for hit in either["claims"]} == {corpus["fell"].pk, corpus["wages"].pk}


def test_snippets_escape_the_text(api_client, viewer, corpus):
    api_client.force_authenticate(viewer)
    hit = search(api_client, q="rising", type="claims").json()["claims"][0]
    assert "<b>" not in hit["snippet"] and "&lt;b&gt;" in hit["snippet"]
    assert "&amp; rents" in hit["snippet"] and "<mark>rising</mark>" in hit["snippet"]


def test_search_refuses_bad_input_with_field_messages(api_client, viewer):
    assert search(api_client, q="x").status_code in (401, 403)
    api_client.force_authenticate(viewer)
    assert "q" in search(api_client).json()
    assert "q" in search(api_client, q="   ").json()
    assert "type" in search(api_client, q="jobs", type="speakers").json()
    assert "limit" in search(api_client, q="jobs", limit=1000).json()


@pytest.mark.parametrize(
    ("typed", "expected"), [("Hargreves", "hargreaves"), ("Livingstne", "livingstone"), ("red ken", "livingstone")]
)
def test_speaker_autocomplete_tolerates_typos(api_client, viewer, corpus, typed, expected):
    api_client.force_authenticate(viewer)
    found = api_client.get("/api/v1/autocomplete/speakers/", {"q": typed}).json()
    assert found[0]["id"] == corpus[expected].pk


def test_claim_autocomplete_tolerates_typos(api_client, viewer, corpus):
    api_client.force_authenticate(viewer)
    found = api_client.get("/api/v1/autocomplete/claims/", {"q": "unemploymnt fell"}).json()
    assert found[0]["id"] == corpus["fell"].pk
    assert found[0]["speaker"]["name"] == "Eleanor Hargreaves"
    assert api_client.get("/api/v1/autocomplete/claims/", {"q": ""}).status_code == 400


def test_speaker_filter_of_the_list_is_typo_tolerant_too(api_client, viewer, corpus):
    api_client.force_authenticate(viewer)
    results = api_client.get("/api/v1/speakers/", {"q": "Hargreves"}).json()["results"]
    assert [s["id"] for s in results] == [corpus["hargreaves"].pk]
