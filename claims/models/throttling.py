"""Request counts per rate-limit window, when no Redis is configured."""

from django.db import models


class RateWindow(models.Model):
    """One counter per throttle key and window; counted by one atomic upsert, so processes never race.

    The table is UNLOGGED (see its migration): counts are worth nothing after a crash, and skipping the
    write-ahead log keeps the per-request write cheap.
    """

    key = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate-limit window"

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
