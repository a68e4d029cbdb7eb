"""Reviewers' verdicts on claims."""

import pghistory
from django.conf import settings
from django.db import models

from claims.choices import OPEN_REVIEW_STATUSES, ClaimOrigin, Rating, ReviewStatus


@pghistory.track()
class Review(models.Model):
    """A reviewer's verdict on a claim; publishing it needs a second person's approval."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    rating = models.CharField(max_length=16, choices=Rating.choices)
    summary = models.CharField(max_length=500, help_text="One-line verdict, shown with the rating.")
    body = models.TextField(blank=True, max_length=20000)
    status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="approved_reviews"
    )
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_url = models.URLField(
        max_length=1000,
        blank=True,
        help_text="Where the desk published this verdict; the ClaimReview points there instead of the public page.",
    )
    origin = models.CharField(max_length=12, choices=ClaimOrigin.choices, default=ClaimOrigin.MANUAL)
    source_publisher = models.CharField(
        max_length=300, blank=True, help_text="For an imported ClaimReview: the organisation that published it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim_id", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__in=Rating.values), name="review_rating_valid"),
            models.CheckConstraint(condition=models.Q(status__in=ReviewStatus.values), name="review_status_valid"),
            # Four eyes: nobody approves their own verdict.
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("author")),
                name="review_not_approved_by_author",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(status__in=OPEN_REVIEW_STATUSES),
                name="review_one_open_per_claim",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(status=ReviewStatus.PUBLISHED),
                name="review_one_published_per_claim",
            ),
            models.CheckConstraint(condition=models.Q(origin__in=ClaimOrigin.values), name="review_origin_valid"),
            # An imported ClaimReview is known by the address it was published at: importing it again is a no-op.
            models.UniqueConstraint(
                fields=["published_url"],
                condition=models.Q(origin=ClaimOrigin.IMPORTED),
                name="review_imported_url_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.summary}"
