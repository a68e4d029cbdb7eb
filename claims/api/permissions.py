"""Glue between DRF and the role rules of `claims.permissions`, on top of Django's model permissions."""

from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims import permissions as rules
from claims.exceptions import RoleRequired

# Django model permission codenames needed by each standard viewset action.
MODEL_PERMISSIONS = {
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class RolePermission(BasePermission):
    """Anonymous -> 401; then the view's role rule for the action; then the model permission for writes.

    A view declares `role_rules = {"create": rules.EDIT_CLAIM, ...}`; reads need `read_rule` (viewer).
    Custom actions (accept, merge, ...) are governed by their role rule alone, and the services check it
    again with the object in hand. A view whose standard action is not what its name says (DELETE of a
    verdict withdraws it, the row stays) maps it to another verb in `model_permission_verbs`.
    """

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            raise exceptions.NotAuthenticated()
        action = getattr(view, "action", None)
        if action is None and hasattr(view, "action_map"):
            return True  # a method the viewset does not route: DRF answers 405
        if request.method in SAFE_METHODS and action not in getattr(view, "role_rules", {}):
            rule = getattr(view, "read_rule", rules.VIEW)
        else:
            rule = getattr(view, "role_rules", {}).get(action)
            if rule is None:
                rule = getattr(view, "write_rule", None)
        if rule is None:
            raise exceptions.PermissionDenied("This action is not available.")
        try:
            rules.require(user, rule)
        except RoleRequired as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        verb = {**MODEL_PERMISSIONS, **getattr(view, "model_permission_verbs", {})}.get(action)
        model = getattr(getattr(view, "queryset", None), "model", None)
        if verb and model is not None and getattr(view, "check_model_permissions", True):
            codename = f"{model._meta.app_label}.{verb}_{model._meta.model_name}"
            if not user.has_perm(codename):
                raise exceptions.PermissionDenied(f"Your role does not allow this ({codename}).")
        return True
