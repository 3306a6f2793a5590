"""Paging for the API's lists."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination, PageNumberPagination

MAX_PAGE_SIZE = 200


class ApiPagination(PageNumberPagination):
    """Numbered pages with a total, for the short lists (reference data, records)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class EntityCursorPagination(CursorPagination):
    """Entities page by a cursor on (updated_at, id): each page is one index range
    scan, never a COUNT(*) over a whole country, so paging stays fast at 500 000 rows.
    """

    ordering = ("-updated_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
