"""Claims in every workflow state, built directly so each test starts where it needs to."""

import pytest
from django.utils import timezone

from claims.choices import ClaimStatus, Rating, ReviewStatus
from tests.factories import ClaimFactory, ReviewFactory, UserFactory


@pytest.fixture
def claim_in(reviewer):
    """Build a claim in `status`; from in_review on it is assigned to the `reviewer` fixture."""

    def build(status: str):
        assigned = status in (ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED)
        claim = ClaimFactory(status=status, assignee=reviewer if assigned else None)
        if status == ClaimStatus.REVIEWED:
            ReviewFactory(claim=claim, author=reviewer, status=ReviewStatus.SUBMITTED, submitted_at=timezone.now())
        elif status == ClaimStatus.PUBLISHED:
            ReviewFactory(
                claim=claim,
                author=reviewer,
                rating=Rating.FALSE,
                status=ReviewStatus.PUBLISHED,
                approved_by=UserFactory(username="approver"),
                submitted_at=timezone.now(),
                published_at=timezone.now(),
            )
        return claim

    return build
