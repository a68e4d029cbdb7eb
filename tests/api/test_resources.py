"""Articles, speakers, relations and errors over HTTP."""

import pytest
from django.db import IntegrityError
from django.test import override_settings

from articles.models import Article
from claims.api.errors import translate
from claims.models import Speaker
from tests.factories import ArticleFactory, ClaimFactory, SpeakerAliasFactory, SpeakerFactory, SpeakerRoleFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Minister quits over budget\n\n"
    "The minister said: “The budget is balanced and growth is strong this year.”\n\n"
    "A spokesman for the opposition said: “These figures are simply false.”"
)


def test_posting_an_article_stores_and_extracts_it_and_reposting_returns_it(api_client, editor):
    api_client.force_authenticate(editor)
    first = api_client.post("/api/v1/articles/", {"text": ARTICLE, "outlet": "Daily Example"}, format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["outlet"]["name"] == "Daily Example"
    assert body["claims"], "extraction proposed no claim"
    again = api_client.post("/api/v1/articles/", {"text": ARTICLE}, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]


def test_posting_an_article_as_plain_text(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.generic("POST", "/api/v1/articles/", ARTICLE.encode(), content_type="text/plain")
    assert response.status_code == 201, response.content


@override_settings(ARTICLE_MAX_BYTES=1000)
def test_oversized_article_is_413_and_nothing_is_stored(api_client, editor):
    api_client.force_authenticate(editor)
    response = api_client.post("/api/v1/articles/", {"text": "x" * 1500}, format="json")
    assert response.status_code == 413
    assert not Article.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_json_body_is_413(api_client, annotator):
    api_client.force_authenticate(annotator)
    response = api_client.post("/api/v1/speakers/", {"name": "x", "description": "y" * 5000}, format="json")
    assert response.status_code == 413


def test_malformed_json_is_400(api_client, annotator):
    api_client.force_authenticate(annotator)
    response = api_client.generic("POST", "/api/v1/speakers/", b"{not json", content_type="application/json")
    assert response.status_code == 400


def test_article_filters(api_client, viewer):
    article = ArticleFactory(headline="Railway strike talks collapse", published="2018-12-20")
    ArticleFactory(published="2017-01-01")
    api_client.force_authenticate(viewer)

    def ids(**query):
        return [row["id"] for row in api_client.get("/api/v1/articles/", query).json()["results"]]

    assert ids(q="railway strike") == [article.pk]
    assert ids(published_after="2018-12-01", published_before="2018-12-31") == [article.pk]
    assert ids(outlet=article.outlet_id) == [article.pk]


def test_speaker_search_is_fuzzy_on_names_and_aliases(api_client, viewer):
    speaker = SpeakerFactory(name="Jonathan Examplesson")
    SpeakerAliasFactory(speaker=speaker, name="Lord Examplesson")
    SpeakerFactory(name="Someone Else")
    api_client.force_authenticate(viewer)

    def ids(q):
        return [row["id"] for row in api_client.get("/api/v1/speakers/", {"q": q}).json()["results"]]

    assert ids("Examplson") == [speaker.pk]  # misspelt
    assert ids("lord examplesson") == [speaker.pk]


def test_speaker_detail_has_roles_and_claim_counts(api_client, viewer):
    organisation = SpeakerFactory(name="Example Party", kind="organisation")
    role = SpeakerRoleFactory(organisation=organisation)
    ClaimFactory(speaker=role.speaker)
    api_client.force_authenticate(viewer)
    data = api_client.get(f"/api/v1/speakers/{role.speaker_id}/").json()
    assert data["roles"][0]["organisation"]["name"] == "Example Party"
    assert data["claim_counts"]["total"] == 1 and data["claim_counts"]["proposed"] == 1
    listed = api_client.get("/api/v1/speakers/", {"affiliation": organisation.pk}).json()["results"]
    assert [row["id"] for row in listed] == [role.speaker_id]


def test_merging_speakers_keeps_every_claim_and_alias(api_client, editor, annotator):
    source, target = SpeakerFactory(name="J. Example"), SpeakerFactory(name="Jane Example")
    SpeakerAliasFactory(speaker=source, name="Example")
    claim = ClaimFactory(speaker=source)
    merge_url = f"/api/v1/speakers/{source.pk}/merge/"
    api_client.force_authenticate(annotator)
    assert api_client.post(merge_url, {"into": target.pk}, format="json").status_code == 403
    api_client.force_authenticate(editor)
    response = api_client.post(merge_url, {"into": target.pk}, format="json")
    assert response.status_code == 200, response.content
    assert set(response.json()["aliases"]) >= {"J. Example", "Example"}
    claim.refresh_from_db()
    assert claim.speaker_id == target.pk
    assert Speaker.objects.get(pk=source.pk).merged_into_id == target.pk
    again = api_client.post(merge_url, {"into": target.pk}, format="json")
    assert again.status_code == 400
    assert api_client.post(f"/api/v1/speakers/{target.pk}/merge/", {"into": 10**9}, format="json").status_code == 400


def test_relation_to_itself_is_400(api_client, annotator):
    claim = ClaimFactory()
    api_client.force_authenticate(annotator)
    data = {"source": claim.pk, "target": claim.pk, "relation_type": "rebuts"}
    response = api_client.post("/api/v1/relations/", data, format="json")
    assert response.status_code == 400 and "target" in response.json()


def test_unique_violation_maps_to_409_and_other_integrity_errors_to_400():
    class Cause(Exception):
        sqlstate = "23505"

    duplicate = IntegrityError("duplicate")
    duplicate.__cause__ = Cause()
    assert translate(duplicate).status_code == 409
    assert translate(IntegrityError("check")).status_code == 400
