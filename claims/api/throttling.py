"""Request rates per API token (or per user for session requests, per address for anonymous ones)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from claims.models.tokens import APIToken


def client_address(request) -> str:
    """The client's address for lockouts: the peer's, or behind a declared proxy the entry it appended."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "BEHIND_PROXY", False) and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class TokenRateThrottle(SimpleRateThrottle):
    """One bucket per token, so two integrations of the same user do not starve each other."""

    scope = "token"

    def get_rate(self):
        # Read at request time so that a settings change applies without a restart of the class.
        return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(self.scope)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, APIToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class FailedAuthenticationThrottle(SimpleRateThrottle):
    """Requests that presented a wrong or revoked token, counted per client address (rate `failed_auth`).

    Once an address has used up its failures, every token request from it is answered 429 until the
    window passes, whatever key it tries: guessing keys costs the guesser time, never the database.
    """

    scope = "failed_auth"

    def get_rate(self):
        return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(self.scope)

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def exhausted(self, request) -> bool:
        """Whether the address has no failures left; loads its history for `record` and `wait`."""
        if self.rate is None:
            return False
        self.key = self.get_cache_key(request)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def record(self) -> None:
        """Count one more failure (after `exhausted`)."""
        if self.rate is not None:
            self.throttle_success()
