"""Changes to a verdict outside its workflow: where the desk published it."""

from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from claims import permissions
from claims.choices import ClaimOrigin, ReviewStatus
from claims.exceptions import TransitionNotAllowed
from claims.models import Review


def review_set_published_url(*, review: Review, user: Any, published_url: str) -> Review:
    """Record (or clear, with "") the address where the desk published the verdict; ClaimReview points there."""
    permissions.require(user, permissions.REVIEW)
    published_url = (published_url or "").strip()
    if published_url:
        try:
            URLValidator(schemes=["http", "https"])(published_url)
        except ValidationError:
            raise ValidationError({"published_url": ["Enter an http:// or https:// address."]}) from None
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.origin == ClaimOrigin.IMPORTED:
            # An imported verdict is identified by the partner's address; it is not ours to move.
            raise TransitionNotAllowed("An imported verdict keeps the address it was published at.")
        if locked.status == ReviewStatus.WITHDRAWN:
            raise TransitionNotAllowed("A withdrawn verdict is not published anywhere.")
        locked.published_url = published_url
        locked.full_clean(validate_unique=False, validate_constraints=False)
        locked.save(update_fields=["published_url", "updated_at"])
    return locked
