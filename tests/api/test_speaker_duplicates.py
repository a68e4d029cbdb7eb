"""Possible duplicates in the speaker directory: offered to an editor, never merged by guess."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Speaker
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _ids(api_client, speaker):
    response = api_client.get(f"/api/v1/speakers/{speaker.pk}/duplicates/")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()]


def test_shorter_and_fuller_names_of_the_same_kind_are_offered(api_client, viewer):
    api_client.force_authenticate(viewer)
    labour = SpeakerFactory(name="Labour", kind="organisation")
    party = SpeakerFactory(name="Labour Party", kind="organisation")
    SpeakerFactory(name="Labour", kind="person")  # another kind is someone else
    SpeakerFactory(name="Green Party", kind="organisation")  # shares only a neutral word
    assert _ids(api_client, labour) == [party.pk]
    assert _ids(api_client, party) == [labour.pk]


def test_people_need_every_word_of_the_shorter_name(api_client, viewer):
    api_client.force_authenticate(viewer)
    full = SpeakerFactory(name="Joseph R. Biden Jr.", kind="person")
    surname = SpeakerFactory(name="Biden", kind="person")
    other = SpeakerFactory(name="Hunter Biden", kind="person")
    assert set(_ids(api_client, surname)) == {full.pk, other.pk}
    assert _ids(api_client, full) == [surname.pk]  # "Hunter Biden" is not "Joseph Biden"


def test_an_alias_counts_and_merged_speakers_are_left_out(api_client, viewer):
    api_client.force_authenticate(viewer)
    target = SpeakerFactory(name="Office for National Statistics", kind="organisation")
    short = SpeakerFactory(name="ONS", kind="organisation")
    SpeakerAliasFactory(speaker=short, name="National Statistics")
    gone = SpeakerFactory(name="Office for National Statistics UK", kind="organisation")
    gone.merged_into = target
    gone.save()
    assert _ids(api_client, target) == [short.pk]


def test_listing_duplicates_merges_nothing(api_client, viewer):
    api_client.force_authenticate(viewer)
    labour = SpeakerFactory(name="Labour", kind="organisation")
    SpeakerFactory(name="Labour Party", kind="organisation")
    ClaimFactory(speaker=labour)
    _ids(api_client, labour)
    assert Speaker.objects.filter(merged_into__isnull=False).count() == 0


def _queries_for_duplicates(api_client, prefix: str, count: int) -> int:
    speaker = SpeakerFactory(name=f"{prefix} Council", kind="organisation")
    for n in range(count):
        other = SpeakerFactory(name=f"{prefix} Council Planning {n}", kind="organisation")
        SpeakerAliasFactory(speaker=other, name=f"{prefix[:3].upper()}{n}")
    with CaptureQueriesContext(connection) as queries:
        assert len(_ids(api_client, speaker)) == count
    return len(queries)


def test_duplicates_take_a_fixed_number_of_queries(api_client, viewer):
    api_client.force_authenticate(viewer)
    _queries_for_duplicates(api_client, "Eastgate", 1)  # the first request also starts the throttle's record
    assert _queries_for_duplicates(api_client, "Northfield", 3) == _queries_for_duplicates(api_client, "Southmoor", 15)


def test_unknown_speaker_is_404(api_client, viewer):
    api_client.force_authenticate(viewer)
    assert api_client.get("/api/v1/speakers/999999/duplicates/").status_code == 404


def test_anonymous_clients_may_not_read_duplicates(api_client):
    speaker = SpeakerFactory(name="Labour", kind="organisation")
    assert api_client.get(f"/api/v1/speakers/{speaker.pk}/duplicates/").status_code in {401, 403}


def test_a_near_spelling_is_offered_as_on_the_speaker_page(api_client, viewer):
    api_client.force_authenticate(viewer)
    speaker = SpeakerFactory(name="Marguerite Okonjo", kind="person")
    typo = SpeakerFactory(name="Marguerite Okonjoh", kind="person")
    SpeakerFactory(name="Harold Finch", kind="person")
    assert _ids(api_client, speaker) == [typo.pk]
