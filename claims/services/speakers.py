"""Writes to the speaker directory: create, update, resolve names, merge."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from claims import permissions
from claims.choices import SpeakerKind
from claims.models import Claim, Speaker, SpeakerAlias, SpeakerRole
from claims.selectors.search import speaker_lookup
from claims.services.fields import changeable_fields_check
from claims.services.matching import claim_matches_schedule

# How alike a query and a name must be (pg_trgm word similarity) for a fuzzy match.
FUZZY_THRESHOLD = 0.5
# An alias that describes rather than names ("the prime minister") names different people over time.
DESCRIPTIVE_ALIAS = r"^(the|a|an)\s"


def speaker_search(query: str) -> QuerySet[Speaker]:
    """Active speakers whose name or an alias resembles `query`, best match first."""
    return speaker_lookup(query=query)


def speaker_find_by_name(*, name: str, kind: str | None = None) -> Speaker | None:
    """The one active speaker called `name` (by name, else by a unique alias), or None if unknown or ambiguous."""
    active = Speaker.objects.filter(merged_into__isnull=True)
    if kind:
        active = active.filter(kind=kind)
    by_name = list(active.filter(name__iexact=name)[:2])
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        return None
    # A speaker with a descriptive alias is never found by an alias: only names identify.
    descriptive = Q(aliases__name__iregex=DESCRIPTIVE_ALIAS)
    by_alias = list(active.filter(aliases__name__iexact=name).exclude(descriptive).distinct()[:2])
    return by_alias[0] if len(by_alias) == 1 else None


class SpeakerDirectory:
    """The speaker look-ups of one import batch, each name asked of the database once.

    Answers what `speaker_find_by_name` would, as long as every speaker and role the batch adds goes
    through `create` / `add_role`. Lives for one batch only (and is cleared when an article of the
    batch is rolled back), so it never holds a speaker the database does not.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, str | None], Speaker | None] = {}
        self._roles: set[tuple[int, str, int | None]] = set()

    def clear(self) -> None:
        self._found.clear()
        self._roles.clear()

    def find(self, *, name: str, kind: str | None = None) -> Speaker | None:
        key = (name.upper(), kind)
        if key not in self._found:
            self._found[key] = speaker_find_by_name(name=name, kind=kind)
        return self._found[key]

    def create(
        self, *, name: str, kind: str, aliases: Iterable[str] = (), organisation: Speaker | None = None
    ) -> Speaker:
        """`speaker_create`; the names the new speaker answers to are asked of the database again."""
        aliases = tuple(aliases)
        speaker = speaker_create(name=name, kind=kind, aliases=aliases, organisation=organisation)
        for known_as in (speaker.name, *aliases):
            self._found.pop((known_as.strip().upper(), speaker.kind), None)
            self._found.pop((known_as.strip().upper(), None), None)
        return speaker

    def add_role(self, *, speaker: Speaker, title: str = "", organisation: Speaker | None = None, source_article=None):
        """`speaker_add_role`, skipping the query for a role this batch has already recorded."""
        key = (speaker.pk, title.strip()[:300].upper(), organisation.pk if organisation else None)
        if key in self._roles:
            return None
        role = speaker_add_role(speaker=speaker, title=title, organisation=organisation, source_article=source_article)
        self._roles.add(key)
        return role

    def add_members(self, *, group: Speaker, members: list[Speaker]) -> None:
        group.members.add(*members)


@transaction.atomic
def speaker_create(
    *,
    name: str,
    kind: str = SpeakerKind.PERSON,
    user=None,
    aliases: Iterable[str] = (),
    organisation: Speaker | None = None,
    description: str = "",
) -> Speaker:
    """Add a speaker with its aliases."""
    if user is not None:
        permissions.require(user, permissions.EDIT_SPEAKER)
    speaker = Speaker(name=name.strip(), kind=kind, organisation=organisation, description=description)
    speaker.full_clean()
    speaker.save()
    speaker_add_aliases(speaker=speaker, names=aliases)
    return speaker


@transaction.atomic
def speaker_update(*, speaker: Speaker, user, **changes) -> Speaker:
    """Change a speaker's name, kind, description or organisation."""
    permissions.require(user, permissions.EDIT_SPEAKER)
    changeable_fields_check(changes, {"name", "kind", "description", "organisation"})
    for field, value in changes.items():
        setattr(speaker, field, value)
    speaker.full_clean()
    speaker.save()
    return speaker


def speaker_add_aliases(*, speaker: Speaker, names: Iterable[str]) -> None:
    """Record other names of a speaker, skipping its own name and aliases it already has."""
    known = {speaker.name.casefold(), *(a.casefold() for a in speaker.aliases.values_list("name", flat=True))}
    for name in names:
        name = name.strip()
        if name and name.casefold() not in known:
            SpeakerAlias.objects.create(speaker=speaker, name=name)
            known.add(name.casefold())


def speaker_add_role(*, speaker: Speaker, title: str = "", organisation: Speaker | None = None, source_article=None):
    """Record a role or affiliation once; the same title and organisation are not repeated."""
    title = title.strip()[:300]
    if not title and organisation is None:
        return None
    existing = speaker.roles.filter(title__iexact=title, organisation=organisation).first()
    return existing or SpeakerRole.objects.create(
        speaker=speaker, title=title, organisation=organisation, source_article=source_article
    )


@transaction.atomic
def speaker_merge(*, source: Speaker, target: Speaker, user) -> Speaker:
    """Fold `source` into `target`: every claim, alias, role and membership moves; nothing is lost."""
    permissions.require(user, permissions.MERGE_SPEAKERS)
    source, target = _lock_pair(source, target)
    if source.pk == target.pk:
        raise ValidationError({"target": "A speaker cannot be merged into itself."})
    if source.merged_into_id or target.merged_into_id:
        raise ValidationError({"target": "That speaker was already merged into another."})

    # A match between the two speakers' claims is now a same-speaker one, which may confirm it.
    matched = Claim.objects.filter(speaker=source).filter(Q(matches__isnull=False) | Q(matched_by__isnull=False))
    claim_matches_schedule(claim_ids=matched.values_list("pk", flat=True).distinct())
    Claim.objects.filter(speaker=source).update(speaker=target)
    speaker_add_aliases(speaker=target, names=[source.name, *source.aliases.values_list("name", flat=True)])
    for role in source.roles.all():
        if target.roles.filter(title__iexact=role.title, organisation=role.organisation_id).exists():
            continue
        role.speaker = target
        role.save(update_fields=["speaker"])
    SpeakerRole.objects.filter(organisation=source).update(organisation=target)
    Speaker.objects.filter(organisation=source).exclude(pk=target.pk).update(organisation=target)
    Speaker.objects.filter(merged_into=source).update(merged_into=target)
    for group in source.groups.exclude(pk=target.pk):
        group.members.add(target)
    target.members.add(*source.members.exclude(pk=target.pk))
    source.groups.clear()
    source.members.clear()

    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    return target


def _lock_pair(first: Speaker, second: Speaker) -> tuple[Speaker, Speaker]:
    # Lock in id order so two merges of the same pair cannot deadlock.
    locked = {s.pk: s for s in Speaker.objects.select_for_update().filter(pk__in=[first.pk, second.pk]).order_by("pk")}
    return locked[first.pk], locked[second.pk]
