"""Signatures on webhook bodies, for the sender and for receivers that want to check them.

Every delivery carries ``X-Claimtrack-Signature: sha256=<hex>``, the HMAC-SHA256 of the raw request
body keyed with the subscription's secret. A receiver verifies it before parsing the body::

    from claims.webhooks.signing import verify

    if not verify(secret, request.body, request.headers.get("X-Claimtrack-Signature", "")):
        return HttpResponseForbidden()

Verify the raw bytes exactly as received: re-serialising the parsed JSON changes them. Receivers
should also remember ``X-Claimtrack-Delivery`` (a UUID, the same on every retry) to drop duplicates.
"""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Claimtrack-Signature"
DELIVERY_HEADER = "X-Claimtrack-Delivery"
EVENT_HEADER = "X-Claimtrack-Event"
_PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The signature header value for `body`: ``sha256=`` and the hex HMAC-SHA256 keyed with `secret`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """True if `header` is the signature of `body` under `secret`; compared in constant time."""
    if not header or not secret:
        return False
    return hmac.compare_digest(sign(secret, body).encode(), header.strip().encode())
