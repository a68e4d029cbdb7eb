"""The dashboard's figures as last computed, so a visit never aggregates the whole corpus."""

from django.db import models


class DashboardSnapshot(models.Model):
    """The dashboard figures (`claims.selectors.DashboardStats` as JSON) and when they were computed."""

    # One row: the latest figures replace the previous ones.
    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON, editable=False)
    stats = models.JSONField()
    computed_at = models.DateTimeField()
    refresh_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When a background refresh was last queued, so a burst of visits queues one."
    )

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="dashboard_snapshot_single_row")]

    def __str__(self) -> str:
        return f"Dashboard figures as of {self.computed_at:%Y-%m-%d %H:%M}"
