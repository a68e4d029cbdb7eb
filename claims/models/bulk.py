"""Article-wide decisions on proposals, recorded so the last one can be undone."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class BulkDecision(models.Model):
    """One "accept every proposal with a speaker, reject the rest" on an article, and whether it was undone."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="bulk_decisions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bulk_decisions")
    accepted = ArrayField(models.BigIntegerField(), default=list, blank=True)
    rejected = ArrayField(models.BigIntegerField(), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"], name="bulkdecision_article_recent")]

    def __str__(self) -> str:
        return f"{len(self.accepted)} accepted, {len(self.rejected)} rejected on article #{self.article_id}"
