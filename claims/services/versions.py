"""When an article gets a new version: move its claims onto the new text, orphan the ones that are gone,
and let a reviewer re-attach an orphan by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleVersion
from claims import permissions
from claims.anchoring import Method, PositionMap, Selector, place, quote_context
from claims.choices import ClaimStatus, WebhookEvent
from claims.models import Claim
from claims.services.editing import claim_span, claim_span_free_check
from claims.services.matching import claim_matches_schedule
from claims.services.webhooks import webhook_event_emit

# A verdict judges these words: such a claim moves only to the very same words, else a reviewer decides.
_FROZEN_STATUSES = (ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED)


@dataclass
class ReanchorReport:
    """What a new version did to an article's claims."""

    article_id: int
    version: int
    silent_edit: bool
    moved: list[dict[str, Any]] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    unchanged: int = 0
    proposed: list[int] = field(default_factory=list)

    def as_payload(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "version": self.version,
            "silent_edit": self.silent_edit,
            "moved": self.moved,
            "orphaned": self.orphaned,
            "unchanged": self.unchanged,
            "proposed": self.proposed,
        }


def _selector(claim: Claim) -> Selector:
    return Selector(exact=claim.text, prefix=claim.prefix, suffix=claim.suffix, start=claim.start, end=claim.end)


@transaction.atomic
def article_claims_reanchor(*, article: Article, previous_body: str, version: ArticleVersion) -> ReanchorReport:
    """Place every claim of `article` on its new body; the ones that cannot be placed become orphans.

    Each move is one history row tagged with the version that caused it. A claim with a verdict moves
    only onto the same words.
    """
    body = article.body
    positions = PositionMap(previous_body, body)
    report = ReanchorReport(article_id=article.pk, version=version.number, silent_edit=version.silent_edit)
    claims = list(Claim.objects.select_for_update().filter(article=article).order_by("start", "id"))
    orphans = {claim.pk for claim in claims if claim.orphaned_at is not None}
    now = timezone.now()
    updates: dict[int, dict[str, Any]] = {}
    taken: dict[tuple[int, int], int] = {}
    for claim in claims:
        # An orphan's offsets belong to an older text; its own position is the best guess left.
        hint = min(claim.start, len(body)) if claim.orphaned_at else positions(claim.start)
        placement = place(_selector(claim), body, hint=hint)
        span = (placement.start, placement.end)
        new_text = body[placement.start : placement.end] if placement.placed else claim.text
        if placement.placed and claim.status in _FROZEN_STATUSES and new_text != claim.text:
            placement = placement.__class__(claim.start, claim.end, Method.ORPHANED, 0.0)
        if placement.placed and span in taken:
            placement = placement.__class__(claim.start, claim.end, Method.ORPHANED, 0.0)
        if not placement.placed:
            if claim.orphaned_at is None:
                updates[claim.pk] = {"orphaned_at": now}
            report.orphaned.append(claim.pk)
            continue
        taken[span] = claim.pk
        prefix, suffix = quote_context(body, *span)
        change = {
            "start": span[0],
            "end": span[1],
            "text": new_text,
            "prefix": prefix,
            "suffix": suffix,
            "orphaned_at": None,
        }
        if all(getattr(claim, key) == value for key, value in change.items()):
            report.unchanged += 1
            continue
        updates[claim.pk] = change
        if (claim.start, claim.end, claim.text) == (*span, new_text) and claim.orphaned_at is None:
            report.unchanged += 1  # only the words around it changed
            continue
        report.moved.append(
            {
                "claim": claim.pk,
                "from": [claim.start, claim.end],
                "to": list(span),
                "method": placement.method,
                "score": placement.score,
                "text_changed": new_text != claim.text,
            }
        )
    with pghistory.context(reason="re-anchored", article_version=version.number):
        _apply(claims, updates)
    # New words (or an orphan placed again) are matched again; a claim that only moved keeps its matches.
    claim_matches_schedule(
        claim_ids=[move["claim"] for move in report.moved if move["text_changed"] or move["claim"] in orphans]
    )
    return report


def _apply(claims: list[Claim], updates: dict[int, dict[str, Any]]) -> None:
    """Write the moves in an order that never puts two placed claims on one span at the same moment."""
    current = {(c.start, c.end): c.pk for c in claims if c.orphaned_at is None}
    pending = dict(updates)
    while pending:
        ready = [
            pk
            for pk, change in pending.items()
            if change.get("orphaned_at") is not None or current.get((change["start"], change["end"]), pk) == pk
        ]
        if not ready:
            # A cycle (claims swapping places): lift one out of the way for a moment.
            pk = next(iter(pending))
            Claim.objects.filter(pk=pk).update(orphaned_at=timezone.now())
            current = {span: owner for span, owner in current.items() if owner != pk}
            continue
        for pk in ready:
            change = pending.pop(pk)
            Claim.objects.filter(pk=pk).update(**change, updated_at=timezone.now())
            current = {span: owner for span, owner in current.items() if owner != pk}
            if change.get("orphaned_at") is None:
                current[(change["start"], change["end"])] = pk


def article_updated_announce(*, report: ReanchorReport) -> None:
    """Tell subscribers that an article has a new version and what happened to its claims."""
    webhook_event_emit(event=WebhookEvent.ARTICLE_UPDATED, payload=report.as_payload())


def claim_reattach(*, claim: Claim, start: int, end: int, user: Any) -> Claim:
    """Put an orphaned claim back on a span of the article's current text chosen by a reviewer."""
    permissions.require(user, permissions.EDIT_CLAIM)
    with transaction.atomic(), pghistory.context(user=user.pk, reason="re-attached"):
        locked = Claim.objects.select_for_update(of=("self",)).select_related("article").get(pk=claim.pk)
        if locked.orphaned_at is None:
            raise ValidationError({"claim": ["This claim is not orphaned; change its span instead."]})
        span = claim_span(locked.article, start, end)
        if locked.status in _FROZEN_STATUSES and span["text"] != locked.text:
            raise ValidationError(
                {"start": ["A claim with a verdict can only be re-attached to the very words it judged."]}
            )
        claim_span_free_check(locked.article, span["start"], span["end"], exclude=locked.pk)
        for key, value in span.items():
            setattr(locked, key, value)
        locked.orphaned_at = None
        locked.save(update_fields=[*span, "orphaned_at", "updated_at"])
        claim_matches_schedule(claim_ids=[locked.pk])
    return locked
