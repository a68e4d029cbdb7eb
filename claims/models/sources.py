"""Evidence for and against claims."""

import pghistory
from django.conf import settings
from django.db import models

from claims.choices import SourceType, Stance


@pghistory.track()
class Source(models.Model):
    """A piece of evidence: an official record, dataset, document, article, social post or broadcast."""

    title = models.CharField(max_length=500)
    source_type = models.CharField(max_length=20, choices=SourceType.choices, default=SourceType.DOCUMENT)
    url = models.URLField(max_length=1000, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    archived_url = models.URLField(max_length=1000, blank=True, help_text="An archived copy.")
    notes = models.TextField(blank=True, max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(source_type__in=SourceType.values), name="source_type_valid"),
        ]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class Citation(models.Model):
    """Ties a source to a claim with a stance and the excerpt that matters."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    stance = models.CharField(max_length=12, choices=Stance.choices)
    excerpt = models.TextField(blank=True, max_length=10000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stance__in=Stance.values), name="citation_stance_valid"),
            models.UniqueConstraint(fields=["claim", "source", "stance"], name="citation_unique_per_stance"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_stance_display().lower()} claim #{self.claim_id}"
