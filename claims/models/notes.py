"""The discussion thread of each claim."""

import pghistory
from django.conf import settings
from django.db import models


@pghistory.track()
class Note(models.Model):
    """One message in a claim's discussion thread."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_notes")
    body = models.TextField(max_length=20000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="note_body_not_empty")]

    def __str__(self) -> str:
        body = self.body if len(self.body) <= 60 else self.body[:59] + "…"
        return f"{self.author}: {body}"
