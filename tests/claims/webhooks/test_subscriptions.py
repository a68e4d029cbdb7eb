"""Editors manage subscriptions; the secret is shown once and signs every delivery."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from claims import workflow
from claims.choices import WebhookDeliveryStatus, WebhookEvent
from claims.exceptions import RoleRequired
from claims.models import WebhookDelivery, WebhookSubscription
from claims.services.webhooks import (
    webhook_delivery_retry,
    webhook_event_emit,
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscription_rotate_secret,
    webhook_subscription_update,
)
from claims.webhooks.signing import verify
from tests.claims.webhooks.conftest import IMMEDIATE_TASKS
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_create_returns_the_secret_once_and_keeps_a_hint(webhook_admin):
    subscription, secret = webhook_subscription_create(
        url="https://factcheck.example/hooks", events=["review.published", "review.published"], user=webhook_admin
    )
    assert len(secret) >= 32
    assert subscription.events == ["review.published"]
    assert subscription.secret_hint == secret[-4:]
    assert subscription.created_by == webhook_admin and subscription.is_active
    _, other_secret = webhook_subscription_create(
        url="https://factcheck.example/hooks", events=["claim.accepted"], user=webhook_admin
    )
    assert other_secret != secret
    # The history of the subscription never holds the secret.
    assert not hasattr(subscription.history.model, "secret")


@pytest.mark.parametrize("role", ["viewer", "annotator", "reviewer"])
def test_only_editors_manage_webhooks(request, role):
    user = request.getfixturevalue(role)
    with pytest.raises(RoleRequired):
        webhook_subscription_create(url="https://a.example/", events=["claim.accepted"], user=user)
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize(
    ("url", "events", "field"),
    [
        ("ftp://a.example/", ["claim.accepted"], "url"),
        ("not a url", ["claim.accepted"], "url"),
        ("https://a.example/", [], "events"),
        ("https://a.example/", ["claim.exploded"], "events"),
    ],
)
def test_create_validates_url_and_events(webhook_admin, url, events, field):
    with pytest.raises(ValidationError) as error:
        webhook_subscription_create(url=url, events=events, user=webhook_admin)
    assert field in error.value.message_dict


def test_the_database_refuses_unknown_or_no_events(webhook_admin):
    subscription, _ = webhook_subscription_create(
        url="https://a.example/", events=["claim.accepted"], user=webhook_admin
    )
    for events in ([], ["claim.accepted", "nonsense"]):
        with pytest.raises(IntegrityError), transaction.atomic():
            WebhookSubscription.objects.filter(pk=subscription.pk).update(events=events)


def test_re_enabling_clears_the_failure_record(webhook_admin):
    subscription, _ = webhook_subscription_create(
        url="https://a.example/", events=["claim.accepted"], user=webhook_admin
    )
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, consecutive_failures=5, disabled_reason="Disabled after 5 deliveries in a row failed."
    )

    subscription = webhook_subscription_update(subscription=subscription, user=webhook_admin, is_active=True)

    assert subscription.is_active and subscription.consecutive_failures == 0
    assert subscription.disabled_reason == "" and subscription.disabled_at is None


def test_disabling_by_hand_says_who_did_it(webhook_admin):
    subscription, _ = webhook_subscription_create(
        url="https://a.example/", events=["claim.accepted"], user=webhook_admin
    )
    subscription = webhook_subscription_update(subscription=subscription, user=webhook_admin, is_active=False)
    assert subscription.disabled_reason == "Disabled by webhook-admin."


def test_update_refuses_the_secret_and_bookkeeping_fields(webhook_admin):
    subscription, _ = webhook_subscription_create(
        url="https://a.example/", events=["claim.accepted"], user=webhook_admin
    )
    with pytest.raises(ValidationError) as error:
        webhook_subscription_update(
            subscription=subscription, user=webhook_admin, secret="mine", consecutive_failures=0
        )
    assert set(error.value.message_dict) == {"secret", "consecutive_failures"}


def test_rotating_the_secret_changes_the_signature(receiver, subscribe, webhook_admin, annotator):
    subscription, old_secret = subscribe(receiver.url)
    subscription, new_secret = webhook_subscription_rotate_secret(subscription=subscription, user=webhook_admin)

    with override_settings(TASKS=IMMEDIATE_TASKS):
        webhook_event_emit(event=WebhookEvent.CLAIM_ACCEPTED, payload={"claim": {"id": 1}})
        for delivery in WebhookDelivery.objects.all():
            from claims.webhooks.tasks import deliver_webhook

            deliver_webhook.call(delivery.pk, 1)

    [request] = receiver.requests
    signature = request.headers["X-Claimtrack-Signature"]
    assert verify(new_secret, request.body, signature)
    assert not verify(old_secret, request.body, signature)


def test_delete_removes_the_delivery_log(webhook_admin, annotator):
    subscription, _ = webhook_subscription_create(
        url="https://a.example/", events=["claim.accepted"], user=webhook_admin
    )
    workflow.claim_accept(claim=ClaimFactory(), user=annotator)
    assert subscription.deliveries.count() == 1

    webhook_subscription_delete(subscription=subscription, user=webhook_admin)

    assert not WebhookSubscription.objects.exists() and not WebhookDelivery.objects.exists()


def test_a_failed_delivery_can_be_sent_again_with_the_same_id(
    receiver, subscribe, webhook_admin, annotator, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.script = [500]
    subscription, _ = subscribe(receiver.url)
    with override_settings(TASKS=IMMEDIATE_TASKS), django_capture_on_commit_callbacks(execute=True):
        workflow.claim_accept(claim=ClaimFactory(), user=annotator)
    delivery = subscription.deliveries.get()
    assert delivery.status == WebhookDeliveryStatus.FAILED

    with override_settings(TASKS=IMMEDIATE_TASKS), django_capture_on_commit_callbacks(execute=True):
        webhook_delivery_retry(delivery=delivery, user=webhook_admin)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.DELIVERED and delivery.attempts == 2
    assert [r.headers["X-Claimtrack-Delivery"] for r in receiver.requests] == [str(delivery.delivery_id)] * 2
    with pytest.raises(ValidationError):
        webhook_delivery_retry(delivery=delivery, user=webhook_admin)


def test_emitting_an_unknown_event_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown webhook event"):
        webhook_event_emit(event="claim.exploded", payload={})
