"""Representations of the API resources, and the input each write accepts.

The read serializers of hot paths build their output by hand in `to_representation`, and the claim list
passes through the JSON the database writes for each row (`selectors.claim_rows`): the declared fields
still define the OpenAPI schema (the schemathesis test holds the two together, and a test in
tests/api/test_claims.py holds the database's JSON to this serializer), but a page of 50 nested claims
renders many times faster than through DRF's field machinery.
"""

import datetime as dt
from collections.abc import Mapping

import orjson
from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article
from claims.choices import (
    ANSWERING_RELATIONS,
    RATING_VALUES,
    ClaimKind,
    ClaimOrigin,
    ClaimStatus,
    ClaimType,
    Rating,
    RelationType,
    ReviewStatus,
    SourceType,
    SpeakerKind,
    Stance,
    WebhookEvent,
)
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker
from claims.models.notes import Note
from claims.models.tokens import APIToken
from claims.models.webhooks import WebhookSubscription

User = get_user_model()


class StrictFieldsMixin:
    """A write naming a field the serializer does not accept is refused, naming the field.

    Silently ignoring it would tell a client that `{"status": "published"}` worked when nothing changed.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            refused = {
                name: ["This field is read-only." if name in self.fields else "Unknown field."]
                for name in data
                if name not in writable
            }
            if refused:
                raise serializers.ValidationError(refused)
        return super().to_internal_value(data)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    pass


def url_or_blank(**kwargs) -> serializers.CharField:
    """A URL that may be left empty: declared as a plain string, since "" is not a `uri`."""
    return serializers.CharField(max_length=1000, allow_blank=True, validators=[URLValidator()], **kwargs)


def iso_datetime(value: dt.datetime | None) -> str | None:
    """The same text DRF's DateTimeField writes (UTC as `Z`)."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- small nested shapes -------------------------------------------------------------------------


class UserBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)

    def to_representation(self, user):
        return user_brief(user)


def user_brief(user) -> dict | None:
    return None if user is None else {"id": user.pk, "username": user.get_username()}


class OutletBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    domain = serializers.CharField(read_only=True)


def outlet_brief(outlet) -> dict | None:
    return None if outlet is None else {"id": outlet.pk, "name": outlet.name, "domain": outlet.domain}


class SpeakerBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=SpeakerKind.choices, read_only=True)

    def to_representation(self, speaker):
        return speaker_brief(speaker)


def speaker_brief(speaker) -> dict | None:
    return None if speaker is None else {"id": speaker.pk, "name": speaker.name, "kind": speaker.kind}


class ArticleBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    headline = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    published = serializers.DateField(read_only=True, allow_null=True)
    outlet = OutletBriefSerializer(read_only=True, allow_null=True)


def article_brief(article) -> dict:
    return {
        "id": article.pk,
        "headline": article.headline,
        "url": article.url,
        "published": iso_date(article.published),
        "outlet": outlet_brief(article.outlet),
    }


class SourceBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    source_type = serializers.ChoiceField(choices=SourceType.choices, read_only=True)
    url = serializers.CharField(read_only=True)
    publisher = serializers.CharField(read_only=True)


class CitationBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    stance = serializers.ChoiceField(choices=Stance.choices, read_only=True)
    excerpt = serializers.CharField(read_only=True)
    source = SourceBriefSerializer(read_only=True)


def citation_brief(citation) -> dict:
    source = citation.source
    return {
        "id": citation.pk,
        "stance": citation.stance,
        "excerpt": citation.excerpt,
        "source": {
            "id": source.pk,
            "title": source.title,
            "source_type": source.source_type,
            "url": source.url,
            "publisher": source.publisher,
        },
    }


class ClaimBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    article_id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    speaker = SpeakerBriefSerializer(read_only=True, allow_null=True)


def claim_brief(claim) -> dict:
    return {
        "id": claim.pk,
        "article_id": claim.article_id,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "speaker": speaker_brief(claim.speaker),
    }


class RelatedClaimSerializer(StrictSerializer):
    relation_id = serializers.IntegerField(read_only=True)
    relation_type = serializers.ChoiceField(choices=RelationType.choices, read_only=True)
    claim = ClaimBriefSerializer(read_only=True)


class ReviewBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    rating = serializers.ChoiceField(choices=Rating.choices, read_only=True)
    rating_value = serializers.IntegerField(read_only=True, allow_null=True)
    summary = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=ReviewStatus.choices, read_only=True)
    author = UserBriefSerializer(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)


def review_brief(review) -> dict:
    return {
        "id": review.pk,
        "rating": review.rating,
        "rating_value": RATING_VALUES.get(review.rating),
        "summary": review.summary,
        "status": review.status,
        "author": user_brief(review.author),
        "published_at": iso_datetime(review.published_at),
    }


# --- claims ---------------------------------------------------------------------------------------


class ClaimSerializer(StrictSerializer):
    """A claim as lists show it: with speaker, article and citations."""

    id = serializers.IntegerField(read_only=True)
    article = ArticleBriefSerializer(read_only=True)
    speaker = SpeakerBriefSerializer(read_only=True, allow_null=True)
    text = serializers.CharField(read_only=True)
    start = serializers.IntegerField(read_only=True)
    end = serializers.IntegerField(read_only=True)
    direct = serializers.BooleanField(read_only=True)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices, read_only=True)
    origin = serializers.ChoiceField(choices=ClaimOrigin.choices, read_only=True)
    confidence = serializers.FloatField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    assignee = UserBriefSerializer(read_only=True, allow_null=True)
    citations = CitationBriefSerializer(many=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, claim):
        if isinstance(claim, dict):
            return claim_from_row(claim)
        return {
            "id": claim.pk,
            "article": article_brief(claim.article),
            "speaker": speaker_brief(claim.speaker),
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "direct": claim.direct,
            "kind": claim.kind,
            "claim_type": claim.claim_type,
            "origin": claim.origin,
            "confidence": claim.confidence,
            "status": claim.status,
            "assignee": user_brief(claim.assignee),
            "citations": [citation_brief(c) for c in claim.citations.all()],
            "created_at": iso_datetime(claim.created_at),
            "updated_at": iso_datetime(claim.updated_at),
        }


def claim_from_row(row: dict) -> orjson.Fragment:
    """The list representation of a row from `selectors.claim_rows`: the JSON the database wrote for it,
    which the orjson renderer embeds as it is."""
    return orjson.Fragment(row["document"])


class ClaimContextSerializer(StrictSerializer):
    paragraph = serializers.CharField(read_only=True, help_text="The paragraph of the article around the claim.")
    start = serializers.IntegerField(read_only=True, help_text="Offset of the paragraph in article.body.")
    end = serializers.IntegerField(read_only=True)


def paragraph_around(body: str, start: int, end: int) -> dict:
    """The paragraph (text between blank lines) that holds body[start:end]."""
    first = body.rfind("\n\n", 0, start)
    first = 0 if first == -1 else first + 2
    last = body.find("\n\n", end)
    last = len(body) if last == -1 else last
    return {"paragraph": body[first:last], "start": first, "end": last}


class ClaimDetailSerializer(ClaimSerializer):
    """A claim with its context, the claims that answer it and that it answers, and its verdict."""

    prefix = serializers.CharField(read_only=True)
    suffix = serializers.CharField(read_only=True)
    context = ClaimContextSerializer(read_only=True)
    responses = RelatedClaimSerializer(many=True, read_only=True, help_text="Claims that answer this one.")
    responds_to = RelatedClaimSerializer(many=True, read_only=True, help_text="Claims this one answers.")
    related = RelatedClaimSerializer(
        many=True, read_only=True, help_text="Other links (supports, repeats, contradicts), either way."
    )
    reviews = ReviewBriefSerializer(many=True, read_only=True)
    verdict = ReviewBriefSerializer(read_only=True, allow_null=True, help_text="The published verdict.")
    transitions = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Workflow actions open to you now."
    )

    def to_representation(self, claim):
        data = super().to_representation(claim)
        responses, responds_to, related = [], [], []
        for relation in claim.incoming_relations.all():
            entry = _related(relation, relation.source)
            (responses if relation.relation_type in ANSWERING_RELATIONS else related).append(entry)
        for relation in claim.outgoing_relations.all():
            entry = _related(relation, relation.target)
            (responds_to if relation.relation_type in ANSWERING_RELATIONS else related).append(entry)
        reviews = list(claim.reviews.all())
        verdict = next((r for r in reviews if r.status == ReviewStatus.PUBLISHED), None)
        data.update(
            prefix=claim.prefix,
            suffix=claim.suffix,
            context=paragraph_around(claim.article.body, claim.start, claim.end),
            responses=responses,
            responds_to=responds_to,
            related=related,
            reviews=[review_brief(r) for r in reviews],
            verdict=review_brief(verdict) if verdict else None,
            transitions=self.context.get("transitions", []),
        )
        return data


def _related(relation: ClaimRelation, other: Claim) -> dict:
    return {"relation_id": relation.pk, "relation_type": relation.relation_type, "claim": claim_brief(other)}


class ClaimCreateSerializer(StrictSerializer):
    """A claim marked by hand over a span of an article's body."""

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.only("id", "body"))
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), allow_null=True, required=False, default=None
    )
    kind = serializers.ChoiceField(choices=ClaimKind.choices, default=ClaimKind.CLAIM)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices, default=ClaimType.OTHER)
    direct = serializers.BooleanField(default=True)


class ClaimUpdateSerializer(StrictSerializer):
    """Corrections to a claim: its span (and so its text), speaker, kind, type, directness."""

    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    speaker = serializers.PrimaryKeyRelatedField(queryset=Speaker.objects.all(), allow_null=True, required=False)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices, required=False)
    direct = serializers.BooleanField(required=False)


class ClaimReplaceSerializer(ClaimUpdateSerializer):
    """PUT of a claim: every editable field, as the whole new state (speaker may be null, but must be sent)."""

    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    speaker = serializers.PrimaryKeyRelatedField(queryset=Speaker.objects.all(), allow_null=True)
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices)
    direct = serializers.BooleanField()


class RejectSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignSerializer(StrictSerializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


def max_length_of(model, field: str) -> int:
    """The limit the model declares for a free-text field: one number for the admin, the API and the docs."""
    return model._meta.get_field(field).max_length


class VerdictSerializer(StrictSerializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    summary = serializers.CharField(max_length=max_length_of(Review, "summary"))
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=max_length_of(Review, "body"))


class ChangesSerializer(StrictSerializer):
    """Input of a PATCH that may touch only the declared fields: any other field is refused, not ignored."""

    def validate(self, attrs):
        fixed = sorted(set(getattr(self, "initial_data", {}) or {}) - set(self.fields))
        if fixed:
            raise serializers.ValidationError({field: ["This field cannot be changed here."] for field in fixed})
        return attrs


# --- articles -------------------------------------------------------------------------------------


# What every article representation starts with.
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


class SpeakerSerializer(StrictModelSerializer):
    aliases = serializers.SerializerMethodField()
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Speaker
        fields = ["id", "name", "kind", "description", "organisation", "merged_into", "aliases", "claim_count"]
        read_only_fields = fields

    def get_aliases(self, speaker) -> list[str]:
        return [alias.name for alias in speaker.aliases.all()]


class SpeakerRoleSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    organisation = SpeakerBriefSerializer(read_only=True, allow_null=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    source_article = serializers.IntegerField(read_only=True, allow_null=True, source="source_article_id")


class ClaimCountsSerializer(StrictSerializer):
    total = serializers.IntegerField()
    proposed = serializers.IntegerField()
    accepted = serializers.IntegerField()
    rejected = serializers.IntegerField()
    in_review = serializers.IntegerField()
    reviewed = serializers.IntegerField()
    published = serializers.IntegerField()


class SpeakerDetailSerializer(SpeakerSerializer):
    roles = SpeakerRoleSerializer(many=True, read_only=True)
    claim_counts = serializers.SerializerMethodField()

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "roles", "claim_counts", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(ClaimCountsSerializer)
    def get_claim_counts(self, speaker) -> dict:
        counts = {status: getattr(speaker, f"claims_{status}", 0) for status in ClaimStatus.values}
        return {"total": speaker.claim_count, **counts}


class SpeakerWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=SpeakerKind.choices, default=SpeakerKind.PERSON)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length_of(Speaker, "description")
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), allow_null=True, required=False, default=None
    )
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, default=list, max_length=100
    )


class SpeakerMergeSerializer(StrictSerializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), help_text="The speaker that keeps everything of this one."
    )


# --- relations, sources, citations, reviews, notes ------------------------------------------------


class ClaimRelationSerializer(StrictModelSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.only("id"))
    target = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.only("id"))
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length_of(ClaimRelation, "note")
    )

    class Meta:
        model = ClaimRelation
        fields = ["id", "source", "target", "relation_type", "origin", "confidence", "note", "created_at"]
        read_only_fields = ["id", "origin", "confidence", "created_at"]


class ClaimRelationUpdateSerializer(ChangesSerializer):
    """What can change in a link: its type and its note (its two claims stay; link others instead)."""

    relation_type = serializers.ChoiceField(choices=RelationType.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=max_length_of(ClaimRelation, "note"))


class SourceSerializer(StrictModelSerializer):
    citation_count = serializers.IntegerField(read_only=True)
    url = url_or_blank(required=False, default="")
    archived_url = url_or_blank(required=False, default="")

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "source_type",
            "url",
            "publisher",
            "published",
            "archived_url",
            "notes",
            "citation_count",
            "created_at",
        ]
        read_only_fields = ["id", "citation_count", "created_at"]


class CitationSerializer(StrictModelSerializer):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.only("id"))
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    excerpt = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length_of(Citation, "excerpt")
    )

    class Meta:
        model = Citation
        fields = ["id", "claim", "source", "stance", "excerpt", "created_at"]
        read_only_fields = ["id", "created_at"]


class CitationUpdateSerializer(ChangesSerializer):
    """What can change in a citation: its stance and excerpt (its claim and source stay; cite again instead)."""

    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    excerpt = serializers.CharField(required=False, allow_blank=True, max_length=max_length_of(Citation, "excerpt"))


class ReviewSerializer(StrictModelSerializer):
    author = UserBriefSerializer(read_only=True)
    approved_by = UserBriefSerializer(read_only=True, allow_null=True)
    rating_value = serializers.SerializerMethodField()
    # Empty when no address was given, so not declared as a URI.
    published_url = serializers.CharField(read_only=True, help_text="Where the desk published the verdict, if given.")

    class Meta:
        model = Review
        fields = [
            "id",
            "claim",
            "author",
            "rating",
            "rating_value",
            "summary",
            "body",
            "status",
            "approved_by",
            "supersedes",
            "submitted_at",
            "published_at",
            "published_url",
            "origin",
            "source_publisher",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_rating_value(self, review) -> int | None:
        return RATING_VALUES.get(review.rating)


class ReviewReviseSerializer(ChangesSerializer):
    """The author's improvements to a verdict waiting for approval."""

    rating = serializers.ChoiceField(choices=Rating.choices, required=False)
    summary = serializers.CharField(max_length=max_length_of(Review, "summary"), required=False)
    body = serializers.CharField(required=False, allow_blank=True, max_length=max_length_of(Review, "body"))


class ReviewPublishedURLSerializer(serializers.Serializer):
    published_url = serializers.CharField(
        max_length=1000, allow_blank=True, help_text="The verdict's page on the desk's own site; empty to clear."
    )


class ReviewCreateSerializer(VerdictSerializer):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.only("id"))


class NoteSerializer(StrictModelSerializer):
    author = UserBriefSerializer(read_only=True)
    body = serializers.CharField(max_length=max_length_of(Note, "body"))

    class Meta:
        model = Note
        fields = ["id", "claim", "author", "body", "created_at"]
        read_only_fields = ["id", "claim", "author", "created_at"]


class HistoryEventSerializer(StrictSerializer):
    at = serializers.DateTimeField()
    user = UserBriefSerializer(allow_null=True)
    model = serializers.CharField(help_text="The changed row's model: claim, claimrelation, citation, review, ...")
    object_id = serializers.IntegerField(allow_null=True)
    event = serializers.CharField(help_text="insert, update or delete")
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(allow_null=True)),
        help_text="Each changed field as [old, new].",
    )
    context = serializers.DictField(child=serializers.JSONField(allow_null=True))


# --- webhooks and tokens --------------------------------------------------------------------------


class WebhookSubscriptionSerializer(StrictModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices), min_length=1)

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "secret_hint",
            "disabled_reason",
            "consecutive_failures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "secret_hint",
            "disabled_reason",
            "consecutive_failures",
            "created_at",
            "updated_at",
        ]


class WebhookSubscriptionCreatedSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(read_only=True, help_text="Shown once: sign-checking key for deliveries.")

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


class APITokenSerializer(StrictModelSerializer):
    class Meta:
        model = APIToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


class APITokenCreateSerializer(StrictSerializer):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class APITokenCreatedSerializer(APITokenSerializer):
    key = serializers.CharField(read_only=True, help_text="Shown once: send it as `Authorization: Token <key>`.")

    class Meta(APITokenSerializer.Meta):
        fields = [*APITokenSerializer.Meta.fields, "key"]
        read_only_fields = fields
