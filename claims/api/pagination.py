"""Pages on every list, with a cap on their size."""

import datetime as dt

import orjson
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200


class StandardPagination(PageNumberPagination):
    """Numbered pages of 50 by default, `page_size` up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class ClaimCursorPagination(CursorPagination):
    """Stable pages over a list that grows while it is read (new claims arrive all the time)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("-id",)

    def decode_cursor(self, request):
        """The cursor, or a 400 on `cursor` when it is not one this API made (tampered, truncated)."""
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            cursor = None
            valid = False
        else:
            valid = cursor is None or cursor.position is None or self._position_valid(cursor.position)
        if not valid:
            raise exceptions.ValidationError(
                {self.cursor_query_param: ["Invalid cursor; start again from the first page."]}
            )
        return cursor

    def _position_valid(self, position: str) -> bool:
        field_name = self.ordering[0].lstrip("-")
        try:
            if field_name == "id":
                return 0 <= int(position) < 2**63
            dt.datetime.fromisoformat(position)
        except (TypeError, ValueError):
            return False
        return True

    def _get_position_from_instance(self, instance, ordering):
        # Rows of `selectors.claim_rows` hold `id` and the JSON document; a page ordered by a timestamp
        # takes its position from the document, in the ISO form the cursor filter parses back.
        field_name = ordering[0].lstrip("-")
        if isinstance(instance, dict) and field_name not in instance and "document" in instance:
            return orjson.loads(instance["document"])[field_name]
        return super()._get_position_from_instance(instance, ordering)
