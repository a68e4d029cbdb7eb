"""Four-eyes publishing, corrections that supersede a verdict, and what the database refuses."""

import pytest
from django.db import IntegrityError, transaction

from claims import workflow
from claims.choices import ClaimStatus, Rating, ReviewStatus
from claims.exceptions import RoleRequired, TransitionNotAllowed
from claims.models import Claim, Review
from tests.factories import ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="editor2")
    user.groups.add(Group.objects.get_or_create(name="editor")[0])
    return user


def test_full_path_from_proposal_to_published_verdict(claim_in, annotator, reviewer, editor):
    claim = claim_in("proposed")
    claim = workflow.claim_accept(claim=claim, user=annotator)
    claim = workflow.claim_assign(claim=claim, user=editor, assignee=reviewer)
    review = workflow.review_submit(claim=claim, user=reviewer, rating=Rating.FALSE, summary="Growth was 0.4%.")
    review = workflow.review_publish(review=review, user=editor)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.status_changed_by == editor
    assert review.status == ReviewStatus.PUBLISHED
    assert review.author == reviewer and review.approved_by == editor
    assert review.submitted_at <= review.published_at


def test_an_editor_cannot_publish_their_own_verdict(claim_in, editor, second_editor):
    claim = claim_in("in_review")
    review = workflow.review_submit(claim=claim, user=editor, rating=Rating.TRUE, summary="Accurate.")

    with pytest.raises(RoleRequired, match="You wrote this verdict; a second editor must publish it"):
        workflow.review_publish(review=review, user=editor)
    assert "publish" not in workflow.available_transitions(claim=Claim.objects.get(pk=claim.pk), user=editor)
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and review.approved_by is None

    workflow.review_publish(review=review, user=second_editor)
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED and review.approved_by == second_editor


def test_the_database_refuses_self_approval_even_around_the_workflow(claim_in, reviewer):
    review = claim_in("reviewed").reviews.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(approved_by=reviewer)


def test_the_database_refuses_a_second_open_review(claim_in, reviewer, second_reviewer):
    claim = claim_in("reviewed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(claim=claim, author=second_reviewer, status=ReviewStatus.SUBMITTED)
    # A closed verdict does not count: a withdrawn one can sit beside the open one.
    ReviewFactory(claim=claim, author=second_reviewer, status=ReviewStatus.WITHDRAWN)


def test_the_database_refuses_a_second_published_verdict(claim_in, reviewer):
    claim = claim_in("published")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(claim=claim, author=reviewer, status=ReviewStatus.PUBLISHED)


@pytest.mark.parametrize("status", ["archived", "", "PUBLISHED"])
def test_the_database_refuses_a_status_outside_the_workflow(claim_in, status):
    claim = claim_in("proposed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status=status)


def test_the_database_refuses_an_unknown_review_status(claim_in):
    review = claim_in("reviewed").reviews.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(status="approved")


def test_correction_supersedes_the_old_verdict_once_approved(claim_in, reviewer, second_reviewer, editor):
    claim = claim_in("published")
    original = claim.reviews.get()

    correction = workflow.review_correct(
        claim=claim, user=second_reviewer, rating=Rating.MISLEADING, summary="New figures: misleading."
    )

    # Until approved, the original stays the published verdict and the claim stays published.
    original.refresh_from_db()
    claim.refresh_from_db()
    assert original.status == ReviewStatus.PUBLISHED
    assert claim.status == ClaimStatus.PUBLISHED
    assert correction.status == ReviewStatus.SUBMITTED and correction.supersedes == original
    assert workflow.available_transitions(claim=claim, user=editor) == ["publish", "send_back"]

    workflow.review_publish(review=correction, user=editor)

    original.refresh_from_db()
    correction.refresh_from_db()
    assert original.status == ReviewStatus.SUPERSEDED
    assert original.superseded_by == correction
    assert correction.status == ReviewStatus.PUBLISHED and correction.approved_by == editor
    # The old verdict is still there to see, with its own approval intact.
    assert list(claim.reviews.order_by("created_at").values_list("status", flat=True)) == [
        ReviewStatus.SUPERSEDED,
        ReviewStatus.PUBLISHED,
    ]
    assert original.approved_by is not None


def test_a_correction_needs_the_same_four_eyes(claim_in, editor):
    claim = claim_in("published")
    correction = workflow.review_correct(claim=claim, user=editor, rating=Rating.TRUE, summary="Actually true.")
    with pytest.raises(RoleRequired):
        workflow.review_publish(review=correction, user=editor)
    assert claim.reviews.get(status=ReviewStatus.PUBLISHED).pk == correction.supersedes_id


def test_only_one_correction_waits_at_a_time(claim_in, reviewer, second_reviewer):
    claim = claim_in("published")
    workflow.review_correct(claim=claim, user=reviewer, rating=Rating.TRUE, summary="First.")
    with pytest.raises(TransitionNotAllowed, match="already waiting"):
        workflow.review_correct(claim=claim, user=second_reviewer, rating=Rating.FALSE, summary="Second.")


def test_a_correction_sent_back_leaves_the_published_verdict_alone(claim_in, reviewer, editor):
    claim = claim_in("published")
    original = claim.reviews.get()
    correction = workflow.review_correct(claim=claim, user=reviewer, rating=Rating.TRUE, summary="Hmm.")

    workflow.review_send_back(review=correction, user=editor)

    original.refresh_from_db()
    correction.refresh_from_db()
    claim.refresh_from_db()
    assert original.status == ReviewStatus.PUBLISHED
    assert correction.status == ReviewStatus.WITHDRAWN
    assert claim.status == ClaimStatus.PUBLISHED


def test_publishing_a_verdict_twice_is_refused(claim_in, editor, second_editor):
    review = claim_in("reviewed").reviews.get()
    published = workflow.review_publish(review=review, user=editor)
    with pytest.raises(TransitionNotAllowed):
        workflow.review_publish(review=published, user=second_editor)
