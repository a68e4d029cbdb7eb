"""The one exception handler of the API: every failure becomes a JSON answer with the right status."""

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from claims import exceptions as domain
from claims.api.exceptions import Conflict, PayloadTooLarge
from claims.api.renderers import ORJSONRenderer

# SQLSTATE classes of integrity errors: a duplicate is a conflict with existing data, the others bad input.
UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"


def validation_error_detail(exc: DjangoValidationError) -> dict:
    """Field-level messages of a Django ValidationError, in DRF's shape."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


def _integrity_error(exc: IntegrityError) -> exceptions.APIException:
    sqlstate = getattr(exc.__cause__, "sqlstate", None)
    if sqlstate in (UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION):
        return Conflict("This would duplicate or orphan an existing record.")
    return exceptions.ValidationError({"non_field_errors": ["The data breaks a rule of the database."]})


def _domain_error(exc: domain.ClaimtrackError) -> exceptions.APIException:
    """A deliberate error answers with the status its class declares (409 for StillInUse, ...)."""
    message = str(exc) or None
    if exc.status_code == 409:
        return Conflict(message)
    if exc.status_code == 400:
        return exceptions.ValidationError({"non_field_errors": [message or "The request was refused."]})
    error = exceptions.APIException(message)
    error.status_code = exc.status_code
    return error


def translate(exc: Exception) -> Exception:
    """Map domain and Django exceptions onto API exceptions; anything else is left alone."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(validation_error_detail(exc))
    if isinstance(exc, domain.RoleRequired):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, domain.ClaimtrackError):
        return _domain_error(exc)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict("Other records still refer to this one.")
    if isinstance(exc, IntegrityError):
        return _integrity_error(exc)
    if isinstance(exc, DataError):
        return exceptions.ValidationError({"non_field_errors": ["A value is out of range or malformed."]})
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, after translating the exceptions services and the database raise.

    Errors are JSON even on endpoints that answer CSV or plain text, which would otherwise render the
    error's dictionary as text.
    """
    response = drf_exception_handler(translate(exc), context)
    request = context.get("request")
    if response is not None and request is not None:
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is None or renderer.media_type != ORJSONRenderer.media_type:
            request.accepted_renderer, request.accepted_media_type = ORJSONRenderer(), ORJSONRenderer.media_type
    return response


class NotFoundView(APIView):
    """Every path under the API that names no endpoint (or an id that is not a number): a JSON 404."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()

    def options(self, request, *args, **kwargs):
        raise exceptions.NotFound()
