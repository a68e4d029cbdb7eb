"""Links between claims, and the sources and citations behind them."""

from rest_framework import serializers

from claims.api.serializers.base import ChangesSerializer, StrictModelSerializer, max_length_of, url_or_blank
from claims.choices import RelationType, Stance
from claims.models import Citation, Claim, ClaimRelation, Source


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
