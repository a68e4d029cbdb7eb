"""API token authentication: `Authorization: Token <key>` or `Bearer <key>`, never a query string."""

from datetime import timedelta

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions

from claims import permissions
from claims.models.tokens import APIToken, token_hash

KEYWORDS = (b"token", b"bearer")
# Recording every use would turn each read into a write; a minute's precision is enough for audits.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    """Looks the key up by its SHA-256 hash; revoked keys and inactive users are refused."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header: expected 'Token <key>'.")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token.") from exc
        return self.authenticate_key(key)

    def authenticate_key(self, key: str):
        # The user's roles come with the token, in the same query: every request needs them.
        token = (
            APIToken.objects.select_related("user")
            .filter(key_hash=token_hash(key), revoked_at__isnull=True)
            .annotate(
                role_names=ArrayAgg(
                    "user__groups__name", filter=Q(user__groups__name__in=permissions.ROLES), default=[]
                )
            )
            .order_by()
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        # `claims.permissions.user_roles` caches a user's roles in this attribute; filling it here saves
        # each request the query it would make.
        token.user._claimtrack_roles = frozenset(token.role_names)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Without a challenge DRF answers 403 to anonymous requests; clients expect 401.
        return 'Token realm="api"'
