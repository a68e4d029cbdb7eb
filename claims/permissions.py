"""Who may do what: the one place role rules live (admin, API and commands all ask here).

Roles are Django groups and are cumulative: a reviewer can do everything an annotator can, an editor
everything a reviewer can. Superusers may do everything. Object rules sit on top of the role rules:
only the assignee (or an editor) writes the verdict on a claim, and nobody approves their own verdict.
"""

from __future__ import annotations

from typing import Any

from claims.exceptions import RoleRequired

VIEWER = "viewer"
ANNOTATOR = "annotator"
REVIEWER = "reviewer"
EDITOR = "editor"
# Lowest to highest; each role includes the ones before it.
ROLES = (VIEWER, ANNOTATOR, REVIEWER, EDITOR)
_RANK = {role: rank for rank, role in enumerate(ROLES)}

VIEW = "view"
EDIT_CLAIM = "edit_claim"  # create claims, fix their span, speaker, kind and type
EDIT_SPEAKER = "edit_speaker"
LINK = "link"  # relations between claims, sources and citations
NOTE = "note"  # write in a claim's discussion thread
ACCEPT = "accept"  # accept, reject or reopen a proposal
ASSIGN = "assign"
REVIEW = "review"  # write a verdict
PUBLISH = "publish"  # approve a verdict written by someone else
MERGE_SPEAKERS = "merge_speakers"
MANAGE_WEBHOOKS = "manage_webhooks"
DELETE = "delete"  # remove claims and sources for good (annotators reject instead)
REVOKE_TOKENS = "revoke_tokens"  # revoke anyone's API token (everyone may revoke their own)

# The lowest role allowed to perform each action.
ACTION_ROLES = {
    VIEW: VIEWER,
    EDIT_CLAIM: ANNOTATOR,
    EDIT_SPEAKER: ANNOTATOR,
    LINK: ANNOTATOR,
    NOTE: ANNOTATOR,
    ACCEPT: ANNOTATOR,
    ASSIGN: REVIEWER,
    REVIEW: REVIEWER,
    PUBLISH: EDITOR,
    MERGE_SPEAKERS: EDITOR,
    MANAGE_WEBHOOKS: EDITOR,
    DELETE: EDITOR,
    REVOKE_TOKENS: EDITOR,
}
ACTIONS = tuple(ACTION_ROLES)

_ACTION_TEXT = {
    VIEW: "view claims",
    EDIT_CLAIM: "edit claims",
    EDIT_SPEAKER: "edit speakers",
    LINK: "link claims, sources and citations",
    NOTE: "write notes",
    ACCEPT: "accept or reject proposals",
    ASSIGN: "assign claims for review",
    REVIEW: "write verdicts",
    PUBLISH: "publish verdicts",
    MERGE_SPEAKERS: "merge speakers",
    MANAGE_WEBHOOKS: "manage webhooks",
    DELETE: "delete claims and sources",
    REVOKE_TOKENS: "revoke other people's API tokens",
}


def user_roles(user: Any) -> frozenset[str]:
    """The role groups the user belongs to, read once and cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_claimtrack_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._claimtrack_roles = cached
    return cached


def highest_role(user: Any) -> str | None:
    """The user's highest role (editor for superusers), or None."""
    if user is not None and getattr(user, "is_superuser", False) and user.is_active:
        return EDITOR
    roles = user_roles(user)
    return max(roles, key=_RANK.__getitem__) if roles else None


def has_role(user: Any, role: str) -> bool:
    """True if the user holds `role` or a higher one."""
    if role not in _RANK:
        raise ValueError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")
    best = highest_role(user)
    return best is not None and _RANK[best] >= _RANK[role]


def _object_refusal(user: Any, action: str, obj: Any) -> str | None:
    """Why the object rules refuse `action` on `obj` for a user whose role allows it, or None."""
    if obj is None:
        return None
    assignee_id = getattr(obj, "assignee_id", None)
    if action == REVIEW and assignee_id is not None and assignee_id != user.pk and not has_role(user, EDITOR):
        return "Only the reviewer this claim is assigned to (or an editor) can write its verdict."
    if action == PUBLISH and getattr(obj, "author_id", None) == user.pk:
        return "You wrote this verdict; a second editor must publish it."
    return None


def _refusal(user: Any, action: str, obj: Any) -> str | None:
    try:
        role = ACTION_ROLES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}.") from None
    if user is None or not getattr(user, "is_authenticated", False):
        return "Sign in first."
    if not has_role(user, role):
        return f"Only a user with the {role} role or higher can {_ACTION_TEXT[action]}."
    return _object_refusal(user, action, obj)


def refusal(user: Any, action: str, obj: Any = None) -> str | None:
    """Why the user may not perform `action` (on `obj`, when given), in words for them; None if they may."""
    return _refusal(user, action, obj)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True if the user may perform `action` (on `obj`, when given)."""
    return _refusal(user, action, obj) is None


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise RoleRequired unless the user may perform `action` (on `obj`, when given)."""
    reason = _refusal(user, action, obj)
    if reason is not None:
        raise RoleRequired(reason, action=action)
