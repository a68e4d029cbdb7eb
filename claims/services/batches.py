"""An import batch's new articles and everything extraction proposes for them, written in a few statements.

Only articles that are plainly new take this path: an address, a text and a normalised text that neither the
database nor an earlier article of the batch has. What they store is what `article_ingest` would store one
by one: the article and its first version, the speakers (found by name or unique alias, else created, with
their aliases, roles and members), the claims and their links, and a match refresh queued after the commit.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Upper
from django.utils import timezone

from articles.identity import PreparedArticle
from articles.models import Article, ArticleVersion, Outlet
from articles.services import ImportStatus, article_build, article_first_version_fields
from claims.extraction import Extraction
from claims.models import Claim, ClaimRelation, Speaker, SpeakerAlias, SpeakerRole
from claims.services.matching import claim_matches_schedule
from claims.services.proposals import IngestResult, claims_build, relations_build, speakers_resolve
from claims.services.speakers import DESCRIPTIVE_ALIAS

# Fields of a new article the database works out or checks itself (the outlet was just found or made).
ARTICLE_UNCHECKED_FIELDS = ["search_vector", "content_hash", "text_sketch", "outlet"]


@dataclass(frozen=True)
class NewArticle:
    """An article of the batch for the bulk path: its text worked out, its fields, what extraction found."""

    prepared: PreparedArticle
    fields: dict
    extraction: Extraction


def articles_new_select(candidates: dict[int, PreparedArticle]) -> set[int]:
    """Which of the candidates (by position in the batch) are plainly new: they have an address, and
    neither their text, normalised text nor address is stored or belongs to an earlier candidate."""
    digests = [prepared.digest for prepared in candidates.values()]
    urls = [prepared.canonical_url for prepared in candidates.values() if prepared.canonical_url]
    normal = [prepared.text_hash for prepared in candidates.values()]
    seen: set[str] = set()
    if candidates:
        # One query per identity, each on its own index (an OR of the three is read as a scan of them all).
        fields = ("content_hash", "canonical_url", "text_hash")
        for stored in (
            Article.objects.filter(content_hash__in=digests),
            Article.objects.filter(canonical_url__in=urls).exclude(canonical_url=""),
            Article.objects.filter(text_hash__in=normal),
        ):
            seen.update(value for row in stored.values_list(*fields) for value in row)
        seen.update(ArticleVersion.objects.filter(content_hash__in=digests).values_list("content_hash", flat=True))
    new = set()
    for index, prepared in sorted(candidates.items()):
        keys = {prepared.digest, prepared.text_hash} | ({prepared.canonical_url} if prepared.canonical_url else set())
        if prepared.canonical_url and prepared.cleaned.body.strip() and not seen & keys:
            new.add(index)
        seen |= keys
    return new


def articles_new_write(articles: dict[int, NewArticle]) -> dict[int, IngestResult]:
    """Store the new articles and their proposals together; each one's result, by the same key.

    Raises (ValidationError, DatabaseError) with nothing to say which article was at fault: the caller
    rolls back and stores them one at a time.
    """
    now = timezone.now()
    outlets = _outlets(name for new in articles.values() if (name := new.fields.get("outlet_name", "").strip()))
    stored: dict[int, Article] = {}
    for key, new in articles.items():
        fields = dict(new.fields)
        outlet_name = fields.pop("outlet_name", "").strip()
        article = article_build(prepared=new.prepared, outlet=outlets.get(outlet_name.lower()), **fields)
        article.clean_fields(exclude=ARTICLE_UNCHECKED_FIELDS)
        stored[key] = article
    Article.objects.bulk_create(stored.values())
    versions = {
        key: ArticleVersion(**article_first_version_fields(article=article, now=now)) for key, article in stored.items()
    }
    ArticleVersion.objects.bulk_create(versions.values())

    directory = BatchDirectory(names=_names(new.extraction for new in articles.values()))
    speakers = {
        key: speakers_resolve(new.extraction, article=stored[key], directory=directory) for key, new in articles.items()
    }
    directory.write()
    proposals = {}
    for key, new in articles.items():
        proposals[key] = claims_build(
            article=stored[key], extraction=new.extraction, speakers=speakers[key], existing={}
        )
    Claim.objects.bulk_create([claim for new_claims, _ in proposals.values() for claim in new_claims.values()])
    ClaimRelation.objects.bulk_create(
        [
            relation
            for key, (new_claims, same_span) in proposals.items()
            for relation in relations_build(
                extraction=articles[key].extraction, new_claims=new_claims, same_span=same_span
            )
        ],
        ignore_conflicts=True,
    )
    claim_matches_schedule(
        claim_ids=[claim.pk for new_claims, _ in proposals.values() for claim in new_claims.values()]
    )
    return {
        key: IngestResult(
            article=article,
            created=True,
            claims=list(proposals[key][0].values()),
            status=ImportStatus.CREATED,
            version=versions[key],
        )
        for key, article in stored.items()
    }


def _outlets(names: Iterable[str]) -> dict[str, Outlet]:
    """The outlets of these names by lower-case name, the missing ones created (`outlet_get_or_create`)."""
    wanted = {name.lower(): name for name in names}
    if not wanted:
        return {}
    found = {
        outlet.lower_name: outlet
        for outlet in Outlet.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=list(wanted))
    }
    missing = [Outlet(name=name) for lower, name in wanted.items() if lower not in found]
    for outlet in Outlet.objects.bulk_create(missing):
        found[outlet.name.lower()] = outlet
    return found


def _names(extractions: Iterable[Extraction]) -> set[str]:
    names: set[str] = set()
    for extraction in extractions:
        for proposed in extraction.speakers:
            names.update((proposed.name, *proposed.aliases, *proposed.roles))
            if proposed.affiliation:
                names.add(proposed.affiliation)
    return names | {name.strip() for name in names} | {name.strip()[:300] for name in names}


class BatchDirectory:
    """The speaker directory as a batch of new articles sees it: every name it needs is looked up at once,
    and what the batch adds (speakers, aliases, roles, members) is held until `write`, which stores it all.

    Answers what `SpeakerDirectory` (so `speaker_find_by_name`) would if each addition were stored at once.
    Names are compared in their upper case as PostgreSQL makes it, as the look-ups by index do.
    """

    def __init__(self, *, names: Iterable[str]) -> None:
        names = sorted(set(names))
        with connection.cursor() as cursor:
            cursor.execute("SELECT n, upper(n) FROM unnest(%s::text[]) AS n", [names])
            self._upper: dict[str, str] = dict(cursor.fetchall())
        # Matched through a join on the upper(name) indexes: a long IN list would be read through the
        # trigram indexes instead, one slow probe of them per name.
        wanted = RawSQL("SELECT DISTINCT upper(n) FROM unnest(%s::text[]) AS n", (names,))
        self._by_name: dict[str, list[Speaker]] = defaultdict(list)
        self._by_alias: dict[str, list[Speaker]] = defaultdict(list)
        one_each: dict[int, Speaker] = {}
        active = Speaker.objects.filter(merged_into__isnull=True).order_by("id")
        for speaker in active.annotate(upper_name=Upper("name")).filter(upper_name__in=wanted):
            self._by_name[speaker.upper_name].append(one_each.setdefault(speaker.pk, speaker))
        aliases = list(
            SpeakerAlias.objects.filter(speaker__merged_into__isnull=True)
            .annotate(upper_name=Upper("name"))
            .filter(upper_name__in=wanted)
            .select_related("speaker")
            .order_by("id")
        )
        descriptive = set(
            SpeakerAlias.objects.filter(
                speaker_id__in={alias.speaker_id for alias in aliases}, name__iregex=DESCRIPTIVE_ALIAS
            ).values_list("speaker_id", flat=True)
        )
        for alias in aliases:
            if alias.speaker_id not in descriptive:
                self._by_alias[alias.upper_name].append(one_each.setdefault(alias.speaker_id, alias.speaker))
        self._new: list[Speaker] = []
        self._aliases: list[SpeakerAlias] = []
        self._roles: dict[tuple, SpeakerRole] = {}
        self._members: list[tuple[Speaker, Speaker]] = []

    def _key(self, name: str) -> str:
        return self._upper.get(name) or name.upper()

    def find(self, *, name: str, kind: str | None = None) -> Speaker | None:
        key = self._key(name)
        by_name = _distinct(s for s in self._by_name.get(key, ()) if kind is None or s.kind == kind)
        if len(by_name) == 1:
            return by_name[0]
        if by_name:
            return None
        by_alias = _distinct(s for s in self._by_alias.get(key, ()) if kind is None or s.kind == kind)
        return by_alias[0] if len(by_alias) == 1 else None

    def create(
        self, *, name: str, kind: str, aliases: Iterable[str] = (), organisation: Speaker | None = None
    ) -> Speaker:
        """A new speaker with its aliases (as `speaker_create` makes them), stored by `write`."""
        speaker = Speaker(name=name.strip(), kind=kind, organisation=organisation)
        self._new.append(speaker)
        self._by_name[self._key(speaker.name)].append(speaker)
        known, names = {speaker.name.casefold()}, []
        for alias in aliases:
            alias = alias.strip()
            if alias and alias.casefold() not in known:
                known.add(alias.casefold())
                names.append(alias)
        self._aliases.extend(SpeakerAlias(speaker=speaker, name=alias) for alias in names)
        if not any(re.match(DESCRIPTIVE_ALIAS, alias, re.IGNORECASE) for alias in names):
            for alias in names:
                self._by_alias[self._key(alias)].append(speaker)
        return speaker

    def add_role(self, *, speaker: Speaker, title: str = "", organisation: Speaker | None = None, source_article=None):
        """A role (as `speaker_add_role` records it: once per title and organisation), stored by `write`."""
        title = title.strip()[:300]
        if not title and organisation is None:
            return
        key = (_ref(speaker), self._key(title), _ref(organisation) if organisation else None)
        self._roles.setdefault(
            key, SpeakerRole(speaker=speaker, title=title, organisation=organisation, source_article=source_article)
        )

    def add_members(self, *, group: Speaker, members: list[Speaker]) -> None:
        self._members.extend((group, member) for member in members)

    def write(self) -> None:
        """Store what the batch added: speakers (organisations before those who speak for them), aliases,
        the roles not already recorded, and group memberships."""
        for speaker in self._new:
            # The organisation is one of the batch's or was just found: no query to check it exists.
            speaker.clean_fields(exclude=["organisation", "merged_into"])
        first, then = [], []
        for speaker in self._new:
            (then if speaker.organisation is not None and speaker.organisation.pk is None else first).append(speaker)
        Speaker.objects.bulk_create(first)
        Speaker.objects.bulk_create(then)
        SpeakerAlias.objects.bulk_create(self._aliases)
        stored_speakers = {speaker[1] for speaker, _, _ in self._roles if speaker[0] == "pk"}
        recorded = set(
            SpeakerRole.objects.filter(speaker_id__in=stored_speakers)
            .annotate(upper_title=Upper("title"))
            .values_list("speaker_id", "upper_title", "organisation_id")
        )
        SpeakerRole.objects.bulk_create(
            role
            for (speaker, title, organisation), role in self._roles.items()
            if (speaker[1], title, organisation[1] if organisation else None) not in recorded
            or speaker[0] != "pk"
            or (organisation is not None and organisation[0] != "pk")
        )
        through = Speaker.members.through
        through.objects.bulk_create(
            [through(from_speaker=group, to_speaker=member) for group, member in self._members], ignore_conflicts=True
        )


def _ref(speaker: Speaker) -> tuple[str, int]:
    """A speaker's identity within the batch: its id once stored, else the object itself."""
    return ("pk", speaker.pk) if speaker.pk is not None else ("new", id(speaker))


def _distinct(speakers: Iterable[Speaker]) -> list[Speaker]:
    seen: dict[tuple[str, int], Speaker] = {}
    for speaker in speakers:
        seen.setdefault(_ref(speaker), speaker)
    return list(seen.values())
