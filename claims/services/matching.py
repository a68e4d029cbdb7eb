"""Claim matching: find the claims in other articles that are the same claim, confirm the sure ones as
repeats, suggest the likely ones, and record a reviewer's confirmation or dismissal."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from claims import permissions
from claims.choices import ClaimOrigin, ClaimStatus, MatchState, RelationType
from claims.matching import CANDIDATE_OVERLAP, HIGH_THRESHOLD, LOW_THRESHOLD, match_score, word_pairs
from claims.models import Claim, ClaimMatch, ClaimRelation

logger = logging.getLogger(__name__)

# Claims scored at most, of those the index finds: the ones sharing the most word pairs with the claim.
CANDIDATES = 50
# Rows read from the index at most before ranking: a claim made only of everyday word pairs could otherwise
# read thousands.
CANDIDATE_ROWS = 500
# A pathological text must not hold a request or a worker: the candidate query gives up after this long,
# and the claim is matched again on its next refresh.
CANDIDATE_TIMEOUT_MS = 2000
# Claims per queued refresh: an article's worth, so one slow batch does not hold a worker for long.
SCHEDULE_BATCH = 200
# How long the word pairs' frequencies (the planner's statistics on the index) are kept before read again.
COMMON_PAIRS_TTL = 600.0

# A claim sharing at least CANDIDATE_OVERLAP of the new claim's word pairs shares at least one of any
# n - ceil(CANDIDATE_OVERLAP * n) + 1 of them (pigeonhole): asking the index for the rarest that many finds
# every such claim while reading only short posting lists. The pairs are asked for in order, rarest first,
# so that when CANDIDATE_ROWS cuts the list short it drops the claims that share only an everyday pair.
# `claim_match_shingles(text)` is the expression of the `claim_match_shingles_gin` index, so each `@>` is an
# index scan. A claim found by two pairs comes twice (the caller keeps one).
_CANDIDATES_SQL = """
    SELECT c.id, c.text
    FROM unnest(%(probe)s::integer[]) WITH ORDINALITY AS p(pair, position)
    CROSS JOIN LATERAL (
        SELECT c.id, c.text
        FROM claims_claim c
        WHERE claim_match_shingles(c.text) @> ARRAY[p.pair]
          AND c.article_id <> %(article)s AND c.status <> %(rejected)s
    ) AS c
    LIMIT %(rows)s
"""
_COMMON_PAIRS_SQL = """
    SELECT u.pair, u.frequency
    FROM pg_stats s, unnest(s.most_common_elems::text::integer[], s.most_common_elem_freqs) AS u(pair, frequency)
    WHERE s.schemaname = current_schema() AND s.tablename = 'claim_match_shingles_gin' AND u.pair IS NOT NULL
"""
_common_pairs: tuple[float, dict[int, float]] = (0.0, {})


def _common_pair_frequencies(cursor) -> dict[int, float]:
    """The share of claims holding each everyday word pair, from ANALYZE's statistics; pairs not listed are
    rarer than any listed. Read once every COMMON_PAIRS_TTL seconds."""
    global _common_pairs
    read_at, frequencies = _common_pairs
    if time.monotonic() - read_at > COMMON_PAIRS_TTL:
        cursor.execute(_COMMON_PAIRS_SQL)
        frequencies = dict(cursor.fetchall())
        _common_pairs = (time.monotonic(), frequencies)
    return frequencies


@contextmanager
def _local_settings(**values: str) -> Iterator[None]:
    """Settings for the statements inside, in a savepoint: a cancelled statement rolls them back with it, a
    finished one puts the previous values back, so nothing leaks into the rest of an outer transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(values)), list(values))
        previous = dict(zip(values, cursor.fetchone(), strict=True))
        for name, value in values.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        yield
        for name, value in previous.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


def claim_match_candidate_rows(
    *, text: str, article_id: int | None, timeout_ms: int = CANDIDATE_TIMEOUT_MS, rows: int = CANDIDATE_ROWS
) -> list[tuple[int, str]] | None:
    """(id, text) of claims outside `article_id` that may share CANDIDATE_OVERLAP of `text`'s word pairs
    (a superset: the ranking decides); None when a query took longer than `timeout_ms`."""
    try:
        with _local_settings(statement_timeout=str(timeout_ms)), connection.cursor() as cursor:
            cursor.execute("SELECT claim_match_shingles(%s)", [text])
            pairs = cursor.fetchone()[0] or []
            if not pairs:
                return []
            common = _common_pair_frequencies(cursor)
            probe = sorted(pairs, key=lambda pair: (common.get(pair, 0.0), pair))
            probe = probe[: len(pairs) - math.ceil(CANDIDATE_OVERLAP * len(pairs)) + 1]
            params = {"probe": probe, "article": article_id or 0, "rejected": ClaimStatus.REJECTED, "rows": rows}
            cursor.execute(_CANDIDATES_SQL, params)
            return list(dict(cursor.fetchall()).items())
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != "57014":  # query_canceled
            raise
        logger.warning("claim matching: candidate query for %r gave up after %s ms", text[:80], timeout_ms)
        return None


def claim_match_candidates(
    *, claim: Claim, limit: int = CANDIDATES, timeout_ms: int = CANDIDATE_TIMEOUT_MS
) -> list[tuple[Claim, float]] | None:
    """Claims in other articles that score at least the low threshold against `claim`, best first (None when
    the candidate query ran out of time).

    The index narrows a million claims to the few sharing its rarer word pairs; the `limit` sharing the most
    are scored.
    """
    rows = claim_match_candidate_rows(text=claim.text, article_id=claim.article_id, timeout_ms=timeout_ms)
    if rows is None:
        return None
    mine = word_pairs(claim.text)
    shared = []
    for pk, text in rows:
        theirs = word_pairs(text)
        common = len(mine & theirs)
        # The index's promise holds for a claim sharing CANDIDATE_OVERLAP of either one's pairs; the rows
        # that share only an everyday pair or two are what it had to read to keep it.
        if mine and theirs and common >= CANDIDATE_OVERLAP * min(len(mine), len(theirs)):
            shared.append((-common, pk, text))
    ranked = sorted(shared)[:limit]
    scores = {pk: score for _, pk, text in ranked if (score := match_score(claim.text, text)) >= LOW_THRESHOLD}
    candidates = (
        Claim.objects.filter(pk__in=scores)
        .select_related("article")
        .only("id", "text", "speaker_id", "article_id", "article__published", "article__created_at")
    )
    scored = [(other, scores[other.pk]) for other in candidates]
    return sorted(((o, s) for o, s in scored if s >= LOW_THRESHOLD), key=lambda pair: (-pair[1], pair[0].pk))


def _earlier_first(first: Claim, second: Claim) -> tuple[Claim, Claim]:
    def when(claim: Claim):
        article = claim.article
        return (article.published or article.created_at.date(), article.created_at, claim.pk)

    return (first, second) if when(first) <= when(second) else (second, first)


def _repeats_link(first: Claim, second: Claim, *, user=None, origin: str = ClaimOrigin.MANUAL) -> None:
    earlier, later = _earlier_first(first, second)
    ClaimRelation.objects.get_or_create(
        source=later,
        target=earlier,
        relation_type=RelationType.REPEATS,
        defaults={"origin": origin, "created_by": user},
    )


def _record(claim: Claim, other: Claim, score: float, match: ClaimMatch | None) -> ClaimMatch | None:
    same_speaker = claim.speaker_id is not None and claim.speaker_id == other.speaker_id
    if match is None:
        if score < LOW_THRESHOLD:
            return None
        low, high = sorted((claim, other), key=lambda c: c.pk)
        match, _ = ClaimMatch.objects.get_or_create(
            claim=low, other=high, defaults={"score": score, "same_speaker": same_speaker}
        )
    if match.state == MatchState.SUGGESTED and score < LOW_THRESHOLD:
        match.delete()  # the words changed: no longer worth a reviewer's look
        return None
    if (match.score, match.same_speaker) != (score, same_speaker):
        match.score, match.same_speaker = score, same_speaker
        match.save(update_fields=["score", "same_speaker", "updated_at"])
    if match.state == MatchState.SUGGESTED and same_speaker and score >= HIGH_THRESHOLD:
        match.state, match.automatic, match.decided_at = MatchState.CONFIRMED, True, timezone.now()
        match.save(update_fields=["state", "automatic", "decided_at", "updated_at"])
        _repeats_link(claim, other, origin=ClaimOrigin.EXTRACTED)
    return match


@transaction.atomic
def claim_matches_refresh(*, claim: Claim, timeout_ms: int = CANDIDATE_TIMEOUT_MS) -> list[ClaimMatch]:
    """Record the claim's candidate matches; a same-speaker near-identical one is confirmed as a repeat.

    The matches it already has are scored again against its current words (a suggestion that no longer
    reaches the low threshold goes); a pair a reviewer has confirmed or dismissed keeps its state, only its
    score is brought up to date. Returns the claim's matches, best first.
    """
    claim = Claim.objects.select_related("article").get(pk=claim.pk)
    known = ClaimMatch.objects.filter(Q(claim=claim) | Q(other=claim)).select_related(
        "claim__article", "other__article"
    )
    by_id: dict[int, tuple[Claim, ClaimMatch | None]] = {}
    for match in known:
        other = match.other if match.claim_id == claim.pk else match.claim
        by_id[other.pk] = (other, match)
    scores = {}
    for other, score in claim_match_candidates(claim=claim, timeout_ms=timeout_ms) or []:
        by_id.setdefault(other.pk, (other, None))
        scores[other.pk] = score
    matches = []
    with pghistory.context(reason="matching"):
        for other, match in by_id.values():
            score = scores[other.pk] if other.pk in scores else match_score(claim.text, other.text)
            recorded = _record(claim, other, score, match)
            if recorded is not None:
                matches.append(recorded)
    return sorted(matches, key=lambda m: (-m.score, m.pk))


def claim_matches_refresh_many(*, claim_ids: Iterable[int], timeout_ms: int = CANDIDATE_TIMEOUT_MS) -> int:
    """Refresh the matches of each claim that still exists, each in its own transaction; returns how many."""
    done = 0
    for claim in Claim.objects.filter(pk__in=list(claim_ids)).only("pk").order_by("pk"):
        claim_matches_refresh(claim=claim, timeout_ms=timeout_ms)
        done += 1
    return done


def claim_matches_schedule(*, claim_ids: Iterable[int]) -> None:
    """Queue a refresh of these claims' matches for when the current transaction commits (never for work
    that is rolled back), in tasks of a bounded size."""
    ids = sorted(set(claim_ids))
    if not ids:
        return
    from claims.tasks import claim_matches_refresh_task  # the task module imports the services

    def enqueue() -> None:
        for start in range(0, len(ids), SCHEDULE_BATCH):
            claim_matches_refresh_task.enqueue(claim_ids=ids[start : start + SCHEDULE_BATCH])

    transaction.on_commit(enqueue)


def _decide(*, match: ClaimMatch, user: Any, state: str) -> ClaimMatch:
    permissions.require(user, permissions.LINK)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = (
            ClaimMatch.objects.select_for_update().select_related("claim__article", "other__article").get(pk=match.pk)
        )
        locked.state, locked.automatic = state, False
        locked.decided_by, locked.decided_at = user, timezone.now()
        locked.save(update_fields=["state", "automatic", "decided_by", "decided_at", "updated_at"])
        if state == MatchState.CONFIRMED:
            _repeats_link(locked.claim, locked.other, user=user)
        else:
            ClaimRelation.objects.filter(
                Q(source=locked.claim, target=locked.other) | Q(source=locked.other, target=locked.claim),
                relation_type=RelationType.REPEATS,
            ).delete()
    return locked


def claim_match_confirm(*, match: ClaimMatch, user: Any) -> ClaimMatch:
    """A reviewer says the two claims are the same claim: they are linked as a repeat."""
    return _decide(match=match, user=user, state=MatchState.CONFIRMED)


def claim_match_dismiss(*, match: ClaimMatch, user: Any) -> ClaimMatch:
    """A reviewer says the two claims are different; the pair is never suggested again."""
    return _decide(match=match, user=user, state=MatchState.DISMISSED)


def claim_match_between(*, claim: Claim, other_id: int) -> ClaimMatch:
    """The recorded match of `claim` with claim `other_id`, or a ValidationError."""
    low, high = sorted((claim.pk, other_id))
    match = ClaimMatch.objects.filter(claim_id=low, other_id=high).first()
    if match is None:
        raise ValidationError({"other": ["These claims are not a candidate match."]})
    return match
