"""Background tasks that deliver webhooks, run by the task framework's workers (`manage.py db_worker`)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.tasks import task

from claims.webhooks.delivery import webhook_delivery_attempt


@task()
def deliver_webhook(delivery_pk: int, attempt: int) -> str:
    """Make attempt number `attempt` at one delivery and schedule the next one if it failed."""
    outcome = webhook_delivery_attempt(delivery_pk=delivery_pk, attempt=attempt)
    if outcome.retry_at is not None:
        delivery_schedule(delivery_pk=delivery_pk, attempt=attempt + 1, run_after=outcome.retry_at)
    return outcome.status


def delivery_schedule(*, delivery_pk: int, attempt: int = 1, run_after: datetime | None = None) -> None:
    """Enqueue an attempt once the current transaction commits, so rolled-back work is never announced."""

    def enqueue() -> None:
        scheduled = deliver_webhook
        # A backend that cannot defer (the immediate one used in development) retries at once.
        if run_after is not None and scheduled.get_backend().supports_defer:
            scheduled = scheduled.using(run_after=run_after)
        scheduled.enqueue(delivery_pk, attempt)

    transaction.on_commit(enqueue)
