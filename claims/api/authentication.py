"""API token authentication: `Authorization: Token <key>` or `Bearer <key>`, never a query string."""

import contextlib
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.utils import timezone
from rest_framework import authentication, exceptions

from claims import permissions
from claims.api import tokencache
from claims.api.throttling import FailedAuthenticationThrottle, TokenRateThrottle
from claims.models.tokens import APIToken, token_hash

KEYWORDS = (b"token", b"bearer")
# Recording every use would turn each read into a write; a minute's precision is enough for audits.
LAST_USED_PRECISION = timedelta(minutes=1)
ROLES = frozenset(permissions.ROLES)


class TokenAuthentication(authentication.BaseAuthentication):
    """Looks the key up by its SHA-256 hash; revoked keys and inactive users are refused."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        failures = FailedAuthenticationThrottle()
        key = None
        if len(header) == 2:
            with contextlib.suppress(UnicodeDecodeError):
                key = header[1].decode("ascii")
        seen = None
        if settings.RATE_LIMIT_REDIS_URL and key is not None:
            seen = self.one_round_trip(request, failures, token_hash(key))
        elif failures.exhausted(request):
            raise exceptions.Throttled(failures.wait(), "Too many requests with invalid tokens from this address.")
        try:
            if len(header) != 2:
                raise exceptions.AuthenticationFailed("Invalid token header: expected 'Token <key>'.")
            if key is None:
                raise exceptions.AuthenticationFailed("Invalid token.")
            return self.authenticate_key(key, seen)
        except exceptions.AuthenticationFailed:
            failures.record()
            raise

    def one_round_trip(self, request, failures: FailedAuthenticationThrottle, key_hash: str) -> tokencache.Seen:
        """With Redis: the address's failures, the token's rate window and a recent copy of the token, at once."""
        rate = TokenRateThrottle()
        failures.key = failures.get_cache_key(request)
        seen = tokencache.token_request(
            failed_key=failures.key,
            failed_limit=failures.num_requests if failures.rate else 0,
            rate_key=rate.key_for(key_hash),
            rate_seconds=rate.duration if rate.rate else 0,
            key_hash=key_hash,
        )
        failures.remaining = seen.failed_remaining
        if failures.rate and seen.failed_remaining > 0 and seen.failed >= failures.num_requests:
            raise exceptions.Throttled(failures.wait(), "Too many requests with invalid tokens from this address.")
        request.counted_token_window = (seen.hits, seen.remaining)
        return seen

    def authenticate_key(self, key: str, seen: tokencache.Seen | None = None):
        key_hash = token_hash(key)
        copied = seen.principal if seen is not None else None
        found = copied or token_with_user(key_hash)
        if found is None or not found[1].is_active or found[0].revoked_at is not None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        token, user, groups = found
        # `claims.permissions.user_roles` caches a user's roles in this attribute; filling it here saves
        # each request the query it would make.
        user._claimtrack_roles = ROLES.intersection(groups)
        token.user = user
        now = timezone.now()
        used = token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION
        if used:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        if seen is not None and (copied is None or used):
            tokencache.remember(key_hash=key_hash, token=token, user=user, groups=groups, generation=seen.generation)
        return user, token

    def authenticate_header(self, request) -> str:
        # Without a challenge DRF answers 403 to anonymous requests; clients expect 401.
        return 'Token realm="api"'


@cache
def _token_query() -> tuple[str, list[str], list[str]]:
    """The SQL of `token_with_user`, and the token's and user's field names in its column order."""
    user_model = get_user_model()
    token_fields = APIToken._meta.concrete_fields
    user_fields = user_model._meta.concrete_fields
    q = connection.ops.quote_name
    token_table, user_table = q(APIToken._meta.db_table), q(user_model._meta.db_table)
    membership = user_model.groups.through
    group_table = q(membership._meta.get_field("group").related_model._meta.db_table)
    columns = [f"t.{q(f.column)}" for f in token_fields] + [f"u.{q(f.column)}" for f in user_fields]
    sql = (
        f"SELECT {', '.join(columns)}, ARRAY("
        f"SELECT g.name FROM {q(membership._meta.db_table)} m JOIN {group_table} g ON g.id = m.group_id"
        f" WHERE m.user_id = u.{q(user_model._meta.pk.column)})"
        f" FROM {token_table} t JOIN {user_table} u ON u.{q(user_model._meta.pk.column)} = t.user_id"
        " WHERE t.key_hash = %s AND t.revoked_at IS NULL"
    )
    return sql, [f.attname for f in token_fields], [f.attname for f in user_fields]


def token_with_user(key_hash: str) -> tuple[APIToken, AbstractBaseUser, list[str]] | None:
    """The unrevoked token with this hash, its user and the names of the user's groups, in one query.

    Every API request makes this lookup. Written as SQL (built once from the models' metadata) because
    compiling the equivalent queryset, with its join and aggregate, cost more than running it.
    """
    sql, token_fields, user_fields = _token_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [key_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(token_fields)
    token = APIToken.from_db(connection.alias, token_fields, row[:split])
    user = get_user_model().from_db(connection.alias, user_fields, row[split : split + len(user_fields)])
    return token, user, row[-1]
