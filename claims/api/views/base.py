"""Pieces every API view shares: id checks, ETags on answers, renderers, the If-Match answers."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from claims.api.etag import etag_for

MAX_ID = 2**63 - 1
ID_PATTERN = r"[0-9]+"


class PKLookupMixin:
    """Numeric ids; one too large for the database is simply not found."""

    lookup_value_regex = ID_PATTERN

    def get_object(self):
        if int(self.kwargs[self.lookup_field]) > MAX_ID:
            raise exceptions.NotFound()
        return super().get_object()


def checked_id(value) -> int:
    if int(value) > MAX_ID:
        raise exceptions.NotFound()
    return int(value)


def with_etag(response: Response, instance) -> Response:
    response["ETag"] = etag_for(instance)
    return response


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else str(data or "").encode()


class PlainTextRenderer(BaseRenderer):
    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else str(data or "").encode()


# --- articles -------------------------------------------------------------------------------------


stale = OpenApiResponse(description="Stale If-Match: the resource changed since you read it")
missing = OpenApiResponse(description="If-Match missing")
