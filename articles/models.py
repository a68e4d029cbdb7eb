"""Outlets and the articles every claim is anchored to."""

import pghistory
from django.contrib.postgres.fields import ArrayField
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
    canonical_url = models.CharField(
        max_length=1000, blank=True, help_text="The URL normalised: the article's identity when it has one."
    )
    published = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField()
    raw_text = models.TextField(help_text="The text exactly as imported, kept for provenance.")
    source_name = models.CharField(max_length=300, blank=True, help_text="File or feed it came from.")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the raw text.")
    text_hash = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="SHA-256 of the normalised body: identity without a URL."
    )
    text_sketch = ArrayField(
        models.BigIntegerField(), default=list, blank=True, help_text="MinHash sketch that finds near-duplicates."
    )
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
            models.UniqueConstraint(
                fields=["canonical_url"], condition=~models.Q(canonical_url=""), name="article_canonical_url_unique"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            GinIndex(fields=["text_sketch"], name="article_text_sketch_gin"),
        ]

    def __str__(self) -> str:
        return self.headline


class ArticleVersion(models.Model):
    """One text seen at an article: the first is the text first imported, the last is `article.body`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    raw_text = models.TextField()
    content_hash = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the raw text.")
    source_name = models.CharField(max_length=300, blank=True)
    first_seen_at = models.DateTimeField(help_text="When this text was first imported.")
    last_seen_at = models.DateTimeField(help_text="When this text was last imported.")
    correction_note = models.TextField(
        blank=True, help_text="The correction, update or clarification note this version added, if any."
    )
    silent_edit = models.BooleanField(
        default=False, help_text="The text changed and the new version carries no correction note."
    )

    class Meta:
        ordering = ["article_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="article_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"
