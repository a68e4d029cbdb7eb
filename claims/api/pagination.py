"""Pages on every list, with a cap on their size."""

import orjson
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

    def _get_position_from_instance(self, instance, ordering):
        # Rows of `selectors.claim_rows` hold `id` and the JSON document; a page ordered by a timestamp
        # takes its position from the document, in the ISO form the cursor filter parses back.
        field_name = ordering[0].lstrip("-")
        if isinstance(instance, dict) and field_name not in instance and "document" in instance:
            return orjson.loads(instance["document"])[field_name]
        return super()._get_position_from_instance(instance, ordering)
