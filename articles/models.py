"""Outlets and the articles every claim is anchored to."""

import pghistory
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Lower


@pghistory.track()
class Outlet(models.Model):
    """A publisher of articles."""

    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=253, blank=True, help_text="e.g. bbc.co.uk")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="outlet_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Article(models.Model):
    """A news article: its cleaned body is what every annotation anchors to."""

    headline = models.CharField(max_length=500)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    byline = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField()
    raw_text = models.TextField(help_text="The text exactly as imported, kept for provenance.")
    source_name = models.CharField(max_length=300, blank=True, help_text="File or feed it came from.")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the raw text.")
    search_vector = models.GeneratedField(
        expression=SearchVector("headline", "body", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_content_hash_unique"),
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="article_search_gin")]

    def __str__(self) -> str:
        return self.headline
