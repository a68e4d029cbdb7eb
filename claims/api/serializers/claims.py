"""Claims: the list and detail representations, and the input of each claim write."""

import orjson
from django.contrib.auth import get_user_model
from rest_framework import serializers

from articles.models import Article
from claims.api.serializers.base import (
    ArticleBriefSerializer,
    CitationBriefSerializer,
    RelatedClaimSerializer,
    ReviewBriefSerializer,
    SpeakerBriefSerializer,
    StrictSerializer,
    UserBriefSerializer,
    article_brief,
    citation_brief,
    claim_brief,
    iso_datetime,
    max_length_of,
    review_brief,
    speaker_brief,
    user_brief,
)
from claims.choices import ANSWERING_RELATIONS, ClaimKind, ClaimOrigin, ClaimStatus, ClaimType, Rating, ReviewStatus
from claims.models import Claim, ClaimRelation, Review, Speaker

User = get_user_model()


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
    orphaned_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When a new article version lost the quote; null while anchored."
    )

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
            "orphaned_at": iso_datetime(claim.orphaned_at),
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


class VerdictSerializer(StrictSerializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    summary = serializers.CharField(max_length=max_length_of(Review, "summary"))
    body = serializers.CharField(required=False, allow_blank=True, default="", max_length=max_length_of(Review, "body"))
