"""Pages on every list, with a cap on their size."""

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
