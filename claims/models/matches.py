"""Candidate matches: two claims in different articles that may be the same claim."""

import pghistory
from django.conf import settings
from django.db import models

from claims.choices import MatchState


@pghistory.track()
class ClaimMatch(models.Model):
    """A pair of claims in different articles that look like the same claim, scored 0 to 1.

    Stored once per pair (`claim` has the lower id). A reviewer confirms it (a `repeats` link) or dismisses
    it, and a dismissed pair is never suggested again.
    """

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matches")
    other = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matched_by")
    score = models.FloatField()
    same_speaker = models.BooleanField(default=False)
    state = models.CharField(max_length=12, choices=MatchState.choices, default=MatchState.SUGGESTED)
    automatic = models.BooleanField(default=False, help_text="Confirmed without a reviewer (above the high threshold).")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(claim__lt=models.F("other")), name="claim_match_ordered_pair"),
            models.UniqueConstraint(fields=["claim", "other"], name="claim_match_unique_pair"),
            models.CheckConstraint(condition=models.Q(state__in=MatchState.values), name="claim_match_state_valid"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=1), name="claim_match_score_in_unit_range"
            ),
        ]
        indexes = [models.Index(fields=["other", "state"], name="claim_match_other_state")]

    def __str__(self) -> str:
        return f"#{self.claim_id} ~ #{self.other_id} ({self.score:.2f}, {self.state})"
