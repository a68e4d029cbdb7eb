"""The speaker directory: finding people by name or alias, and merging without losing anything."""

import pytest
from django.core.exceptions import ValidationError

from claims.choices import SpeakerKind
from claims.exceptions import RoleRequired
from claims.models import Claim, Speaker, SpeakerRole
from claims.services.speakers import speaker_create, speaker_find_by_name, speaker_merge, speaker_search
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory, SpeakerRoleFactory

pytestmark = pytest.mark.django_db


def test_search_is_fuzzy_over_names_and_aliases():
    minister = SpeakerFactory(name="Margarethe Vestergaard")
    SpeakerAliasFactory(speaker=minister, name="Vestergaard")
    SpeakerFactory(name="Unrelated Person")
    assert list(speaker_search("Vestergard")) == [minister]  # one letter missing
    assert list(speaker_search("margarethe")) == [minister]


def test_search_ignores_merged_speakers():
    survivor, merged = SpeakerFactory(name="Ana Costa"), SpeakerFactory(name="Ana Costa", merged_into=None)
    Speaker.objects.filter(pk=merged.pk).update(merged_into=survivor)
    assert list(speaker_search("Ana Costa")) == [survivor]


def test_find_by_name_uses_a_unique_alias_and_refuses_to_guess_between_two():
    first = SpeakerFactory(name="Peter Okafor")
    SpeakerAliasFactory(speaker=first, name="Mr Okafor")
    assert speaker_find_by_name(name="mr okafor") == first
    second = SpeakerFactory(name="Grace Okafor")
    SpeakerAliasFactory(speaker=second, name="Mr Okafor")
    assert speaker_find_by_name(name="Mr Okafor") is None


def test_descriptions_never_identify_a_speaker():
    SpeakerAliasFactory(speaker=SpeakerFactory(name="Helena Varga"), name="The Prime Minister")
    assert speaker_find_by_name(name="The Prime Minister") is None


def test_find_by_name_respects_kind():
    SpeakerFactory(name="Harbour Authority", kind=SpeakerKind.ORGANISATION)
    assert speaker_find_by_name(name="Harbour Authority", kind=SpeakerKind.PERSON) is None


def test_create_records_aliases_once(annotator):
    speaker = speaker_create(name="Li Wei", aliases=["Mr Li", "mr li", "Li Wei"], user=annotator)
    assert list(speaker.aliases.values_list("name", flat=True)) == ["Mr Li"]


def test_viewer_cannot_create_speakers(viewer):
    with pytest.raises(RoleRequired):
        speaker_create(name="Li Wei", user=viewer)


def test_merge_moves_claims_aliases_roles_and_memberships(editor):
    target = SpeakerFactory(name="Jonas Berg")
    source = SpeakerFactory(name="J. Berg")
    SpeakerAliasFactory(speaker=source, name="Berg")
    SpeakerRoleFactory(speaker=source, title="Minister for Transport")
    claim = ClaimFactory(speaker=source)
    group = SpeakerFactory(name="Signatories", kind=SpeakerKind.GROUP)
    group.members.add(source)

    speaker_merge(source=source, target=target, user=editor)

    claim.refresh_from_db()
    source.refresh_from_db()
    assert claim.speaker == target
    assert set(target.aliases.values_list("name", flat=True)) == {"J. Berg", "Berg"}
    assert SpeakerRole.objects.get(title="Minister for Transport").speaker == target
    assert list(group.members.all()) == [target]
    assert source.merged_into == target
    assert Claim.objects.filter(speaker=source).count() == 0


def test_merge_needs_an_editor(annotator):
    source, target = SpeakerFactory(), SpeakerFactory()
    with pytest.raises(RoleRequired):
        speaker_merge(source=source, target=target, user=annotator)
    source.refresh_from_db()
    assert source.merged_into is None


def test_merge_refuses_itself_and_already_merged(editor):
    speaker = SpeakerFactory()
    with pytest.raises(ValidationError):
        speaker_merge(source=speaker, target=speaker, user=editor)
    other = SpeakerFactory()
    speaker_merge(source=speaker, target=other, user=editor)
    with pytest.raises(ValidationError):
        speaker_merge(source=speaker, target=SpeakerFactory(), user=editor)
