"""API tokens: only a prefix and a SHA-256 hash of each key are stored."""

import hashlib

from django.conf import settings
from django.db import models


def token_hash(key: str) -> str:
    """The stored form of a plain key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class APIToken(models.Model):
    """A revocable key another system uses to call the API on behalf of a user."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, help_text="First characters of the key, to recognise it.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
