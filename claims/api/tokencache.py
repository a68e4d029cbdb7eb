"""Token requests with Redis: one round trip reads the address's failed-authentication count, counts the
request in the token's rate window and fetches the token and its user as last read from the database.

A token request would otherwise make three round trips before its own query (the failure count, the token
and user, the rate window). The copy of the token and user is signed with the secret key and bound to the
key's hash (whoever can write to Redis can neither make one up nor move one to another key), is used for
`PRINCIPAL_SECONDS` at most, and is void as soon as any token, user or group is saved or deleted: each such
change increments a generation number once committed, and a copy made under an older one is ignored. Only
changes that bypass the models (a bulk `update()`, raw SQL) wait for the copy to expire.
"""

import time
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.crypto import constant_time_compare, salted_hmac

from claims.api.throttling import redis_client
from claims.models.tokens import APIToken

PRINCIPAL_SECONDS = 30
GENERATION_KEY = "token-principal:generation"
_SALT = "claims.api.tokencache"

# KEYS: failure window, rate window, copy of the principal, generation. ARGV: failure limit (0: none),
# rate window seconds (0: not counted). An address out of failures counts nothing and learns nothing.
_SCRIPT = """
local failed = tonumber(redis.call('GET', KEYS[1]) or '0')
local failed_ttl = redis.call('PTTL', KEYS[1])
if ARGV[1] ~= '0' and failed_ttl > 0 and failed >= tonumber(ARGV[1]) then
    return {failed, failed_ttl, 0, 0, false, false}
end
local hits, ttl = 0, 0
if ARGV[2] ~= '0' then
    redis.call('SET', KEYS[2], 0, 'EX', ARGV[2], 'NX')
    hits = redis.call('INCR', KEYS[2])
    ttl = redis.call('PTTL', KEYS[2])
end
return {failed, failed_ttl, hits, ttl, redis.call('GET', KEYS[3]), redis.call('GET', KEYS[4]) or '0'}
"""


@dataclass(frozen=True)
class Seen:
    """What the round trip found: failures from the address, the rate window, and the principal if copied."""

    failed: int
    failed_remaining: float
    hits: int
    remaining: float
    principal: tuple[APIToken, Any, list[str]] | None
    generation: bytes | None


@cache
def _script(url: str):
    return redis_client(url).register_script(_SCRIPT)


@cache
def _fields() -> tuple[list, list]:
    # The password hash stays out of the copy; a token request never needs it (it is loaded if asked for).
    user_fields = [f for f in get_user_model()._meta.concrete_fields if f.attname != "password"]
    return list(APIToken._meta.concrete_fields), user_fields


def token_request(*, failed_key: str, failed_limit: int, rate_key: str, rate_seconds: int, key_hash: str) -> Seen:
    """The one round trip of a token request (see the module's docstring)."""
    failed, failed_ttl, hits, ttl, copy, generation = _script(settings.RATE_LIMIT_REDIS_URL)(
        keys=[failed_key, rate_key, _copy_key(key_hash), GENERATION_KEY], args=[failed_limit, rate_seconds]
    )
    principal = _load(copy, key_hash, generation) if copy else None
    return Seen(int(failed), max(failed_ttl, 0) / 1000, int(hits), max(ttl, 0) / 1000, principal, generation)


def remember(*, key_hash: str, token: APIToken, user, groups: list[str], generation: bytes | None) -> None:
    """Keep a copy of the token and user read from the database under `generation` (read before them)."""
    if generation is None:
        return
    token_fields, user_fields = _fields()
    body = orjson.dumps(
        {
            "h": key_hash,
            "g": generation.decode(),
            "at": time.time(),
            "s": _schema(),
            "t": [getattr(token, f.attname) for f in token_fields],
            "u": [getattr(user, f.attname) for f in user_fields],
            "r": list(groups),
        }
    )
    signature = salted_hmac(_SALT, body, algorithm="sha256").hexdigest().encode()
    redis_client(settings.RATE_LIMIT_REDIS_URL).set(_copy_key(key_hash), signature + b"." + body, ex=PRINCIPAL_SECONDS)


def _load(copy: bytes, key_hash: str, generation: bytes):
    signature, _, body = copy.partition(b".")
    if not constant_time_compare(signature, salted_hmac(_SALT, body, algorithm="sha256").hexdigest().encode()):
        return None
    data = orjson.loads(body)
    fresh = 0 <= time.time() - data["at"] < PRINCIPAL_SECONDS
    if data["h"] != key_hash or data["g"] != generation.decode() or data["s"] != _schema() or not fresh:
        return None
    token_fields, user_fields = _fields()
    try:
        token_values = [f.to_python(v) for f, v in zip(token_fields, data["t"], strict=True)]
        user_values = [f.to_python(v) for f, v in zip(user_fields, data["u"], strict=True)]
    except (ValueError, ValidationError):
        return None
    token = APIToken.from_db(connection.alias, [f.attname for f in token_fields], token_values)
    user = get_user_model().from_db(connection.alias, [f.attname for f in user_fields], user_values)
    return token, user, data["r"]


@cache
def _schema() -> str:
    """The copy's columns: a copy written by a release with other fields is not read as this one's."""
    token_fields, user_fields = _fields()
    return ",".join(f.attname for f in token_fields) + "|" + ",".join(f.attname for f in user_fields)


def _copy_key(key_hash: str) -> str:
    return f"token-principal:{key_hash}"


def forget_all(**_) -> None:
    """Void every copy once the current transaction commits (a token, user or group changed)."""
    if settings.RATE_LIMIT_REDIS_URL:
        transaction.on_commit(_next_generation, robust=True)


def _next_generation() -> None:
    redis_client(settings.RATE_LIMIT_REDIS_URL).incr(GENERATION_KEY)


def connect_signals() -> None:
    user_model = get_user_model()
    for model in (APIToken, user_model, Group):
        post_save.connect(forget_all, sender=model, dispatch_uid=f"tokencache.save.{model._meta.label}")
        post_delete.connect(forget_all, sender=model, dispatch_uid=f"tokencache.delete.{model._meta.label}")
    m2m_changed.connect(forget_all, sender=user_model.groups.through, dispatch_uid="tokencache.groups")
