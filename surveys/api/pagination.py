"""Paging for the API's lists."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.request import Request

from sse_mapping.exceptions import ApplicationError

MAX_PAGE_SIZE = 200
# Beyond any list's last page; keeps the number within the database's integers.
MAX_PAGE = 10**9


def _whole_number(request: Request, name: str, low: int, high: int) -> int | None:
    """The parameter as a whole number within bounds, or None when not given."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    message = _("Give “%(name)s” once, as a whole number from %(low)d to %(high)d.") % {
        "name": name,
        "low": low,
        "high": high,
    }
    text = values[0]
    if len(values) > 1 or not text.isascii() or not text.isdigit() or len(text) > 12:
        raise ApplicationError(message, field_errors={name: [message]})
    number = int(text)
    if not low <= number <= high:
        raise ApplicationError(message, field_errors={name: [message]})
    return number


class StrictPageSize:
    """`page_size` from 1 to MAX_PAGE_SIZE; anything else is refused, not ignored."""

    page_size: int
    page_size_query_param: str

    def get_page_size(self, request: Request) -> int:
        size = _whole_number(request, self.page_size_query_param, 1, MAX_PAGE_SIZE)
        return size if size is not None else self.page_size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(  # type: ignore[misc]
            view
        )
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                }
            elif parameter["name"] == "page":
                # A page past the end answers 404 "Invalid page."
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE,
                }
        return parameters


class ApiPagination(StrictPageSize, PageNumberPagination):
    """Numbered pages with a total, for the short lists (reference data, records)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_number(self, request: Request, paginator: Any) -> int:
        """`page` from 1; a page past the end answers 404, anything else is refused."""
        number = _whole_number(request, self.page_query_param, 1, MAX_PAGE)
        return number if number is not None else 1


class EntityCursorPagination(StrictPageSize, CursorPagination):
    """Entities page by a cursor on (updated_at, id): each page is one index range
    scan, never a COUNT(*) over a whole country, so paging stays fast at 500 000 rows.
    """

    ordering = ("-updated_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
