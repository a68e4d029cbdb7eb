"""Request rates per API token (or per user for session requests, per address for anonymous ones)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from claims.models.tokens import APIToken


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
