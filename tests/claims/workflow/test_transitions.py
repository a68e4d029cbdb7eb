"""Every transition, allowed and refused, for every role and every state."""

import pytest

from claims import workflow
from claims.choices import ClaimStatus, Rating, ReviewStatus
from claims.exceptions import RoleRequired, TransitionNotAllowed
from claims.models import Claim, Note, Review
from tests.factories import ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "annotator", "reviewer", "second_reviewer", "editor")


def run(name, claim, user, assignee):
    """Apply transition `name` the way a caller would, picking the review where one is needed."""
    if name == "accept":
        return workflow.claim_accept(claim=claim, user=user)
    if name == "reject":
        return workflow.claim_reject(claim=claim, user=user, reason="A paraphrase, not a quotation.")
    if name == "reopen":
        return workflow.claim_reopen(claim=claim, user=user)
    if name == "assign":
        return workflow.claim_assign(claim=claim, user=user, assignee=assignee)
    if name == "submit":
        return workflow.review_submit(claim=claim, user=user, rating=Rating.FALSE, summary="Growth was 0.4%.")
    if name == "correct":
        return workflow.review_correct(claim=claim, user=user, rating=Rating.MISLEADING, summary="Revised.")
    review = claim.reviews.get(status=ReviewStatus.SUBMITTED)
    if name == "publish":
        return workflow.review_publish(review=review, user=user)
    if name == "send_back":
        return workflow.review_send_back(review=review, user=user, reason="Cite the statistics office.")
    if name == "withdraw":
        return workflow.review_withdraw(review=review, user=user)
    raise AssertionError(name)


# transition -> (state it starts from, state it leaves the claim in, roles allowed)
MATRIX = {
    "accept": ("proposed", "accepted", {"annotator", "reviewer", "second_reviewer", "editor"}),
    "reject": ("proposed", "rejected", {"annotator", "reviewer", "second_reviewer", "editor"}),
    "reopen": ("rejected", "proposed", {"annotator", "reviewer", "second_reviewer", "editor"}),
    "assign": ("accepted", "in_review", {"reviewer", "second_reviewer", "editor"}),
    # The claim is assigned to `reviewer`: another reviewer may not write its verdict, an editor may.
    "submit": ("in_review", "reviewed", {"reviewer", "editor"}),
    # The verdict is by `reviewer`: only an editor who is not its author publishes it.
    "publish": ("reviewed", "published", {"editor"}),
    "send_back": ("reviewed", "in_review", {"editor"}),
    "correct": ("published", "published", {"reviewer", "second_reviewer", "editor"}),
    # Only the verdict's author takes it back; an editor returns someone else's with send_back.
    "withdraw": ("reviewed", "in_review", {"reviewer"}),
}
CASES = [(name, role) for name in MATRIX for role in ROLES]


def test_the_matrix_covers_every_transition():
    assert set(MATRIX) == set(workflow.TRANSITIONS)


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_transition_per_role(request, claim_in, reviewer, name, role):
    start, end, allowed = MATRIX[name]
    user = request.getfixturevalue(role)
    claim = claim_in(start)

    if role in allowed:
        run(name, claim, user, reviewer)
        claim.refresh_from_db()
        assert claim.status == end
        if start != end:
            assert claim.status_changed_by == user
            assert claim.status_changed_at is not None
        assert name in workflow.available_transitions(claim=claim_in(start), user=user)
    else:
        before = Claim.objects.values().get(pk=claim.pk)
        reviews_before = list(Review.objects.filter(claim=claim).values())
        with pytest.raises(RoleRequired):
            run(name, claim, user, reviewer)
        assert Claim.objects.values().get(pk=claim.pk) == before
        assert list(Review.objects.filter(claim=claim).values()) == reviews_before
        assert name not in workflow.available_transitions(claim=claim, user=user)


WRONG_STATES = [
    (name, status)
    for name, transition in workflow.TRANSITIONS.items()
    for status in ClaimStatus.values
    if status not in transition.sources
]


@pytest.mark.parametrize(("name", "status"), WRONG_STATES, ids=[f"{n}-from-{s}" for n, s in WRONG_STATES])
def test_transition_from_the_wrong_state_is_refused(claim_in, editor, reviewer, name, status):
    claim = claim_in(status)
    if (
        name in ("publish", "send_back", "withdraw")
        and not claim.reviews.filter(status=ReviewStatus.SUBMITTED).exists()
    ):
        ReviewFactory(claim=claim, author=reviewer, status=ReviewStatus.SUBMITTED)
    before = Claim.objects.values().get(pk=claim.pk)

    with pytest.raises(TransitionNotAllowed) as error:
        run(name, claim, editor, reviewer)

    assert status.replace("_", " ") in str(error.value)
    assert Claim.objects.values().get(pk=claim.pk) == before
    assert name not in workflow.available_transitions(claim=claim, user=editor)


def test_anonymous_and_inactive_users_can_do_nothing(claim_in, annotator):
    from django.contrib.auth.models import AnonymousUser

    claim = claim_in("proposed")
    with pytest.raises(RoleRequired):
        workflow.claim_accept(claim=claim, user=AnonymousUser())
    annotator.is_active = False
    annotator.save()
    with pytest.raises(RoleRequired):
        workflow.claim_accept(claim=claim, user=annotator)


def test_superuser_without_groups_may_do_everything(claim_in, staff_user):
    claim = workflow.claim_accept(claim=claim_in("proposed"), user=staff_user)
    assert claim.status == ClaimStatus.ACCEPTED


def test_reject_keeps_the_reason_as_a_note(claim_in, annotator):
    claim = workflow.claim_reject(claim=claim_in("proposed"), user=annotator, reason="  Reported speech.  ")
    note = Note.objects.get(claim=claim)
    assert note.author == annotator
    assert note.body == "Rejected: Reported speech."


def test_assign_needs_a_reviewer_as_assignee(claim_in, editor, annotator):
    from django.core.exceptions import ValidationError

    claim = claim_in("accepted")
    with pytest.raises(ValidationError) as error:
        workflow.claim_assign(claim=claim, user=editor, assignee=annotator)
    assert "assignee" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED and claim.assignee is None


def test_reassigning_moves_the_claim_between_queues(claim_in, editor, reviewer, second_reviewer):
    claim = claim_in("in_review")
    changed_at = claim.status_changed_at

    claim = workflow.claim_assign(claim=claim, user=editor, assignee=second_reviewer)

    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.assignee == second_reviewer
    assert claim.status_changed_at == changed_at  # the status did not change, only the assignee
    with pytest.raises(RoleRequired):
        workflow.review_submit(claim=claim, user=reviewer, rating=Rating.TRUE, summary="Correct.")
    review = workflow.review_submit(claim=claim, user=second_reviewer, rating=Rating.TRUE, summary="Correct.")
    assert review.author == second_reviewer


def test_submit_records_the_verdict_and_when(claim_in, reviewer):
    claim = claim_in("in_review")
    review = workflow.review_submit(
        claim=claim, user=reviewer, rating=Rating.MOSTLY_FALSE, summary=" Far lower. ", body="Details."
    )
    assert review.status == ReviewStatus.SUBMITTED
    assert review.summary == "Far lower."
    assert review.submitted_at is not None
    assert review.approved_by is None and review.published_at is None


@pytest.mark.parametrize(("rating", "summary", "field"), [("fake", "Fine.", "rating"), (Rating.TRUE, "  ", "summary")])
def test_submit_validates_the_verdict(claim_in, reviewer, rating, summary, field):
    from django.core.exceptions import ValidationError

    claim = claim_in("in_review")
    with pytest.raises(ValidationError) as error:
        workflow.review_submit(claim=claim, user=reviewer, rating=rating, summary=summary)
    assert field in error.value.message_dict
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    assert not claim.reviews.exists()


def test_send_back_returns_the_claim_to_its_reviewer(claim_in, editor, reviewer):
    claim = claim_in("reviewed")
    review = claim.reviews.get()

    workflow.review_send_back(review=review, user=editor, reason="Add a source.")

    review.refresh_from_db()
    claim.refresh_from_db()
    assert review.status == ReviewStatus.WITHDRAWN
    assert claim.status == ClaimStatus.IN_REVIEW and claim.assignee == reviewer
    assert claim.notes.get().body == "Verdict sent back: Add a source."
    # The reviewer can now submit a fresh verdict: the withdrawn one no longer counts as open.
    workflow.review_submit(claim=claim, user=reviewer, rating=Rating.FALSE, summary="With a source now.")


def test_nothing_else_assigns_status():
    """Only claims/workflow.py changes the status of claims and reviews (the style rule, checked)."""
    import pathlib
    import re

    import claims

    root = pathlib.Path(claims.__file__).parent
    assignment = re.compile(r"^\s*[\w.]+\.status\s*(,\s*[\w.]+\s*)*=(?!=)|\.update\([^)]*\bstatus\s*=")
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and path.name != "workflow.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if assignment.search(line) and "WebhookDeliveryStatus" not in line
    ]
    assert not offenders, "\n".join(offenders)


def test_a_user_who_is_not_a_reviewer_is_never_an_assignee(claim_in, editor):
    claim = claim_in("accepted")
    outsider = UserFactory()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        workflow.claim_assign(claim=claim, user=editor, assignee=outsider)
