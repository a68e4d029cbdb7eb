"""Store what extraction proposes for an article: speakers, claims and the links between them."""

import bisect
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleVersion
from articles.services import ImportStatus, article_import
from claims.anchoring import quote_context
from claims.choices import ClaimOrigin, ClaimStatus, RelationType, SpeakerKind
from claims.extraction import Extraction, ProposedSpeaker, extract
from claims.models import Claim, ClaimRelation, Speaker
from claims.services.matching import claim_matches_schedule
from claims.services.speakers import SpeakerDirectory
from claims.services.versions import ReanchorReport, article_claims_reanchor, article_updated_announce


@dataclass(frozen=True)
class IngestResult:
    """An import's outcome: `status` is created, unchanged or updated; `claims` the claims it proposed."""

    article: Article
    created: bool
    claims: list[Claim]
    status: str = ImportStatus.UNCHANGED
    version: ArticleVersion | None = None
    reanchor: ReanchorReport | None = None


@transaction.atomic
def article_ingest(
    *, raw: str, user=None, extract_inline: bool = True, directory: SpeakerDirectory | None = None, **article_fields
) -> IngestResult:
    """Import an article and propose its claims in the same transaction.

    `directory` carries speaker look-ups from one article of an import batch to the next.

    A new version of a known article first moves its claims onto the new text, then proposes only the
    statements that are not claims yet, and announces what moved and what was orphaned.
    """
    imported = article_import(raw=raw, **article_fields)
    article = imported.article
    if imported.status == ImportStatus.UNCHANGED:
        return IngestResult(article=article, created=False, claims=list(article.claims.all()))
    report = None
    if imported.updated:
        report = article_claims_reanchor(
            article=article, previous_body=imported.previous_body, version=imported.version
        )
    claims: list[Claim] = []
    if extract_inline:
        claims = article_propose_claims(article=article, directory=directory)
    else:
        from claims.tasks import article_propose_claims_task

        transaction.on_commit(lambda: article_propose_claims_task.enqueue(article_id=article.pk))
    if report is not None:
        report.proposed = [claim.pk for claim in claims]
        article_updated_announce(report=report)
    return IngestResult(
        article=article,
        created=imported.created,
        claims=claims,
        status=imported.status,
        version=imported.version,
        reanchor=report,
    )


@transaction.atomic
def article_propose_claims(*, article: Article, directory: SpeakerDirectory | None = None) -> list[Claim]:
    """Run extraction on an article and store new proposals; returns the claims it created.

    Idempotent: a statement whose span overlaps any claim already on the article (proposed, accepted,
    edited or rejected) is not stored again, and existing claims are never changed, so re-running never
    duplicates and never undoes a reviewer.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    extraction = extract(article.body)
    # Orphans hold offsets of an older text: they take no place in this one.
    existing = {(claim.start, claim.end): claim for claim in article.claims.filter(orphaned_at__isnull=True)}
    speakers = speakers_resolve(extraction, article=article, directory=directory or SpeakerDirectory())

    new_claims, same_span = claims_build(article=article, extraction=extraction, speakers=speakers, existing=existing)
    created = Claim.objects.bulk_create(list(new_claims.values()))
    ClaimRelation.objects.bulk_create(
        relations_build(extraction=extraction, new_claims=new_claims, same_span=same_span), ignore_conflicts=True
    )
    # The same claim elsewhere (confirmed as a repeat when sure, suggested when likely) is looked for in
    # the background once this commits: an import does not wait for a search of every other article.
    claim_matches_schedule(claim_ids=[claim.pk for claim in created])
    return created


def claims_build(
    *, article: Article, extraction: Extraction, speakers: dict[int, Speaker], existing: dict[tuple[int, int], Claim]
) -> tuple[dict[int, Claim], dict[int, Claim]]:
    """The unsaved claims for the statements that take no place already taken on the article, by statement
    index; and the claims already at a statement's exact span (`existing`, by span), by statement index."""
    taken = _Taken(existing)
    now = timezone.now()
    new_claims: dict[int, Claim] = {}
    same_span: dict[int, Claim] = {}
    for index, statement in enumerate(extraction.statements):
        span = (statement.start, statement.end)
        if span in existing:
            same_span[index] = existing[span]
            continue
        if taken.overlaps(statement.start, statement.end):
            continue
        prefix, suffix = quote_context(article.body, statement.start, statement.end)
        new_claims[index] = Claim(
            article=article,
            speaker=speakers.get(statement.speaker) if statement.speaker is not None else None,
            text=statement.text,
            start=statement.start,
            end=statement.end,
            prefix=prefix,
            suffix=suffix,
            direct=statement.direct,
            kind=statement.kind,
            claim_type=statement.claim_type,
            origin=ClaimOrigin.EXTRACTED,
            confidence=round(statement.confidence, 3),
            status=ClaimStatus.PROPOSED,
            status_changed_at=now,
        )
        taken.add(span)
    return new_claims, same_span


def relations_build(
    *, extraction: Extraction, new_claims: dict[int, Claim], same_span: dict[int, Claim]
) -> list[ClaimRelation]:
    """The links extraction found between statements, where a new claim takes part (a link a reviewer
    removed stays removed)."""
    linkable = same_span | new_claims
    return [
        ClaimRelation(
            source=linkable[index],
            target=linkable[target],
            relation_type=statement.relation_type or RelationType.REBUTS,
            origin=ClaimOrigin.EXTRACTED,
            # As sure as both the statement and the way its link was found.
            confidence=round(min(statement.confidence, statement.link_confidence or 1.0), 3),
        )
        for index, statement in enumerate(extraction.statements)
        for target in statement.responds_to
        if index in linkable
        and target in linkable
        and target != index
        and (index in new_claims or target in new_claims)
    ]


class _Taken:
    """Spans already taken on the article, answering "does [start, end) overlap one?" without a scan of
    them all, so that a body with thousands of statements stays linear.

    Spans are kept in order of start with the furthest end reached so far; a span added out of order (the
    statements come in reading order, so in practice never) turns the look-up back into a scan.
    """

    def __init__(self, spans) -> None:
        self._starts: list[int] = []
        self._reach: list[int] = []  # the largest end among the spans up to each one
        self._unordered: list[tuple[int, int]] = []
        for span in sorted(spans):
            self.add(span)

    def add(self, span: tuple[int, int]) -> None:
        start, end = span
        if self._unordered or (self._starts and start < self._starts[-1]):
            self._unordered.append(span)
            return
        self._starts.append(start)
        self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)  # the spans starting before `end`
        if before and self._reach[before - 1] > start:
            return True
        return any(s < end and start < e for s, e in self._unordered)


def speakers_resolve(extraction: Extraction, *, article: Article, directory: SpeakerDirectory) -> dict[int, Speaker]:
    """Attach proposed speakers to the directory: a known name or unique alias, else a new speaker; by index."""
    resolved: dict[int, Speaker] = {}
    # Organisations first, so spokespersons and roles can point at them.
    order = sorted(
        range(len(extraction.speakers)), key=lambda i: extraction.speakers[i].kind != SpeakerKind.ORGANISATION
    )
    named_organisations = {
        proposed.name.casefold() for proposed in extraction.speakers if proposed.kind == SpeakerKind.ORGANISATION
    }
    for index in order:
        resolved[index] = _resolve_speaker(
            extraction.speakers[index], article=article, named_organisations=named_organisations, directory=directory
        )
    for index, proposed in enumerate(extraction.speakers):
        members = [resolved[m] for m in proposed.members if m in resolved and m != index]
        if members:
            directory.add_members(group=resolved[index], members=members)
    return resolved


def _affiliation_organisation(
    proposed: ProposedSpeaker, *, named_organisations: set[str], directory: SpeakerDirectory
) -> Speaker | None:
    """The organisation a proposed speaker speaks for or belongs to, found or created, or None.

    A spokesperson's affiliation ("a spokesman for the Harbour Board") always names an organisation. A
    person's comes from the capitalised words of a role description, which may just as well name a brief
    ("Health Minister", "Transport Secretary"): it is taken as an organisation only when the directory
    already holds one of that name or the same article names it as a speaker in its own right.
    """
    if not proposed.affiliation:
        return None
    known = directory.find(name=proposed.affiliation, kind=SpeakerKind.ORGANISATION)
    if known is not None:
        return known
    if proposed.kind != SpeakerKind.SPOKESPERSON and proposed.affiliation.casefold() not in named_organisations:
        return None
    return directory.create(name=proposed.affiliation, kind=SpeakerKind.ORGANISATION)


def _resolve_speaker(
    proposed: ProposedSpeaker, *, article: Article, named_organisations: set[str], directory: SpeakerDirectory
) -> Speaker:
    organisation = _affiliation_organisation(proposed, named_organisations=named_organisations, directory=directory)

    speaker = directory.find(name=proposed.name, kind=proposed.kind)
    if speaker is None:
        speaker = directory.create(
            name=proposed.name,
            kind=proposed.kind,
            aliases=proposed.aliases,
            organisation=organisation if proposed.kind == SpeakerKind.SPOKESPERSON else None,
        )
    for title in proposed.roles:
        directory.add_role(speaker=speaker, title=title, organisation=organisation, source_article=article)
    if organisation is not None and not proposed.roles and proposed.kind == SpeakerKind.PERSON:
        directory.add_role(speaker=speaker, organisation=organisation, source_article=article)
    return speaker
