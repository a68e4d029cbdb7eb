"""Claim matching: find the claims in other articles that are the same claim, confirm the sure ones as
repeats, suggest the likely ones, and record a reviewer's confirmation or dismissal."""

from __future__ import annotations

from typing import Any

import pghistory
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from claims import permissions
from claims.choices import ClaimOrigin, ClaimStatus, MatchState, RelationType
from claims.matching import HIGH_THRESHOLD, LOW_THRESHOLD, match_score
from claims.models import Claim, ClaimMatch, ClaimRelation

# Candidates fetched by trigram similarity before the finer score decides.
CANDIDATES = 50


def claim_match_candidates(*, claim: Claim, limit: int = CANDIDATES) -> list[tuple[Claim, float]]:
    """Claims in other articles that score at least the low threshold against `claim`, best first.

    The trigram operators (`%` for similar texts, `%>` for a text that contains this one's words) are
    served by the claims' trigram index, so this does not read every claim.
    """
    needle = claim.text.upper()
    candidates = (
        Claim.objects.annotate(upper_text=Upper("text"))
        .filter(Q(upper_text__trigram_similar=needle) | Q(upper_text__trigram_word_similar=needle))
        .annotate(similarity=TrigramWordSimilarity(needle, Upper("text")))
        .order_by("-similarity", "-id")
        .exclude(article_id=claim.article_id)
        .exclude(status=ClaimStatus.REJECTED)
        .select_related("speaker", "article")
        .only("id", "text", "speaker_id", "article_id", "article__published", "article__created_at", "speaker__id")[
            :limit
        ]
    )
    scored = [(other, match_score(claim.text, other.text)) for other in candidates]
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


@transaction.atomic
def claim_matches_refresh(*, claim: Claim) -> list[ClaimMatch]:
    """Record the claim's candidate matches; a same-speaker near-identical one is confirmed as a repeat.

    A pair a reviewer has confirmed or dismissed keeps its state: only its score is brought up to date.
    """
    claim = Claim.objects.select_related("article").get(pk=claim.pk)
    matches = []
    with pghistory.context(reason="matching"):
        for other, score in claim_match_candidates(claim=claim):
            low, high = sorted((claim, other), key=lambda c: c.pk)
            same_speaker = claim.speaker_id is not None and claim.speaker_id == other.speaker_id
            match, created = ClaimMatch.objects.get_or_create(
                claim=low, other=high, defaults={"score": score, "same_speaker": same_speaker}
            )
            if not created and (match.score, match.same_speaker) != (score, same_speaker):
                match.score, match.same_speaker = score, same_speaker
                match.save(update_fields=["score", "same_speaker", "updated_at"])
            if match.state == MatchState.SUGGESTED and same_speaker and score >= HIGH_THRESHOLD:
                match.state, match.automatic, match.decided_at = MatchState.CONFIRMED, True, timezone.now()
                match.save(update_fields=["state", "automatic", "decided_at", "updated_at"])
                _repeats_link(claim, other, origin=ClaimOrigin.EXTRACTED)
            matches.append(match)
    return matches


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
