"""Webhook subscriptions (editors)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from claims import permissions as rules
from claims import selectors
from claims.api import serializers as s
from claims.api.views.base import PKLookupMixin
from claims.models.webhooks import WebhookSubscription
from claims.services import webhooks as webhook_services


class WebhookSubscriptionViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Endpoints told about workflow events; editors manage them."""

    queryset = WebhookSubscription.objects.all()
    serializer_class = s.WebhookSubscriptionSerializer
    filter_backends = [OrderingFilter]
    ordering_fields = ["id", "url", "created_at"]
    ordering = ["id"]
    read_rule = rules.MANAGE_WEBHOOKS
    write_rule = rules.MANAGE_WEBHOOKS
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.webhook_list()

    @extend_schema(responses={201: s.WebhookSubscriptionCreatedSerializer})
    def create(self, request):
        serializer = s.WebhookSubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subscription, secret = webhook_services.webhook_subscription_create(
            url=data["url"], events=data["events"], description=data.get("description", ""), user=request.user
        )
        if data.get("is_active") is False:
            subscription = webhook_services.webhook_subscription_update(
                subscription=subscription, user=request.user, is_active=False
            )
        subscription.secret = secret
        return Response(s.WebhookSubscriptionCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = webhook_services.webhook_subscription_update(
            subscription=serializer.instance, user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        webhook_services.webhook_subscription_delete(subscription=instance, user=self.request.user)

    @extend_schema(request=None, responses={200: s.WebhookSubscriptionCreatedSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        subscription, secret = webhook_services.webhook_subscription_rotate_secret(
            subscription=self.get_object(), user=request.user
        )
        subscription.secret = secret
        return Response(s.WebhookSubscriptionCreatedSerializer(subscription).data)
