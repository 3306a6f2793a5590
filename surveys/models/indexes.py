"""Indexes whose SQL differs between the databases the platform runs on."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import OrderBy


class SortIndex(models.Index):
    """An index in the order of a sort that puts empty values last either way.

    SQLite's CREATE INDEX takes no NULLS FIRST or LAST (its indexes keep them first
    going up): there the index is made in the same order without them. On
    PostgreSQL, `fillfactor` leaves room in each page of an index whose new entries
    land anywhere in it (a name), which a new entry would otherwise often split."""

    def __init__(self, *expressions: Any, fillfactor: int | None = None, **kwargs: Any):
        self.fillfactor = fillfactor
        super().__init__(*expressions, **kwargs)

    def deconstruct(self) -> Any:
        path, args, kwargs = super().deconstruct()
        if self.fillfactor is not None:
            kwargs["fillfactor"] = self.fillfactor
        return path, args, kwargs

    def create_sql(
        self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any
    ) -> Any:
        if schema_editor.connection.vendor == "sqlite":
            index = self.clone()
            index.expressions = tuple(
                OrderBy(term.expression, descending=term.descending)
                if isinstance(term, OrderBy)
                else term
                for term in self.expressions
            )
            return models.Index.create_sql(index, model, schema_editor, using, **kwargs)
        statement = super().create_sql(model, schema_editor, using, **kwargs)
        if self.fillfactor is not None:
            parts: dict[str, Any] = statement.parts
            parts["extra"] = f" WITH (fillfactor = {int(self.fillfactor)})" + str(
                parts["extra"]
            )
        return statement
