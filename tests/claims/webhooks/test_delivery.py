"""Events reach a real HTTP receiver, signed, retried on failure and never for a rolled-back change."""

import json
import socket
import uuid

import pytest
from django.db import transaction
from django.test import override_settings

from claims import workflow
from claims.choices import WebhookDeliveryStatus
from claims.models import WebhookAttempt, WebhookDelivery
from claims.services.editing import claim_delete, claim_update
from claims.webhooks.signing import verify
from claims.webhooks.tasks import deliver_webhook
from tests.claims.webhooks.conftest import IMMEDIATE_TASKS
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks():
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


@pytest.fixture
def accept(annotator, django_capture_on_commit_callbacks):
    """Accept a fresh claim and run whatever was scheduled for after the commit."""

    def run():
        claim = ClaimFactory()
        with django_capture_on_commit_callbacks(execute=True):
            workflow.claim_accept(claim=claim, user=annotator)
        return claim

    return run


def test_event_is_posted_signed_with_the_subscription_secret(receiver, subscribe, accept):
    subscription, secret = subscribe(receiver.url)

    claim = accept()

    [request] = receiver.requests
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Claimtrack-Event"] == "claim.accepted"
    assert request.headers["X-Claimtrack-Delivery"] == str(delivery.delivery_id)
    assert verify(secret, request.body, request.headers["X-Claimtrack-Signature"])
    assert not verify("another-secret", request.body, request.headers["X-Claimtrack-Signature"])
    body = json.loads(request.body)
    assert body["event"] == "claim.accepted"
    assert uuid.UUID(body["delivery_id"]) == delivery.delivery_id
    assert body["data"]["claim"]["id"] == claim.pk
    assert body["data"]["claim"]["status"] == "accepted"
    assert body["data"]["claim"]["status_changed_by"] == "annotator"

    assert delivery.status == WebhookDeliveryStatus.DELIVERED
    assert delivery.attempts == 1 and delivery.last_status_code == 200 and delivery.delivered_at
    [attempt] = WebhookAttempt.objects.filter(delivery=delivery)
    assert attempt.succeeded and attempt.status_code == 200 and attempt.response_body == "ok"


def test_only_subscribers_to_the_event_hear_it(receiver, subscribe, accept, webhook_admin):
    from claims.services.webhooks import webhook_subscription_update

    subscribe(receiver.url, events=["claim.rejected"])
    paused, _ = subscribe(receiver.url + "?paused", events=["claim.accepted"])
    webhook_subscription_update(subscription=paused, user=webhook_admin, is_active=False)

    accept()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_each_transition_announces_itself(receiver, subscribe, reviewer, editor, django_capture_on_commit_callbacks):
    from claims.choices import WebhookEvent

    subscribe(receiver.url, events=WebhookEvent.values)
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        claim = workflow.claim_accept(claim=claim, user=editor)
        claim = workflow.claim_assign(claim=claim, user=editor, assignee=reviewer)
        claim_update(claim=claim, user=reviewer, claim_type="statistical")
        review = workflow.review_submit(claim=claim, user=reviewer, rating="false", summary="No.")
        workflow.review_publish(review=review, user=editor)

    events = [r.headers["X-Claimtrack-Event"] for r in receiver.requests]
    assert events == ["claim.accepted", "claim.assigned", "claim.updated", "review.submitted", "review.published"]
    published = json.loads(receiver.requests[-1].body)["data"]
    assert published["review"]["approved_by"] == "editor" and published["claim"]["status"] == "published"
    assert json.loads(receiver.requests[2].body)["data"]["changed"] == ["claim_type"]


def test_a_failed_attempt_is_retried_with_the_same_body_and_id(receiver, subscribe, accept):
    receiver.script = [500]
    subscription, secret = subscribe(receiver.url)

    accept()

    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["X-Claimtrack-Delivery"] == second.headers["X-Claimtrack-Delivery"]
    assert verify(secret, second.body, second.headers["X-Claimtrack-Signature"])
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.status == WebhookDeliveryStatus.DELIVERED and delivery.attempts == 2
    attempts = list(delivery.attempt_log.values_list("number", "status_code", "succeeded", "error"))
    assert attempts == [(1, 500, False, "HTTP 500 Internal Server Error"), (2, 200, True, "")]


def test_backoff_grows_exponentially(settings):
    from claims.webhooks.delivery import backoff

    settings.WEBHOOK_BACKOFF_SECONDS = 30
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 120, 480, 1920]
    assert backoff(20).total_seconds() == 6 * 60 * 60


def test_a_subscription_that_keeps_failing_is_disabled_with_a_reason(receiver, subscribe, accept, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_DISABLE_AFTER = 3
    receiver.default_status = 500
    subscription, _ = subscribe(receiver.url)

    for _ in range(3):
        accept()

    subscription.refresh_from_db()
    assert not subscription.is_active
    assert subscription.disabled_at is not None
    assert "3 deliveries in a row failed" in subscription.disabled_reason
    assert "HTTP 500" in subscription.disabled_reason
    assert len(receiver.requests) == 6
    assert WebhookAttempt.objects.filter(delivery__subscription=subscription, succeeded=False).count() == 6
    assert set(subscription.deliveries.values_list("status", flat=True)) == {WebhookDeliveryStatus.FAILED}

    accept()  # a disabled subscription hears nothing more
    assert len(receiver.requests) == 6


def test_a_success_resets_the_failure_count(receiver, subscribe, accept, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.script = [500]
    subscription, _ = subscribe(receiver.url)

    accept()
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 1

    accept()
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0 and subscription.is_active


def test_connection_refused_is_logged_and_retried(subscribe, accept, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subscription, _ = subscribe(f"http://127.0.0.1:{port}/hook")

    accept()

    delivery = subscription.deliveries.get()
    assert delivery.status == WebhookDeliveryStatus.FAILED and delivery.attempts == 2
    assert delivery.last_status_code is None
    assert "ConnectionRefusedError" in delivery.last_error
    assert delivery.attempt_log.count() == 2


def test_a_slow_receiver_times_out_and_the_retry_succeeds(receiver, subscribe, accept, settings):
    settings.WEBHOOK_TIMEOUT = 0.3
    receiver.delay = 1.0
    subscription, _ = subscribe(receiver.url)

    accept()

    first, second = subscription.deliveries.get().attempt_log.all()
    assert not first.succeeded and first.status_code is None and "timed out" in first.error.lower()
    assert second.succeeded


def test_a_redirect_is_a_failure_not_a_repost_elsewhere(receiver, subscribe, accept, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.script = [302]
    subscription, _ = subscribe(receiver.url)

    accept()

    assert len(receiver.requests) == 1
    delivery = subscription.deliveries.get()
    assert delivery.status == WebhookDeliveryStatus.FAILED and delivery.last_status_code == 302


def test_a_task_run_twice_sends_once(receiver, subscribe, annotator):
    subscription, _ = subscribe(receiver.url)
    workflow.claim_accept(claim=ClaimFactory(), user=annotator)  # on-commit callbacks not run: not sent yet
    delivery = subscription.deliveries.get()

    assert deliver_webhook.call(delivery.pk, 1) == WebhookDeliveryStatus.DELIVERED
    assert deliver_webhook.call(delivery.pk, 1) == "skipped"
    assert len(receiver.requests) == 1


def test_nothing_is_sent_for_a_change_that_rolled_back(
    receiver, subscribe, annotator, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    claim = ClaimFactory()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.claim_accept(claim=claim, user=annotator)
        raise RuntimeError("something later in the same request failed")

    assert callbacks == []
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()
    claim.refresh_from_db()
    assert claim.status == "proposed"


def test_a_deleted_claim_is_announced_with_what_it_was(receiver, subscribe, editor, django_capture_on_commit_callbacks):
    subscribe(receiver.url, events=("claim.deleted",))
    claim = ClaimFactory()

    with django_capture_on_commit_callbacks(execute=True):
        claim_delete(claim=claim, user=editor)

    [request] = receiver.requests
    assert request.headers["X-Claimtrack-Event"] == "claim.deleted"
    assert json.loads(request.body)["data"]["claim"]["text"] == claim.text
