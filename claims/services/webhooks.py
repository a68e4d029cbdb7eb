"""Webhook subscriptions (editors manage them) and the emission of events to their subscribers."""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import permissions
from claims.choices import WebhookDeliveryStatus, WebhookEvent
from claims.models import WebhookDelivery, WebhookSubscription
from claims.services.fields import changeable_fields_check
from claims.webhooks.targets import UnsafeTarget, url_check
from claims.webhooks.tasks import delivery_schedule

_UPDATABLE = frozenset({"url", "events", "description", "is_active"})


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def webhook_url_check(url: str) -> str:
    """The URL cleaned, or a ValidationError on `url`: http(s) only, and only to public addresses."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": ["Enter an http:// or https:// address."]}) from None
    try:
        url_check(url)
    except UnsafeTarget as error:
        raise ValidationError({"url": [str(error)]}) from None
    return url


def _clean_events(events: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(events or ()))
    if not chosen:
        raise ValidationError({"events": ["Choose at least one event."]})
    unknown = [event for event in chosen if event not in WebhookEvent.values]
    if unknown:
        raise ValidationError(
            {"events": [f"Unknown event {event!r}; choose from {', '.join(WebhookEvent.values)}." for event in unknown]}
        )
    return chosen


def webhook_subscription_create(
    *, url: str, events: Iterable[str], user: Any, description: str = ""
) -> tuple[WebhookSubscription, str]:
    """Subscribe `url` to `events`; returns the subscription and its secret, which is shown only now."""
    permissions.require(user, permissions.MANAGE_WEBHOOKS)
    url, events = webhook_url_check(url), _clean_events(events)
    secret = _new_secret()
    with transaction.atomic(), pghistory.context(user=user.pk):
        subscription = WebhookSubscription.objects.create(
            url=url,
            events=events,
            description=description.strip(),
            secret=secret,
            secret_hint=secret[-4:],
            created_by=user,
        )
    return subscription, secret


def webhook_subscription_update(*, subscription: WebhookSubscription, user: Any, **changes: Any) -> WebhookSubscription:
    """Change url, events, description or is_active; re-enabling clears the failure count and reason."""
    permissions.require(user, permissions.MANAGE_WEBHOOKS)
    changeable_fields_check(changes, _UPDATABLE)
    if "url" in changes:
        changes["url"] = webhook_url_check(changes["url"])
    if "events" in changes:
        changes["events"] = _clean_events(changes["events"])
    with transaction.atomic(), pghistory.context(user=user.pk):
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        for field, value in changes.items():
            setattr(subscription, field, value)
        if changes.get("is_active") is True:
            subscription.consecutive_failures = 0
            subscription.disabled_reason = ""
            subscription.disabled_at = None
        elif changes.get("is_active") is False and not subscription.disabled_reason:
            subscription.disabled_reason = f"Disabled by {user.get_username()}."
            subscription.disabled_at = timezone.now()
        subscription.save()
    return subscription


def webhook_subscription_rotate_secret(
    *, subscription: WebhookSubscription, user: Any
) -> tuple[WebhookSubscription, str]:
    """Replace the signing secret; returns the new one, shown only now. Pending retries use the new one."""
    permissions.require(user, permissions.MANAGE_WEBHOOKS)
    secret = _new_secret()
    with transaction.atomic(), pghistory.context(user=user.pk):
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.secret, subscription.secret_hint = secret, secret[-4:]
        subscription.save(update_fields=["secret", "secret_hint", "updated_at"])
    return subscription, secret


def webhook_subscription_delete(*, subscription: WebhookSubscription, user: Any) -> None:
    """Delete the subscription together with its delivery log."""
    permissions.require(user, permissions.MANAGE_WEBHOOKS)
    with transaction.atomic(), pghistory.context(user=user.pk):
        WebhookSubscription.objects.filter(pk=subscription.pk).delete()


def webhook_delivery_retry(*, delivery: WebhookDelivery, user: Any) -> WebhookDelivery:
    """Send a failed or cancelled delivery again (same delivery id, so receivers can deduplicate)."""
    permissions.require(user, permissions.MANAGE_WEBHOOKS)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("subscription").get(pk=delivery.pk)
        if delivery.status not in (WebhookDeliveryStatus.FAILED, WebhookDeliveryStatus.CANCELLED):
            raise ValidationError({"status": ["Only a failed or cancelled delivery can be sent again."]})
        if not delivery.subscription.is_active:
            raise ValidationError({"subscription": ["Enable the subscription first."]})
        delivery.status = WebhookDeliveryStatus.PENDING
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "next_attempt_at"])
        delivery_schedule(delivery_pk=delivery.pk, attempt=delivery.attempts + 1)
    return delivery


def webhook_deliveries_requeue(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again pending deliveries nobody is working on (a worker died mid-send, an enqueue was lost).

    A delivery counts as forgotten when it has waited `older_than` past its due time. Queuing one that
    is in fact still queued is harmless: each task names the attempt it makes, so only one of the two
    sends. Returns how many were queued.
    """
    cutoff = timezone.now() - older_than
    forgotten = WebhookDelivery.objects.filter(
        status=WebhookDeliveryStatus.PENDING, subscription__is_active=True
    ).filter(Q(next_attempt_at__isnull=True, created_at__lt=cutoff) | Q(next_attempt_at__lt=cutoff))
    with transaction.atomic():
        pending = list(forgotten.values_list("pk", "attempts"))
        for pk, attempts in pending:
            delivery_schedule(delivery_pk=pk, attempt=attempts + 1)
    return len(pending)


def webhook_event_emit(*, event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Record a delivery of `event` for every active subscriber and send them once the transaction commits.

    Called inside the transaction that made the change: if it rolls back, the delivery rows go with it
    and nothing is sent.
    """
    if event not in WebhookEvent.values:
        raise ValueError(f"Unknown webhook event {event!r}.")
    data = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    occurred_at = timezone.now().isoformat()
    with transaction.atomic():
        subscriptions = WebhookSubscription.objects.filter(is_active=True, events__contains=[event]).only("pk")
        deliveries = []
        for subscription in subscriptions:
            delivery_id = uuid.uuid4()
            deliveries.append(
                WebhookDelivery(
                    subscription=subscription,
                    event=event,
                    delivery_id=delivery_id,
                    payload={"event": event, "delivery_id": str(delivery_id), "occurred_at": occurred_at, "data": data},
                )
            )
        WebhookDelivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            delivery_schedule(delivery_pk=delivery.pk)
    return deliveries
