"""API tokens."""

from rest_framework import serializers

from claims.api.serializers.base import StrictModelSerializer, StrictSerializer
from claims.models.tokens import APIToken


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
