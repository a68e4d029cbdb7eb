"""The input check every update service shares."""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError


def changeable_fields_check(changes: dict[str, Any], allowed: Collection[str]) -> None:
    """Refuse, field by field, a change to anything this update does not change."""
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError({field: ["This field cannot be changed here."] for field in unknown})
