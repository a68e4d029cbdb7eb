"""Webhook subscriptions."""

from rest_framework import serializers

from claims.api.serializers.base import StrictModelSerializer
from claims.choices import WebhookEvent
from claims.models.webhooks import WebhookSubscription


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
