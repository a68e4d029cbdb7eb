"""Writes to API tokens: create one (the plain key is returned once) and revoke it."""

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models.tokens import APIToken, token_hash


@dataclass(frozen=True)
class CreatedToken:
    token: APIToken
    key: str


@transaction.atomic
def token_create(*, user: AbstractBaseUser, name: str = "") -> CreatedToken:
    """Issue a new key for `user`; only its prefix and hash are stored, so the key is shown once."""
    if not user.is_active:
        raise ValidationError({"user": "Inactive users cannot hold API tokens."})
    key = secrets.token_urlsafe(32)
    token = APIToken.objects.create(
        user=user, name=name[:100], prefix=key[: APIToken.PREFIX_LENGTH], key_hash=token_hash(key)
    )
    return CreatedToken(token=token, key=key)


@transaction.atomic
def token_revoke(*, token: APIToken) -> APIToken:
    """Stop accepting the token; the row stays so its use remains on record."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
