"""The review workflow: the only module that changes a claim's or a review's status.

    proposed ─accept─▶ accepted ─assign─▶ in review ─submit─▶ reviewed ─publish─▶ published
        │  ▲                                  ▲ │ (reassign)      │                  │
      reject reopen                           │ └─────────────────┘ send back        correct
        ▼  │                                  └── (editor returns the verdict)       (new verdict, approved
      rejected                                                                        the same way, supersedes
                                                                                      the old one)

Every transition locks the claim row, checks the state against `TRANSITIONS` and the user's role
against `claims.permissions`, records who and when, and announces itself to webhook subscribers once
the transaction commits. A transition that is not allowed raises TransitionNotAllowed; one that lost a
race with another user raises ConcurrentChange. Claim objects passed in may be stale: the functions
re-read the row under the lock and return the fresh instance.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from claims import permissions
from claims.choices import OPEN_REVIEW_STATUSES, ClaimStatus, Rating, ReviewStatus, WebhookEvent
from claims.exceptions import ConcurrentChange, RoleRequired, TransitionNotAllowed
from claims.models import Claim, Note, Review
from claims.services.fields import changeable_fields_check
from claims.services.webhooks import webhook_event_emit
from claims.webhooks.payloads import claim_payload, review_payload


@dataclass(frozen=True)
class Transition:
    """One edge of the workflow: the states it leaves, the state it reaches, the permission it needs."""

    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the claim keeps its status (a correction, a reassignment)
    action: str
    verb: str


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("accept", (ClaimStatus.PROPOSED,), ClaimStatus.ACCEPTED, permissions.ACCEPT, "accept"),
        Transition("reject", (ClaimStatus.PROPOSED,), ClaimStatus.REJECTED, permissions.ACCEPT, "reject"),
        Transition(
            "reopen",
            (ClaimStatus.REJECTED, ClaimStatus.ACCEPTED),
            ClaimStatus.PROPOSED,
            permissions.ACCEPT,
            "reopen",
        ),
        Transition(
            "assign", (ClaimStatus.ACCEPTED, ClaimStatus.IN_REVIEW), ClaimStatus.IN_REVIEW, permissions.ASSIGN, "assign"
        ),
        Transition("submit", (ClaimStatus.IN_REVIEW,), ClaimStatus.REVIEWED, permissions.REVIEW, "submit a verdict on"),
        Transition(
            "publish",
            (ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED),
            ClaimStatus.PUBLISHED,
            permissions.PUBLISH,
            "publish",
        ),
        Transition(
            "send_back",
            (ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED),
            None,
            permissions.PUBLISH,
            "send back the verdict on",
        ),
        Transition("correct", (ClaimStatus.PUBLISHED,), None, permissions.REVIEW, "correct the verdict on"),
        Transition(
            "withdraw",
            (ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED),
            None,
            permissions.REVIEW,
            "withdraw the verdict on",
        ),
    )
}


def _lock_timeout_ms() -> int:
    return int(getattr(settings, "CLAIM_LOCK_TIMEOUT_MS", 3000))


@contextmanager
def _lock_wait_limit() -> Iterator[None]:
    """Wait a few seconds at most for a row lock, then give up with ConcurrentChange."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
            [f"{_lock_timeout_ms()}ms"],
        )
        previous = cursor.fetchone()[0]
    try:
        with transaction.atomic():
            yield
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == "55P03":  # lock_not_available
            raise ConcurrentChange("Someone else is changing this claim right now; reload it and try again.") from error
        raise
    finally:
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def _lock_claim(claim_pk: int) -> Claim:
    with _lock_wait_limit():
        return (
            Claim.objects.select_for_update(of=("self",))
            .select_related("speaker", "assignee", "status_changed_by")
            .get(pk=claim_pk)
        )


def _lock_review(review_pk: int) -> Review:
    with _lock_wait_limit():
        return (
            Review.objects.select_for_update(of=("self",))
            .select_related("author", "approved_by", "supersedes")
            .get(pk=review_pk)
        )


def _check_state(transition: Transition, *, seen: Claim | None, locked: Claim) -> None:
    """Refuse the transition unless the locked claim is in one of its source states."""
    if locked.status in transition.sources:
        return
    allowed = " or ".join(ClaimStatus(state).label.lower() for state in transition.sources)
    current = locked.get_status_display().lower()
    if seen is not None and seen.status != locked.status and seen.status in transition.sources:
        who = locked.status_changed_by.get_username() if locked.status_changed_by else "someone else"
        raise ConcurrentChange(
            f"The claim was moved to “{current}” by {who} while you were working on it; "
            f"reload it to see its current state.",
            current_status=locked.status,
        )
    raise TransitionNotAllowed(
        f"Cannot {transition.verb} a claim that is {current}; it must be {allowed}.",
        current_status=locked.status,
    )


def _set_status(claim: Claim, status: str, user: Any, *extra_fields: str) -> None:
    claim.status = status
    claim.status_changed_at = timezone.now()
    claim.status_changed_by = user
    claim.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at", *extra_fields])


def _emit_claim(event: str, claim: Claim, **extra: Any) -> None:
    webhook_event_emit(event=event, payload={"claim": claim_payload(claim), **extra})


def _emit_review(event: str, review: Review, claim: Claim) -> None:
    webhook_event_emit(event=event, payload={"claim": claim_payload(claim), "review": review_payload(review)})


def _validate_verdict(rating: str, summary: str) -> str:
    errors: dict[str, list[str]] = {}
    if rating not in Rating.values:
        errors["rating"] = [f"Choose one of {', '.join(Rating.values)}."]
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = ["Write a one-line verdict."]
    elif len(summary) > Review._meta.get_field("summary").max_length:
        errors["summary"] = ["Keep the verdict to 500 characters; put the rest in the body."]
    if errors:
        raise ValidationError(errors)
    return summary


@contextmanager
def _transition(name: str, user: Any) -> Iterator[Transition]:
    """Check the role, open the transaction and tag the history rows it writes with the user."""
    transition = TRANSITIONS[name]
    permissions.require(user, transition.action)
    with transaction.atomic(), pghistory.context(user=user.pk, transition=name):
        yield transition


def _simple_transition(name: str, event: str, *, claim: Claim, user: Any, **payload: Any) -> Claim:
    with _transition(name, user) as transition:
        locked = _lock_claim(claim.pk)
        _check_state(transition, seen=claim, locked=locked)
        _set_status(locked, transition.target, user)
        _emit_claim(event, locked, **payload)
    return locked


def claim_accept(*, claim: Claim, user: Any) -> Claim:
    """Confirm a proposal: its text and speaker are right and it is a claim worth tracking."""
    return _simple_transition("accept", WebhookEvent.CLAIM_ACCEPTED, claim=claim, user=user)


def claim_reject(*, claim: Claim, user: Any, reason: str = "") -> Claim:
    """Turn a proposal down; the reason, when given, is kept as a note on the claim."""
    reason = reason.strip()
    with _transition("reject", user) as transition:
        locked = _lock_claim(claim.pk)
        _check_state(transition, seen=claim, locked=locked)
        _set_status(locked, transition.target, user)
        if reason:
            Note.objects.create(claim=locked, author=user, body=f"Rejected: {reason}")
        _emit_claim(WebhookEvent.CLAIM_REJECTED, locked, reason=reason)
    return locked


def claim_reopen(*, claim: Claim, user: Any) -> Claim:
    """Bring a rejected or accepted proposal back for another look (undoing a decision made in haste)."""
    return _simple_transition("reopen", WebhookEvent.CLAIM_REOPENED, claim=claim, user=user)


def claim_assign(*, claim: Claim, user: Any, assignee: Any) -> Claim:
    """Put an accepted claim in a reviewer's queue, or hand a claim in review to another reviewer."""
    if assignee is None or not permissions.has_role(assignee, permissions.REVIEWER):
        raise ValidationError({"assignee": ["Assign the claim to an active user with the reviewer role."]})
    with _transition("assign", user) as transition:
        locked = _lock_claim(claim.pk)
        _check_state(transition, seen=claim, locked=locked)
        if locked.status == ClaimStatus.IN_REVIEW and claim.assignee_id != locked.assignee_id:
            raise ConcurrentChange(
                "The claim was reassigned while you were working on it; reload it to see who has it now."
            )
        previous = locked.assignee
        if previous is not None and previous.pk == assignee.pk and locked.status == ClaimStatus.IN_REVIEW:
            return locked
        locked.assignee = assignee
        if locked.status == ClaimStatus.ACCEPTED:
            _set_status(locked, transition.target, user, "assignee")
        else:
            locked.save(update_fields=["assignee", "updated_at"])
        _emit_claim(
            WebhookEvent.CLAIM_ASSIGNED,
            locked,
            previous_assignee=previous.get_username() if previous is not None else None,
        )
    return locked


def _open_review(claim: Claim) -> Review | None:
    return claim.reviews.select_for_update().filter(status__in=OPEN_REVIEW_STATUSES).first()


def review_submit(*, claim: Claim, user: Any, rating: str, summary: str, body: str = "") -> Review:
    """The assigned reviewer's verdict; it waits for a second person's approval before it is published."""
    summary = _validate_verdict(rating, summary)
    with _transition("submit", user) as transition:
        locked = _lock_claim(claim.pk)
        _check_state(transition, seen=claim, locked=locked)
        permissions.require(user, transition.action, locked)
        now = timezone.now()
        review = _open_review(locked)
        if review is not None and not (review.status == ReviewStatus.DRAFT and review.author_id == user.pk):
            raise TransitionNotAllowed(
                "This claim already has a verdict waiting; it must be published or sent back first."
            )
        review = review or Review(claim=locked, author=user)
        review.rating, review.summary, review.body = rating, summary, body
        review.status, review.submitted_at = ReviewStatus.SUBMITTED, now
        review.save()
        _set_status(locked, transition.target, user)
        _emit_review(WebhookEvent.REVIEW_SUBMITTED, review, locked)
    return review


def review_correct(*, claim: Claim, user: Any, rating: str, summary: str, body: str = "") -> Review:
    """A new verdict for a published claim; once approved it supersedes the old one, which stays visible."""
    summary = _validate_verdict(rating, summary)
    with _transition("correct", user) as transition:
        locked = _lock_claim(claim.pk)
        _check_state(transition, seen=claim, locked=locked)
        if _open_review(locked) is not None:
            raise TransitionNotAllowed("A correction of this verdict is already waiting for approval.")
        current = locked.reviews.select_for_update().get(status=ReviewStatus.PUBLISHED)
        review = Review.objects.create(
            claim=locked,
            author=user,
            rating=rating,
            summary=summary,
            body=body,
            status=ReviewStatus.SUBMITTED,
            supersedes=current,
            submitted_at=timezone.now(),
        )
        _emit_review(WebhookEvent.REVIEW_SUBMITTED, review, locked)
    return review


def _check_review_waiting(review: Review, *, seen: Review, verb: str) -> None:
    if review.status == ReviewStatus.SUBMITTED:
        return
    current = review.get_status_display().lower()
    if seen.status == ReviewStatus.SUBMITTED:
        raise ConcurrentChange(f"The verdict was {current} by someone else while you were looking at it.")
    raise TransitionNotAllowed(f"Cannot {verb} a verdict that is {current}; it must be submitted for approval.")


def review_publish(*, review: Review, user: Any) -> Review:
    """Approve and publish a submitted verdict; the approver is never its author."""
    with _transition("publish", user) as transition:
        claim = _lock_claim(review.claim_id)
        locked = _lock_review(review.pk)
        _check_state(transition, seen=None, locked=claim)
        _check_review_waiting(locked, seen=review, verb="publish")
        if claim.status == ClaimStatus.PUBLISHED and locked.supersedes_id is None:
            raise TransitionNotAllowed("This claim already has a published verdict; submit a correction instead.")
        permissions.require(user, transition.action, locked)
        now = timezone.now()
        if locked.supersedes_id is not None:
            # The old verdict steps aside first: one published verdict per claim, enforced by the database.
            Review.objects.filter(pk=locked.supersedes_id, status=ReviewStatus.PUBLISHED).update(
                status=ReviewStatus.SUPERSEDED, updated_at=now
            )
        locked.status, locked.approved_by, locked.published_at = ReviewStatus.PUBLISHED, user, now
        locked.save(update_fields=["status", "approved_by", "published_at", "updated_at"])
        _set_status(claim, transition.target, user)
        _emit_review(WebhookEvent.REVIEW_PUBLISHED, locked, claim)
    return locked


def review_send_back(*, review: Review, user: Any, reason: str = "") -> Review:
    """Return a submitted verdict to its reviewer instead of publishing it; the reason becomes a note."""
    with _transition("send_back", user) as transition:
        claim = _lock_claim(review.claim_id)
        locked = _lock_review(review.pk)
        _check_state(transition, seen=None, locked=claim)
        _check_review_waiting(locked, seen=review, verb="send back")
        locked.status = ReviewStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        if claim.status == ClaimStatus.REVIEWED:
            _set_status(claim, ClaimStatus.IN_REVIEW, user)
        if reason.strip():
            Note.objects.create(claim=claim, author=user, body=f"Verdict sent back: {reason.strip()}")
    return locked


def _require_author(review: Review, user: Any, verb: str) -> None:
    # Editors return other people's verdicts with send_back; revising or withdrawing is the author's own call.
    if review.author_id != user.pk:
        raise RoleRequired(f"Only the verdict's author can {verb} it.", action=verb)


def review_revise(*, review: Review, user: Any, **changes: Any) -> Review:
    """Let the author improve a verdict while it waits for approval (rating, summary, body)."""
    changeable_fields_check(changes, {"rating", "summary", "body"})
    permissions.require(user, permissions.REVIEW)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = _lock_review(review.pk)
        _check_review_waiting(locked, seen=review, verb="revise")
        _require_author(locked, user, "revise")
        rating = changes.get("rating", locked.rating)
        summary = _validate_verdict(rating, changes.get("summary", locked.summary))
        locked.rating, locked.summary = rating, summary
        locked.body = changes.get("body", locked.body)
        locked.save(update_fields=["rating", "summary", "body", "updated_at"])
    return locked


def review_withdraw(*, review: Review, user: Any) -> Review:
    """The author takes back a verdict before it is approved; the claim returns to review."""
    with _transition("withdraw", user) as transition:
        claim = _lock_claim(review.claim_id)
        locked = _lock_review(review.pk)
        _check_state(transition, seen=None, locked=claim)
        _check_review_waiting(locked, seen=review, verb="withdraw")
        _require_author(locked, user, "withdraw")
        locked.status = ReviewStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        if claim.status == ClaimStatus.REVIEWED:
            _set_status(claim, ClaimStatus.IN_REVIEW, user)
    return locked


def waiting_review(claim: Claim) -> Review | None:
    """The newest verdict awaiting approval: from the reviews a list loaded (`loaded_reviews`), else asked for."""
    loaded = getattr(claim, "loaded_reviews", None)
    if loaded is not None:
        waiting = [review for review in loaded if review.status == ReviewStatus.SUBMITTED]
        return max(waiting, key=lambda review: (review.created_at, review.pk), default=None)
    return claim.reviews.filter(status=ReviewStatus.SUBMITTED).order_by("-created_at", "-pk").first()


def transition_options(*, claim: Claim, user: Any) -> list[tuple[str, str | None]]:
    """Each transition the claim's state offers now, with None if `user` may make it or the reason why not."""
    options: list[tuple[str, str | None]] = []
    waiting = None
    if claim.status in (ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED):
        waiting = waiting_review(claim)
    for name, transition in TRANSITIONS.items():
        if claim.status not in transition.sources:
            continue
        target: Any = None
        if name == "submit":
            target = claim
        elif name in ("publish", "send_back", "withdraw"):
            if waiting is None:
                continue
            target = waiting
            if name == "withdraw" and waiting.author_id != user.pk:
                continue
            if name == "send_back" and waiting.author_id == user.pk:
                # The author takes their own verdict back with withdraw, which is offered instead.
                continue
        elif name == "correct" and waiting is not None:
            continue
        options.append((name, permissions.refusal(user, transition.action, target)))
    return options


def available_transitions(*, claim: Claim, user: Any) -> list[str]:
    """Names of the transitions `user` may apply to `claim` as it stands (for buttons and API links)."""
    return [name for name, reason in transition_options(claim=claim, user=user) if reason is None]
