"""Page through large lists without reading the rows that are skipped."""

from __future__ import annotations

import datetime
import json
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import F, OrderBy, Q, QuerySet


class IdsFirstPaginator(Paginator):
    """Finds a page's ids first, then reads those rows only.

    A deep page (OFFSET 5 000) then sorts and skips narrow (sort key, id) rows rather
    than whole entities, which at 100 000 entities spilled the sort to disk.
    """

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        by_id = {row.pk: row for row in rows.filter(pk__in=ids)}
        return Page([by_id[pk] for pk in ids if pk in by_id], number, self)


# --- Paging by key ---------------------------------------------------------------------

FROM_THE_END = "end"


@dataclass(frozen=True)
class _Key:
    """One term of a list's ordering: the field, its direction, where empties go."""

    name: str
    descending: bool
    nulls_last: bool

    @classmethod
    def of(cls, term: str | OrderBy) -> _Key:
        if isinstance(term, OrderBy) and isinstance(term.expression, F):
            name: str = term.expression.name  # type: ignore[attr-defined]
            return cls(name, term.descending, bool(term.nulls_last))
        if isinstance(term, str):
            name = term.lstrip("-")
            return cls("id" if name == "pk" else name, term.startswith("-"), False)
        raise TypeError(f"cannot page by key on {term!r}")

    def reversed(self) -> _Key:
        return _Key(self.name, not self.descending, self.nulls_last)

    def term(self) -> OrderBy:
        field = F(self.name)
        if self.nulls_last:
            return (
                field.desc(nulls_last=True)
                if self.descending
                else field.asc(nulls_last=True)
            )
        return field.desc() if self.descending else field.asc()

    def beyond(self, value: Any) -> Q:
        """The rows that come after `value` in this term's order."""
        if value is None:  # empties come last: nothing non-empty is beyond them
            return Q(pk__in=[])
        lookup = "lt" if self.descending else "gt"
        beyond = Q(**{f"{self.name}__{lookup}": value})
        return (
            beyond | Q(**{f"{self.name}__isnull": True}) if self.nulls_last else beyond
        )

    def at_or_beyond(self, value: Any) -> Q:
        """`value` and the rows after it, as one range an index can start at."""
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        lookup = "lte" if self.descending else "gte"
        bound = Q(**{f"{self.name}__{lookup}": value})
        return bound | Q(**{f"{self.name}__isnull": True}) if self.nulls_last else bound

    def equal(self, value: Any) -> Q:
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        return Q(**{self.name: value})


class KeysetPage:
    """One page of a list ordered by unique keys (the last is the id), found from the
    row before it (`after`) or the row after it (`before`), never by counting rows:
    a page far down the list costs what the first one costs."""

    def __init__(
        self,
        rows: QuerySet[Any],
        per_page: int,
        *,
        after: str | None = None,
        before: str | None = None,
    ) -> None:
        self._rows = rows
        keys = [_Key.of(term) for term in rows.query.order_by]  # type: ignore[arg-type]
        if keys[-1].name != "id":
            keys.append(_Key("id", keys[-1].descending, False))
        self.keys = keys
        backwards = False
        position: list[Any] | None = None
        if after:
            position = _decode(after, len(keys))
        elif before == FROM_THE_END:
            backwards = True
        elif before:
            position = _decode(before, len(keys))
            backwards = position is not None
        order = [k.reversed() if backwards else k for k in keys]
        found = rows.order_by(*(k.term() for k in order))
        if position is not None:
            try:
                found = found.filter(_beyond(order, position))
            except (ValueError, TypeError, ValidationError):
                # A damaged link: its values do not fit the fields.
                position, backwards, before = None, False, None
                found = rows.order_by(*(k.term() for k in keys))
        ids = list(found.values_list("pk", flat=True)[: per_page + 1])
        more = len(ids) > per_page
        ids = ids[:per_page]
        if backwards:
            ids.reverse()
        by_id = {row.pk: row for row in rows.order_by().filter(pk__in=ids)}
        self.object_list = [by_id[pk] for pk in ids if pk in by_id]
        self.has_next = more if not backwards else before != FROM_THE_END
        self.has_previous = position is not None if not backwards else more

    @cached_property
    def count(self) -> int:
        return self._rows.count()

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def _position(self, row: Any) -> str:
        return position_key(row, [key.name for key in self.keys])

    @property
    def next_key(self) -> str:
        return self._position(self.object_list[-1]) if self.object_list else ""

    @property
    def previous_key(self) -> str:
        return self._position(self.object_list[0]) if self.object_list else ""


def position_key(row: Any, names: list[str]) -> str:
    """The link's key of a row: its values of the list's ordering fields."""
    values = [_plain(getattr(row, name)) for name in names]
    return urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _beyond(keys: list[_Key], position: list[Any]) -> Q:
    """Rows after `position` in the order of `keys`: greater on the first key, or
    equal on it and greater on the next, and so on."""
    beyond = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, position, strict=True):
        beyond |= equal & key.beyond(value)
        equal &= key.equal(value)
    # Implied by the above, but only this form lets the database start its index
    # scan at the position instead of filtering every row before it.
    return keys[0].at_or_beyond(position[0]) & beyond


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _decode(token: str, size: int) -> list[Any] | None:
    """The position a link carries; a damaged one reads as none (the first page)."""
    try:
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeError):
        return None
    if not isinstance(values, list) or len(values) != size:
        return None
    if not all(v is None or isinstance(v, str | int) for v in values):
        return None
    return values
