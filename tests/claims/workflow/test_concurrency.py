"""Two people acting on one claim at once: one wins, the other is told clearly, nothing is half-done.

These tests use real threads, each with its own database connection, against committed data.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from claims import workflow
from claims.choices import ClaimStatus, Rating, ReviewStatus
from claims.exceptions import ConcurrentChange, TransitionNotAllowed
from claims.models import Claim, Review

pytestmark = pytest.mark.django_db(transaction=True)


def in_threads(*jobs):
    """Run each job in its own thread (own connection), started together; return results or errors."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = job()
        except Exception as error:  # the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def test_two_annotators_accepting_and_rejecting_at_once(claim_in, annotator, reviewer):
    claim = claim_in("proposed")
    # Both saw the proposal before either acted.
    first, second = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)

    outcomes = in_threads(
        lambda: workflow.claim_accept(claim=first, user=annotator),
        lambda: workflow.claim_reject(claim=second, user=reviewer, reason="Not a claim."),
    )

    winners = [o for o in outcomes if isinstance(o, Claim)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], ConcurrentChange)
    assert "while you were working" in str(losers[0])
    claim.refresh_from_db()
    assert claim.status == winners[0].status
    assert claim.status_changed_by_id in (annotator.pk, reviewer.pk)
    # The loser left no trace: a rejection note exists only if the rejection won.
    assert claim.notes.exists() == (claim.status == ClaimStatus.REJECTED)


def test_a_transition_waits_for_the_lock_and_then_sees_the_new_state(claim_in, annotator, reviewer):
    claim = claim_in("proposed")
    stale = Claim.objects.get(pk=claim.pk)
    locked = threading.Event()

    def slow_accept():
        with transaction.atomic():
            result = workflow.claim_accept(claim=Claim.objects.get(pk=claim.pk), user=annotator)
            locked.set()
            time.sleep(0.5)  # hold the row lock while the other thread arrives
        return result

    def late_reject():
        assert locked.wait(timeout=10)
        started = time.monotonic()
        try:
            workflow.claim_reject(claim=stale, user=reviewer)
        finally:
            late_reject.waited = time.monotonic() - started

    outcomes = in_threads(slow_accept, late_reject)

    assert isinstance(outcomes[0], Claim) and outcomes[0].status == ClaimStatus.ACCEPTED
    assert isinstance(outcomes[1], ConcurrentChange)
    assert late_reject.waited >= 0.3  # it really waited for the lock instead of reading stale data
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED and claim.status_changed_by == annotator


def test_a_lock_held_too_long_gives_a_clear_error(claim_in, annotator, reviewer, settings):
    settings.CLAIM_LOCK_TIMEOUT_MS = 200
    claim = claim_in("proposed")
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        with transaction.atomic():
            Claim.objects.select_for_update().get(pk=claim.pk)
            locked.set()
            release.wait(timeout=10)

    def accept():
        assert locked.wait(timeout=10)
        try:
            return workflow.claim_accept(claim=claim, user=annotator)
        finally:
            release.set()

    outcomes = in_threads(hold_lock, accept)

    assert isinstance(outcomes[1], ConcurrentChange)
    assert "right now" in str(outcomes[1])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PROPOSED
    # The shortened wait was local to that transaction: the next transition succeeds normally.
    assert workflow.claim_accept(claim=claim, user=annotator).status == ClaimStatus.ACCEPTED


def test_two_editors_publishing_one_verdict(claim_in, editor, django_user_model):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create(username="editor2")
    other.groups.add(Group.objects.get_or_create(name="editor")[0])
    review = claim_in("reviewed").reviews.get()
    seen_by_editor, seen_by_other = Review.objects.get(pk=review.pk), Review.objects.get(pk=review.pk)

    outcomes = in_threads(
        lambda: workflow.review_publish(review=seen_by_editor, user=editor),
        lambda: workflow.review_publish(review=seen_by_other, user=other),
    )

    assert sum(isinstance(o, Review) for o in outcomes) == 1
    loser = next(o for o in outcomes if isinstance(o, Exception))
    assert isinstance(loser, ConcurrentChange | TransitionNotAllowed)
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED
    assert review.approved_by in (editor, other)


def test_two_reviewers_submitting_verdicts_at_once(claim_in, reviewer, editor):
    claim = claim_in("in_review")
    first, second = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)

    outcomes = in_threads(
        lambda: workflow.review_submit(claim=first, user=reviewer, rating=Rating.FALSE, summary="False."),
        lambda: workflow.review_submit(claim=second, user=editor, rating=Rating.TRUE, summary="True."),
    )

    assert sum(isinstance(o, Review) for o in outcomes) == 1
    assert sum(isinstance(o, ConcurrentChange) for o in outcomes) == 1
    assert Review.objects.filter(claim=claim).count() == 1
