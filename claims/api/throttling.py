"""Request rates per API token (or per user for session requests, per address for anonymous ones).

Each limit is a fixed window counted by one atomic increment, in Redis when `REDIS_URL` is set and in
PostgreSQL otherwise. DRF's own throttles read a list from the cache, append and write it back: two
worker processes doing that at once both see room, and the limit leaks.
"""

from functools import cache

from django.conf import settings
from django.db import connection
from rest_framework.throttling import SimpleRateThrottle

from claims.models.tokens import APIToken

# Each hit also deletes up to two windows that ended a while ago (never its own): a new key adds one row,
# so expired rows cannot pile up, and every request still costs exactly one statement.
_HIT_SQL = """
    WITH stale AS (
        SELECT key FROM claims_ratewindow
        WHERE expires_at <= clock_timestamp() - interval '1 minute' AND key <> %(key)s
        LIMIT 2 FOR UPDATE SKIP LOCKED
    ), pruned AS (
        DELETE FROM claims_ratewindow WHERE key IN (SELECT key FROM stale)
    )
    INSERT INTO claims_ratewindow (key, hits, expires_at)
    VALUES (%(key)s, 1, clock_timestamp() + make_interval(secs => %(seconds)s))
    ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN claims_ratewindow.expires_at <= clock_timestamp() THEN 1
                    ELSE claims_ratewindow.hits + 1 END,
        expires_at = CASE WHEN claims_ratewindow.expires_at <= clock_timestamp() THEN EXCLUDED.expires_at
                          ELSE claims_ratewindow.expires_at END
    RETURNING hits, EXTRACT(EPOCH FROM expires_at - clock_timestamp())
"""
_PEEK_SQL = """
    SELECT hits, EXTRACT(EPOCH FROM expires_at - clock_timestamp()) FROM claims_ratewindow
    WHERE key = %(key)s AND expires_at > clock_timestamp()
"""


@cache
def redis_client(url: str):
    import redis

    return redis.Redis.from_url(url)


def window_hit(key: str, seconds: int) -> tuple[int, float]:
    """Count one request in `key`'s current window: (requests in it so far, seconds until it ends)."""
    if url := settings.RATE_LIMIT_REDIS_URL:
        pipe = redis_client(url).pipeline()  # MULTI/EXEC: the three commands run as one
        pipe.set(key, 0, ex=seconds, nx=True)
        pipe.incr(key)
        pipe.pttl(key)
        _, hits, ttl_ms = pipe.execute()
        return int(hits), max(ttl_ms, 0) / 1000
    with connection.cursor() as cursor:
        cursor.execute(_HIT_SQL, {"key": key, "seconds": seconds})
        hits, remaining = cursor.fetchone()
    return hits, float(remaining)


def window_peek(key: str) -> tuple[int, float]:
    """`key`'s current count and the seconds until its window ends, counting nothing."""
    if url := settings.RATE_LIMIT_REDIS_URL:
        pipe = redis_client(url).pipeline()
        pipe.get(key)
        pipe.pttl(key)
        hits, ttl_ms = pipe.execute()
        return (int(hits), ttl_ms / 1000) if hits is not None and ttl_ms > 0 else (0, 0.0)
    with connection.cursor() as cursor:
        cursor.execute(_PEEK_SQL, {"key": key})
        row = cursor.fetchone()
    return (row[0], float(row[1])) if row else (0, 0.0)


def client_address(request) -> str:
    """The client's address for lockouts: the peer's, or behind a declared proxy the entry it appended."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "BEHIND_PROXY", False) and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class WindowThrottle(SimpleRateThrottle):
    """DRF's rate parsing and keys, counted in an atomic fixed window instead of a cached request list."""

    def get_rate(self):
        # Read at request time so that a settings change applies without a restart of the class.
        return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        hits, self.remaining = window_hit(self.key, self.duration)
        return hits <= self.num_requests

    def wait(self):
        return max(self.remaining, 1.0)


class TokenRateThrottle(WindowThrottle):
    """One bucket per token, so two integrations of the same user do not starve each other."""

    scope = "token"

    def allow_request(self, request, view):
        # With Redis the authentication counted the request already, in the same round trip as the token.
        counted = getattr(request, "counted_token_window", None)
        if counted is None or self.rate is None or not isinstance(request.auth, APIToken):
            return super().allow_request(request, view)
        hits, self.remaining = counted
        return hits <= self.num_requests

    def key_for(self, key_hash: str) -> str:
        """The window of the token with this hash (known before the token is looked up)."""
        return self.cache_format % {"scope": self.scope, "ident": f"token-{key_hash[:32]}"}

    def get_cache_key(self, request, view):
        if isinstance(request.auth, APIToken):
            return self.key_for(request.auth.key_hash)
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class FailedAuthenticationThrottle(WindowThrottle):
    """Requests that presented a wrong or revoked token, counted per client address (rate `failed_auth`).

    Once an address has used up its failures, every token request from it is answered 429 until the
    window passes, whatever key it tries: guessing keys costs the guesser time, never the database.
    """

    scope = "failed_auth"

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def exhausted(self, request) -> bool:
        """Whether the address has no failures left (remembers the address for `record` and `wait`)."""
        if self.rate is None:
            return False
        self.key = self.get_cache_key(request)
        hits, self.remaining = window_peek(self.key)
        return hits >= self.num_requests

    def record(self) -> None:
        """Count one more failure (after `exhausted`)."""
        if self.rate is not None:
            _, self.remaining = window_hit(self.key, self.duration)
