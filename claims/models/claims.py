"""Claims (statements in articles) and the typed links between them."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Upper

from claims.choices import ClaimKind, ClaimOrigin, ClaimStatus, ClaimType, RelationType


@pghistory.track()
class Claim(models.Model):
    """One statement in one article, anchored to its span of `article.body`."""

    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="claims")
    speaker = models.ForeignKey(
        "claims.Speaker", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    text = models.TextField(help_text="The exact quoted text, without its quotation marks.")
    start = models.PositiveIntegerField(help_text="Offset of the first character in article.body.")
    end = models.PositiveIntegerField(help_text="Offset just past the last character in article.body.")
    # W3C TextQuoteSelector context, so the span can be found again if the body changes.
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    orphaned_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a new version of the article lost this claim's text; its offsets are then those of the "
        "version it was last found in, until a reviewer re-attaches it.",
    )
    direct = models.BooleanField(default=True, help_text="Direct quotation rather than reported speech.")
    kind = models.CharField(max_length=12, choices=ClaimKind.choices, default=ClaimKind.CLAIM)
    claim_type = models.CharField(max_length=16, choices=ClaimType.choices, default=ClaimType.OTHER)
    origin = models.CharField(max_length=12, choices=ClaimOrigin.choices, default=ClaimOrigin.MANUAL)
    confidence = models.FloatField(null=True, blank=True, help_text="Extraction confidence, 0 to 1.")
    status = models.CharField(max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.PROPOSED)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(start__lt=models.F("end")), name="claim_span_ordered"),
            models.CheckConstraint(condition=~models.Q(text=""), name="claim_text_not_empty"),
            models.CheckConstraint(condition=models.Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(condition=models.Q(claim_type__in=ClaimType.values), name="claim_type_valid"),
            models.CheckConstraint(condition=models.Q(origin__in=ClaimOrigin.values), name="claim_origin_valid"),
            models.CheckConstraint(
                condition=models.Q(confidence__isnull=True) | models.Q(confidence__gte=0, confidence__lte=1),
                name="claim_confidence_in_unit_range",
            ),
            # One claim per span: re-running extraction can never duplicate a proposal.
            # Orphans keep the offsets of an older text, so they are left out.
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=models.Q(orphaned_at__isnull=True),
                name="claim_span_unique_per_article",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="claim_search_gin"),
            # Typo-tolerant lookup of quoted words (pg_trgm `%>`), for autocompletes and the admin search.
            GinIndex(OpClass(Upper("text"), name="gin_trgm_ops"), name="claim_text_trgm"),
            # Candidate matches: the claims sharing a word pair with a new one (claims.services.matching).
            GinIndex(models.Func(models.F("text"), function="claim_match_shingles"), name="claim_match_shingles_gin"),
            models.Index(fields=["status", "kind"], name="claim_status_kind"),
            # Each filter the API offers, paired with the cursor's `-id` order, so a filtered page is an
            # index range read that stops after one page instead of a sort of every matching row.
            models.Index(fields=["status", "-id"], name="claim_status_id"),
            models.Index(fields=["kind", "-id"], name="claim_kind_id"),
            models.Index(fields=["speaker", "-id"], name="claim_speaker_id"),
            models.Index(fields=["article", "-id"], name="claim_article_id"),
            models.Index(
                fields=["assignee", "-id"], name="claim_assignee_id", condition=models.Q(assignee__isnull=False)
            ),
            # The orderings the API offers besides `id`.
            models.Index(fields=["-updated_at"], name="claim_updated_at"),
            models.Index(fields=["-created_at"], name="claim_created_at"),
            models.Index(fields=["article"], condition=models.Q(orphaned_at__isnull=False), name="claim_orphans"),
        ]

    def __str__(self) -> str:
        # Unquoted: the admin puts its own quotation marks around an object's name in its messages.
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"


@pghistory.track()
class ClaimRelation(models.Model):
    """A typed, directed link between two claims: `source` rebuts/denies/supports/... `target`."""

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="outgoing_relations")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="incoming_relations")
    relation_type = models.CharField(max_length=16, choices=RelationType.choices)
    origin = models.CharField(max_length=12, choices=ClaimOrigin.choices, default=ClaimOrigin.MANUAL)
    confidence = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_id", "target_id", "relation_type"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="claim_relation_not_to_itself"),
            models.CheckConstraint(
                condition=models.Q(relation_type__in=RelationType.values), name="claim_relation_type_valid"
            ),
            models.UniqueConstraint(
                fields=["source", "target", "relation_type"], name="claim_relation_unique_per_type"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.source_id} {self.get_relation_type_display()} #{self.target_id}"
