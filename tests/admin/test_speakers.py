"""Merging two speakers from the changelist, with a confirmation page choosing the survivor."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.models import Speaker
from tests.admin.conftest import messages_of
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

URL = "admin:claims_speaker_changelist"


def _merge(client, speakers, **extra):
    return client.post(
        reverse(URL), {"action": "merge_speakers", ACTION_CHECKBOX_NAME: [s.pk for s in speakers], **extra}, follow=True
    )


def test_merge_asks_which_speaker_survives_then_merges(client, staff_editor):
    keep = SpeakerFactory(name="Lord Example")
    duplicate = SpeakerFactory(name="Example")
    SpeakerAliasFactory(speaker=duplicate, name="the peer")
    claim = ClaimFactory(speaker=duplicate)
    client.force_login(staff_editor)

    page = _merge(client, [keep, duplicate])
    html = page.content.decode()
    assert "Merge two speakers" in html and f'value="{keep.pk}"' in html
    assert Speaker.objects.get(pk=duplicate.pk).merged_into is None  # nothing happens before confirming

    response = _merge(client, [keep, duplicate], apply="1", survivor=keep.pk)

    duplicate.refresh_from_db()
    claim.refresh_from_db()
    assert duplicate.merged_into == keep
    assert claim.speaker == keep
    assert set(keep.aliases.values_list("name", flat=True)) >= {"Example", "the peer"}
    assert any("Merged" in m for m in messages_of(response))


def test_merge_needs_exactly_two(client, staff_editor):
    speakers = SpeakerFactory.create_batch(3)
    client.force_login(staff_editor)

    response = _merge(client, speakers)

    assert any("exactly two" in m for m in messages_of(response))
    assert not Speaker.objects.filter(merged_into__isnull=False).exists()


def test_only_editors_merge(client, staff_annotator):
    a, b = SpeakerFactory.create_batch(2)
    client.force_login(staff_annotator)

    response = _merge(client, [a, b], apply="1", survivor=a.pk)

    assert not Speaker.objects.filter(merged_into__isnull=False).exists()
    assert any("editor" in m for m in messages_of(response))


def test_speaker_page_has_alias_and_role_inlines_and_history(client, staff_user):
    speaker = SpeakerFactory()
    client.force_login(staff_user)

    html = client.get(reverse("admin:claims_speaker_change", args=[speaker.pk])).content.decode()

    assert "aliases-TOTAL_FORMS" in html and "roles-TOTAL_FORMS" in html
    assert "Events" in html  # pghistory's admin integration


def test_speaker_autocomplete_skips_merged_speakers(client, staff_annotator):
    live = SpeakerFactory(name="Taylor Active")
    SpeakerFactory(name="Taylor Gone", merged_into=live)
    client.force_login(staff_annotator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Taylor", "app_label": "claims", "model_name": "claim", "field_name": "speaker"},
    )

    assert [r["text"] for r in response.json()["results"]] == ["Taylor Active"]


def test_speaker_page_offers_possible_duplicates_without_merging(client, staff_user):
    labour = SpeakerFactory(name="Labour", kind="organisation")
    party = SpeakerFactory(name="Labour Party", kind="organisation")
    client.force_login(staff_user)
    page = client.get(reverse("admin:claims_speaker_change", args=[labour.pk]))
    html = page.content.decode()
    assert "possible duplicates" in html.lower()
    assert reverse("admin:claims_speaker_change", args=[party.pk]) in html
    party.refresh_from_db()
    assert party.merged_into_id is None
