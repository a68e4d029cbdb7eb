"""Deciding all of an article's proposals at once, and taking the last such decision back.

Each claim still goes through `claims.workflow` (accept, reject, reopen), so every change is checked,
locked, recorded in the history and announced to webhook subscribers like a single decision.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from claims import permissions, workflow
from claims.choices import ClaimStatus
from claims.exceptions import TransitionNotAllowed
from claims.models import BulkDecision, Claim

NO_SPEAKER_REASON = "No speaker: rejected with the article's other proposals that had none."


def article_proposals_decide(*, article: Article, user: Any) -> BulkDecision:
    """Accept every proposal of the article that has a speaker and reject every one that has none."""
    permissions.require(user, permissions.ACCEPT)
    with transaction.atomic():
        proposals = list(
            Claim.objects.filter(article=article, status=ClaimStatus.PROPOSED, orphaned_at__isnull=True).order_by(
                "start", "id"
            )
        )
        if not proposals:
            raise TransitionNotAllowed("This article has no proposals left to decide.")
        accepted, rejected = [], []
        for claim in proposals:
            if claim.speaker_id is not None:
                accepted.append(workflow.claim_accept(claim=claim, user=user).pk)
            else:
                rejected.append(workflow.claim_reject(claim=claim, user=user, reason=NO_SPEAKER_REASON).pk)
        return BulkDecision.objects.create(article=article, user=user, accepted=accepted, rejected=rejected)


def bulk_decision_last(*, article: Article) -> BulkDecision | None:
    """The article's most recent bulk decision (undone or not), or None."""
    return BulkDecision.objects.filter(article=article).order_by("-created_at", "-id").first()


def bulk_decision_undo(*, article: Article, user: Any) -> tuple[BulkDecision, list[int]]:
    """Return the claims of the article's last bulk decision to proposals; claims since moved on stay.

    Gives the decision and the ids of the claims left as they were (someone took them further meanwhile).
    """
    permissions.require(user, permissions.ACCEPT)
    with transaction.atomic():
        decision = (
            BulkDecision.objects.select_for_update().filter(article=article).order_by("-created_at", "-id").first()
        )
        if decision is None or decision.undone_at is not None:
            raise TransitionNotAllowed("There is no bulk decision on this article to undo.")
        current = dict(
            Claim.objects.filter(pk__in=[*decision.accepted, *decision.rejected]).values_list("pk", "status")
        )
        kept = []
        decided = [(pk, ClaimStatus.ACCEPTED) for pk in decision.accepted]
        decided += [(pk, ClaimStatus.REJECTED) for pk in decision.rejected]
        for pk, was in decided:
            if current.get(pk) != was:
                kept.append(pk)
                continue
            workflow.claim_reopen(claim=Claim(pk=pk, status=was), user=user)
        decision.undone_at, decision.undone_by = timezone.now(), user
        decision.save(update_fields=["undone_at", "undone_by"])
    return decision, kept
