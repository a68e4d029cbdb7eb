"""Webhook subscriptions, the deliveries made to them and every attempt at each delivery."""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from claims.choices import WebhookDeliveryStatus, WebhookEvent


# `events` is a field here, so the history rows are reached as `subscription.history` instead.
@pghistory.track(exclude=["secret"], obj_field=pghistory.ObjForeignKey(related_name="history", db_index=True))
class WebhookSubscription(models.Model):
    """An endpoint that hears about the chosen events, signed with its own secret."""

    url = models.URLField(max_length=1000, help_text="Receives a JSON POST for every chosen event.")
    description = models.CharField(max_length=200, blank=True)
    events = ArrayField(models.CharField(max_length=32, choices=WebhookEvent.choices))
    # HMAC needs the secret itself at signing time, so it cannot be stored as a one-way hash; it is shown
    # once when created and never rendered again (the hint lets people tell subscriptions apart).
    secret = models.CharField(max_length=128, editable=False)
    secret_hint = models.CharField(max_length=8, editable=False, blank=True)
    is_active = models.BooleanField(default=True)
    disabled_reason = models.TextField(blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(
        default=0, help_text="Deliveries in a row whose retries were exhausted; reset by a success."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["url", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(events__len__gt=0), name="webhook_events_not_empty"),
            models.CheckConstraint(
                condition=models.Q(events__contained_by=WebhookEvent.values), name="webhook_events_known"
            ),
            models.CheckConstraint(condition=~models.Q(secret=""), name="webhook_secret_not_empty"),
        ]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event to deliver to one subscription, retried until it succeeds or runs out of attempts."""

    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField()
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        max_length=12, choices=WebhookDeliveryStatus.choices, default=WebhookDeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=WebhookDeliveryStatus.values), name="webhook_delivery_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription} ({self.get_status_display()})"


class WebhookAttempt(models.Model):
    """One HTTP request made for a delivery, successful or not."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    response_body = models.TextField(blank=True, help_text="The start of the response, for debugging.")
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_unique_number"),
        ]

    def __str__(self) -> str:
        outcome = self.status_code or self.error or "?"
        return f"attempt {self.number} of {self.delivery_id}: {outcome}"
