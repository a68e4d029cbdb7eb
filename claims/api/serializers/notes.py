"""Notes and history events."""

from rest_framework import serializers

from claims.api.serializers.base import StrictModelSerializer, StrictSerializer, UserBriefSerializer, max_length_of
from claims.models.notes import Note


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
