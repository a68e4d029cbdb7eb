"""Articles, their claims, versions, differences and orphaned claims."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article
from claims.api.serializers.base import (
    OutletBriefSerializer,
    SpeakerBriefSerializer,
    StrictModelSerializer,
    StrictSerializer,
    speaker_brief,
    url_or_blank,
)
from claims.choices import ClaimKind, ClaimStatus, ClaimType

ARTICLE_FIELDS = ["id", "headline", "outlet", "byline", "url", "published", "language", "source_name"]


class ArticleSerializer(StrictModelSerializer):
    outlet = OutletBriefSerializer(read_only=True, allow_null=True)
    url = url_or_blank(read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [*ARTICLE_FIELDS, "claim_count", "created_at"]
        read_only_fields = fields


class ArticleClaimSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    start = serializers.IntegerField(read_only=True)
    end = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices, read_only=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    confidence = serializers.FloatField(read_only=True, allow_null=True)
    speaker = SpeakerBriefSerializer(read_only=True, allow_null=True)

    def to_representation(self, claim):
        return {
            "id": claim.pk,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "kind": claim.kind,
            "claim_type": claim.claim_type,
            "status": claim.status,
            "confidence": claim.confidence,
            "speaker": speaker_brief(claim.speaker),
        }


class ArticleDetailSerializer(ArticleSerializer):
    claim_count = None  # the detail lists the claims themselves
    claims = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [*ARTICLE_FIELDS, "canonical_url", "body", "content_hash", "claims", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(ArticleClaimSerializer(many=True))
    def get_claims(self, article):
        # Orphans stand on no span of this body: they are listed at /articles/{id}/orphans/.
        return [ArticleClaimSerializer(claim).data for claim in article.claims.all() if claim.orphaned_at is None]


class ArticleVersionSerializer(StrictSerializer):
    """One text seen at an article and when; `silent_edit` when it changed without a correction note."""

    number = serializers.IntegerField(read_only=True)
    first_seen_at = serializers.DateTimeField(read_only=True)
    last_seen_at = serializers.DateTimeField(read_only=True)
    silent_edit = serializers.BooleanField(read_only=True)
    correction_note = serializers.CharField(read_only=True)
    content_hash = serializers.CharField(read_only=True)
    source_name = serializers.CharField(read_only=True)


class DiffOpSerializer(StrictSerializer):
    op = serializers.ChoiceField(choices=["equal", "insert", "delete"], read_only=True)
    text = serializers.CharField(read_only=True, trim_whitespace=False)


class ArticleDiffSerializer(StrictSerializer):
    """Two versions of an article and their word-level difference (and the same as a unified diff)."""

    from_version = serializers.IntegerField(read_only=True)
    to_version = serializers.IntegerField(read_only=True)
    silent_edit = serializers.BooleanField(read_only=True)
    ops = DiffOpSerializer(many=True, read_only=True)
    unified = serializers.CharField(read_only=True, trim_whitespace=False)

    def to_representation(self, diff):
        return {
            "from_version": diff["from"].number,
            "to_version": diff["to"].number,
            "silent_edit": diff["to"].silent_edit,
            "ops": [{"op": op.op, "text": op.text} for op in diff["ops"]],
            "unified": diff["unified"],
        }


class OrphanClaimSerializer(ArticleClaimSerializer):
    """A claim a new version lost: its text, and offsets in the version it was last found in."""

    orphaned_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, claim):
        return {**super().to_representation(claim), "orphaned_at": claim.orphaned_at}


class ReattachSerializer(StrictSerializer):
    """The span of the current text an orphaned claim belongs to."""

    start = serializers.IntegerField(min_value=0)
    end = serializers.IntegerField(min_value=1)


class ArticleCreateSerializer(StrictSerializer):
    """An article's raw text and what is known about it; it is cleaned, stored and extracted."""

    text = serializers.CharField(trim_whitespace=False, help_text="The article as published, boilerplate and all.")
    headline = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=1000, required=False, allow_blank=True, default="")
    published = serializers.DateField(required=False, allow_null=True, default=None)
    byline = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    language = serializers.CharField(max_length=12, required=False, default="en")
    source_name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    allow_duplicate = serializers.BooleanField(
        required=False, default=False, help_text="Store text without a URL even if it is almost a stored article's."
    )

    def validate_text(self, value: str) -> str:
        if "\x00" in value:
            raise serializers.ValidationError("The text contains NUL bytes.")
        return value

    def validate(self, attrs):
        for name in ("headline", "outlet", "byline", "language", "source_name"):
            if "\x00" in attrs.get(name, ""):
                raise serializers.ValidationError({name: "NUL bytes are not allowed."})
        return attrs


# --- speakers -------------------------------------------------------------------------------------
