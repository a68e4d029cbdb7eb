"""The `data` part of webhook bodies: plain JSON-ready dicts describing a claim or a review."""

from __future__ import annotations

from typing import Any

from claims.models import Claim, Review


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def claim_payload(claim: Claim) -> dict[str, Any]:
    """A claim as subscribers see it: identity, text, speaker, state and who moved it there."""
    speaker = claim.speaker
    return {
        "id": claim.pk,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "speaker": {"id": speaker.pk, "name": speaker.name} if speaker is not None else None,
        "kind": claim.kind,
        "claim_type": claim.claim_type,
        "direct": claim.direct,
        "status": claim.status,
        "assignee": _username(claim.assignee),
        "status_changed_at": claim.status_changed_at,
        "status_changed_by": _username(claim.status_changed_by),
    }


def review_payload(review: Review) -> dict[str, Any]:
    """A verdict as subscribers see it, with the verdict it corrects when it is a correction."""
    return {
        "id": review.pk,
        "claim_id": review.claim_id,
        "rating": review.rating,
        "summary": review.summary,
        "body": review.body,
        "status": review.status,
        "author": _username(review.author),
        "approved_by": _username(review.approved_by),
        "supersedes": review.supersedes_id,
        "submitted_at": review.submitted_at,
        "published_at": review.published_at,
    }
