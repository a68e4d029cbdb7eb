"""Errors the claims app raises on purpose; the API maps each to an HTTP status."""


class ClaimtrackError(Exception):
    """Base of every deliberate error; `message` is safe to show to the user."""

    status_code = 400

    def __init__(self, message: str = "", **details) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class RoleRequired(ClaimtrackError):
    """The user's role does not allow the action (HTTP 403)."""

    status_code = 403


class TransitionNotAllowed(ClaimtrackError):
    """The claim or review is not in a state that allows the transition (HTTP 409)."""

    status_code = 409


class ConcurrentChange(ClaimtrackError):
    """Someone else changed the row between reading it and acting on it (HTTP 409)."""

    status_code = 409


class StillInUse(ClaimtrackError):
    """The row is still referenced (a cited source, a reviewed claim) and cannot be removed (HTTP 409)."""

    status_code = 409
