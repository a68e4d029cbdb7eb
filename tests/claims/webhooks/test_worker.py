"""Deliveries through the real database queue and its worker, against committed transactions."""

import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from claims import workflow
from claims.choices import WebhookDeliveryStatus
from claims.models import WebhookDelivery
from claims.webhooks.signing import verify
from tests.claims.webhooks.conftest import IMMEDIATE_TASKS
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """One `db_worker --batch` pass: run every task that is due, then exit."""
    # The worker installs its own signal handlers; give pytest its own back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_delivers_what_the_transition_queued(receiver, subscribe, annotator, run_worker):
    subscription, secret = subscribe(receiver.url)

    workflow.claim_accept(claim=ClaimFactory(), user=annotator)

    # Queued on commit, not sent inline.
    assert receiver.requests == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "claims.webhooks.tasks.deliver_webhook"

    run_worker()

    [request] = receiver.requests
    assert verify(secret, request.body, request.headers["X-Claimtrack-Signature"])
    assert subscription.deliveries.get().status == WebhookDeliveryStatus.DELIVERED
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


@override_settings(TASKS=DATABASE_TASKS, WEBHOOK_BACKOFF_SECONDS=60)
def test_a_retry_waits_for_its_backoff(receiver, subscribe, annotator, run_worker):
    receiver.script = [503]
    subscription, _ = subscribe(receiver.url)
    workflow.claim_accept(claim=ClaimFactory(), user=annotator)

    run_worker()

    delivery = subscription.deliveries.get()
    assert len(receiver.requests) == 1
    assert delivery.status == WebhookDeliveryStatus.PENDING and delivery.attempts == 1
    assert delivery.last_status_code == 503
    assert timedelta(seconds=50) < delivery.next_attempt_at - timezone.now() <= timedelta(seconds=60)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == delivery.next_attempt_at

    run_worker()  # not due yet: nothing happens
    assert len(receiver.requests) == 1

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # the minute has passed
    run_worker()

    assert len(receiver.requests) == 2
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.DELIVERED and delivery.attempts == 2


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_nothing_is_sent_or_kept_for_a_rolled_back_transition(receiver, subscribe, annotator):
    subscribe(receiver.url)
    claim = ClaimFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.claim_accept(claim=claim, user=annotator)
        raise RuntimeError("rolled back")

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()

    # The same transition, committed this time, is delivered: the receiver was listening all along.
    workflow.claim_accept(claim=claim, user=annotator)
    assert len(receiver.requests) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_nothing_is_queued_for_a_rolled_back_transition(receiver, subscribe, annotator, run_worker):
    subscribe(receiver.url)

    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.claim_accept(claim=ClaimFactory(), user=annotator)
        raise RuntimeError("rolled back")

    assert not DBTaskResult.objects.exists()
    run_worker()
    assert receiver.requests == []


@override_settings(TASKS=DATABASE_TASKS)
def test_a_forgotten_delivery_is_queued_again_and_sent_once(receiver, subscribe, annotator, run_worker):
    from io import StringIO

    subscription, _ = subscribe(receiver.url)
    workflow.claim_accept(claim=ClaimFactory(), user=annotator)
    DBTaskResult.objects.all().delete()  # the worker that held the task died with it
    delivery = subscription.deliveries.get()

    out = StringIO()
    call_command("webhooks_requeue", stdout=out)
    assert "Queued 0" in out.getvalue()  # too recent to count as lost

    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=timezone.now() - timedelta(hours=1))
    call_command("webhooks_requeue", stdout=out)
    call_command("webhooks_requeue", stdout=out)  # queued twice by an overlapping cron run
    assert DBTaskResult.objects.count() == 2

    run_worker()

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.DELIVERED
