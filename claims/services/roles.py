"""Giving people their role."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.permissions import ROLES


@transaction.atomic
def user_role_set(*, user, role: str):
    """Give a user exactly one role (roles are cumulative) and admin access to work in it."""
    if role not in ROLES:
        raise ValidationError({"role": f"Unknown role {role!r}; choose one of {', '.join(ROLES)}."})
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    if not user.is_staff:
        user.is_staff = True  # people work in the admin; what they may do there is their role's business
        user.save(update_fields=["is_staff"])
    return user
