"""orjson rendering and parsing: faster than the standard library, and bounded in size."""

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer

from claims.api.exceptions import PayloadTooLarge

ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z


def _default(obj):
    # Lazy translation strings and Decimals: anything else orjson cannot write is a bug worth a 500.
    if hasattr(obj, "__str__"):
        return str(obj)
    raise TypeError


class ORJSONRenderer(JSONRenderer):
    """JSON through orjson."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=_default, option=ORJSON_OPTIONS)


class JSONLDRenderer(ORJSONRenderer):
    """JSON-LD documents (ClaimReview, Web Annotation)."""

    media_type = "application/ld+json"
    format = "jsonld"


def read_bounded(stream, limit: int) -> bytes:
    """Read at most `limit` bytes; a longer body is refused instead of held in memory."""
    if stream is None:
        return b""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge()
    return data


def body_limit(view) -> int:
    return getattr(view, "max_body_bytes", None) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class ORJSONParser(BaseParser):
    """JSON bodies through orjson, no larger than the view's limit."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = read_bounded(stream, body_limit((parser_context or {}).get("view")))
        try:
            return orjson.loads(raw) if raw else {}
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"JSON parse error: {exc}") from exc


class PlainTextParser(BaseParser):
    """A text/plain body, such as the raw text of an article."""

    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = read_bounded(stream, body_limit((parser_context or {}).get("view")))
        try:
            return {"text": raw.decode("utf-8")}
        except UnicodeDecodeError as exc:
            raise ParseError("The body is not UTF-8 text.") from exc
