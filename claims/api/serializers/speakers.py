"""Speakers: representation, roles, counts, writes and merges."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers.base import SpeakerBriefSerializer, StrictModelSerializer, StrictSerializer, max_length_of
from claims.choices import ClaimStatus, SpeakerKind
from claims.models import Speaker


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
