"""Admin changelist and autocomplete search: typo-tolerant speakers and claims."""

import pytest

from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_changelists_find_speakers_and_claims_despite_typos(client, staff_user):
    article = ArticleFactory(body="The mayor said: “The tram extension will open in the autumn.”")
    speaker = SpeakerFactory(name="Ken Livingstone")
    text = "The tram extension will open in the autumn."
    start = article.body.index(text)
    claim = ClaimFactory(article=article, text=text, start=start, end=start + len(text), speaker=speaker)
    other = SpeakerFactory(name="Maria Lopez")
    client.force_login(staff_user)

    speakers = client.get("/admin/claims/speaker/", {"q": "Livingstne"}).content.decode()
    assert "Ken Livingstone" in speakers and other.name not in speakers
    by_speaker = client.get("/admin/claims/claim/", {"q": "Livingstne"}).content.decode()
    assert f"/admin/claims/claim/{claim.pk}/change/" in by_speaker
    by_words = client.get("/admin/claims/claim/", {"q": "tram extensoin"}).content.decode()
    assert f"/admin/claims/claim/{claim.pk}/change/" in by_words
    autocomplete = client.get(
        "/admin/autocomplete/",
        {"term": "Livingstne", "app_label": "claims", "model_name": "claim", "field_name": "speaker"},
    ).json()
    assert [row["id"] for row in autocomplete["results"]] == [str(speaker.pk)]
