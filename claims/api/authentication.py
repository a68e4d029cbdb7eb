"""API token authentication: `Authorization: Token <key>` or `Bearer <key>`, never a query string."""

from datetime import timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.utils import timezone
from rest_framework import authentication, exceptions

from claims import permissions
from claims.api.throttling import FailedAuthenticationThrottle
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
        if failures.exhausted(request):
            raise exceptions.Throttled(failures.wait(), "Too many requests with invalid tokens from this address.")
        try:
            if len(header) != 2:
                raise exceptions.AuthenticationFailed("Invalid token header: expected 'Token <key>'.")
            try:
                key = header[1].decode("ascii")
            except UnicodeDecodeError as exc:
                raise exceptions.AuthenticationFailed("Invalid token.") from exc
            return self.authenticate_key(key)
        except exceptions.AuthenticationFailed:
            failures.record()
            raise

    def authenticate_key(self, key: str):
        found = token_with_user(token_hash(key))
        if found is None or not found[1].is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        token, user, groups = found
        # `claims.permissions.user_roles` caches a user's roles in this attribute; filling it here saves
        # each request the query it would make.
        user._claimtrack_roles = ROLES.intersection(groups)
        token.user = user
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
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
