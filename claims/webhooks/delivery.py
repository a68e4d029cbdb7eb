"""Making one attempt at a webhook delivery, logging it, and deciding what happens next.

The HTTP request is made outside any database transaction so that a slow receiver never holds a row
lock; the outcome is then recorded under a lock. Failed attempts are retried with exponential backoff;
a delivery that runs out of attempts counts against its subscription, which is disabled (with the
reason shown) after too many such deliveries in a row.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.choices import WebhookDeliveryStatus
from claims.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from claims.webhooks.signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, sign
from claims.webhooks.targets import Target, UnsafeTarget, target_check

USER_AGENT = "Claimtrack-Webhooks/1"
# Characters of the reply kept in the attempt log: enough to see why a receiver refused, too little to
# make the log a window onto whatever a misdirected request reached.
_RESPONSE_KEEP = 200


def max_attempts() -> int:
    """Attempts per delivery before it is given up (setting WEBHOOK_MAX_ATTEMPTS, default 6)."""
    return int(getattr(settings, "WEBHOOK_MAX_ATTEMPTS", 6))


def disable_after() -> int:
    """Given-up deliveries in a row that disable a subscription (WEBHOOK_DISABLE_AFTER, default 5)."""
    return int(getattr(settings, "WEBHOOK_DISABLE_AFTER", 5))


def request_timeout() -> float:
    """Seconds to wait for a receiver (WEBHOOK_TIMEOUT, default 5)."""
    return float(getattr(settings, "WEBHOOK_TIMEOUT", 5))


def backoff(attempt: int) -> timedelta:
    """Wait after the `attempt`-th failure: 30 s, 2 min, 8 min, 32 min, ... capped at 6 hours."""
    base = float(getattr(settings, "WEBHOOK_BACKOFF_SECONDS", 30))
    return timedelta(seconds=min(base * 4 ** (attempt - 1), 6 * 60 * 60))


def delivery_body(delivery: WebhookDelivery) -> bytes:
    """The exact bytes POSTed (and signed): the same on every retry of one delivery."""
    return json.dumps(delivery.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class _Response:
    status_code: int | None
    body: str
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, never resolving the name again."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the checked address; the certificate is verified against the name, as usual."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self._address = target.address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _post(url: str, body: bytes, headers: dict[str, str]) -> _Response:
    """POST once to the checked address. Redirects are reported, never followed: http.client has none."""
    try:
        target = target_check(url)
    except UnsafeTarget as error:
        return _Response(None, "", f"Refused: {error}")
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, request_timeout())
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(_RESPONSE_KEEP).decode(errors="replace")
        error = "" if 200 <= response.status < 300 else f"HTTP {response.status} {response.reason}"
        if 300 <= response.status < 400:
            error += " (redirects are not followed)"
        return _Response(response.status, text, error)
    except (http.client.HTTPException, OSError, ValueError) as error:
        return _Response(None, "", f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)
    finally:
        connection.close()


@dataclass(frozen=True)
class AttemptOutcome:
    """What one call of `webhook_delivery_attempt` did, and when to try again (if at all)."""

    status: str  # a WebhookDeliveryStatus value, or "skipped"
    retry_at: datetime | None = None


def _claim_attempt(delivery_pk: int, expected: int | None) -> tuple[WebhookDelivery, int] | AttemptOutcome:
    """Lock the delivery, check it is still due, and count the attempt before making it."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_pk)
            .first()
        )
        if delivery is None or delivery.status != WebhookDeliveryStatus.PENDING:
            return AttemptOutcome("skipped")
        if expected is not None and delivery.attempts + 1 != expected:
            # A duplicate of a task whose attempt was already made: the newer task owns the delivery.
            return AttemptOutcome("skipped")
        if not delivery.subscription.is_active:
            delivery.status = WebhookDeliveryStatus.CANCELLED
            delivery.last_error = "The subscription is disabled."
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
            return AttemptOutcome(delivery.status)
        delivery.attempts += 1
        delivery.next_attempt_at = None
        delivery.save(update_fields=["attempts", "next_attempt_at"])
        return delivery, delivery.attempts


def webhook_delivery_attempt(*, delivery_pk: int, attempt: int | None = None) -> AttemptOutcome:
    """Make one attempt at a pending delivery, log it, and decide whether to retry or give up.

    `attempt` is the number this call expects to make; a call whose attempt was already made is
    skipped, so a task enqueued twice never sends twice.
    """
    claimed = _claim_attempt(delivery_pk, attempt)
    if isinstance(claimed, AttemptOutcome):
        return claimed
    delivery, number = claimed
    subscription = delivery.subscription

    body = delivery_body(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(subscription.secret, body),
        DELIVERY_HEADER: str(delivery.delivery_id),
        EVENT_HEADER: delivery.event,
    }
    started_at = timezone.now()
    clock = time.monotonic()
    response = _post(subscription.url, body, headers)
    duration_ms = int((time.monotonic() - clock) * 1000)

    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=number,
            started_at=started_at,
            duration_ms=duration_ms,
            status_code=response.status_code,
            error=response.error,
            response_body=response.body,
            succeeded=response.ok,
        )
        delivery.last_status_code = response.status_code
        delivery.last_error = response.error
        if response.ok:
            delivery.status = WebhookDeliveryStatus.DELIVERED
            delivery.delivered_at = timezone.now()
        elif number < max_attempts():
            delivery.next_attempt_at = timezone.now() + backoff(number)
        else:
            delivery.status = WebhookDeliveryStatus.FAILED
        delivery.save(update_fields=["status", "last_status_code", "last_error", "next_attempt_at", "delivered_at"])
        if delivery.status != WebhookDeliveryStatus.PENDING:
            _count_outcome(subscription.pk, delivered=response.ok, attempts=number, error=response.error)
    return AttemptOutcome(delivery.status, retry_at=delivery.next_attempt_at)


def _count_outcome(subscription_pk: int, *, delivered: bool, attempts: int, error: str) -> None:
    """Reset or extend the subscription's run of failed deliveries; disable it when the run is too long."""
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription_pk)
    if delivered:
        if subscription.consecutive_failures:
            subscription.consecutive_failures = 0
            subscription.save(update_fields=["consecutive_failures", "updated_at"])
        return
    subscription.consecutive_failures += 1
    if subscription.is_active and subscription.consecutive_failures >= disable_after():
        subscription.is_active = False
        subscription.disabled_at = timezone.now()
        subscription.disabled_reason = (
            f"Disabled after {subscription.consecutive_failures} deliveries in a row failed "
            f"({attempts} attempts each); last error: {error or 'no response'}."
        )
    subscription.save(
        update_fields=["consecutive_failures", "is_active", "disabled_at", "disabled_reason", "updated_at"]
    )
