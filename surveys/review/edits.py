"""What every edit of a record goes through: the row lock, the version check, the field changes and model validation."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.models import Country
from countries.names import country_name
from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError, ConflictError
from surveys import access
from surveys.models import (
    WorkflowRecord,
)
from surveys.review.workflow import move_after_edit
from surveys.text import control_character_errors

RecordT = TypeVar("RecordT", bound=WorkflowRecord)


# A repeated sending of one's own save (a double click) arrives within this time.
OWN_RESUBMIT_SECONDS = 30


def _lock_for_edit(
    model: type[RecordT],
    record: RecordT,
    *,
    by: AnyUser,
    expected_version: int | None,
    own_resubmit: bool = False,
) -> RecordT:
    """Re-read the row under a lock and check who may edit it and that it is not stale.

    With `own_resubmit`, a version made seconds ago by this same user from the one
    posted is not someone else's change: the caller goes on and, through
    `_refuse_changed_resubmit`, accepts the edit only if it changes nothing more.
    """
    locked = model.objects.select_for_update().get(pk=record.pk)
    access.require(by, "record.edit", locked)
    if expected_version is not None and locked.version != expected_version:
        if own_resubmit and _own_recent_save(locked, by, expected_version):
            locked._resubmitted_version = expected_version  # type: ignore[attr-defined]
        else:
            raise _stale(locked, expected_version)
    return locked  # type: ignore[return-value]


def _own_recent_save(record: WorkflowRecord, by: AnyUser, expected: int) -> bool:
    return bool(
        record.version == expected + 1
        and record.updated_by_id == by.pk  # type: ignore[attr-defined]
        and timezone.now() - record.updated_at
        < datetime.timedelta(seconds=OWN_RESUBMIT_SECONDS)
    )


def _stale(record: WorkflowRecord, expected_version: int) -> ConflictError:
    return ConflictError(
        _(
            "Someone else saved this record while you were editing it "
            "(your version %(yours)s, now %(now)s). Review their changes below "
            "and apply yours again."
        )
        % {"yours": expected_version, "now": record.version},
        current={"version": record.version},
    )


def _refuse_changed_resubmit(record: WorkflowRecord, changes: dict[str, Any]) -> None:
    """A resubmission of the user's own save may repeat it, never change it further."""
    expected = getattr(record, "_resubmitted_version", None)
    if expected is not None and changes:
        raise _stale(record, expected)


def _after_edit_state(record: WorkflowRecord) -> list[str]:
    """The state an edit leaves the record in, as `TRANSITIONS` say; the fields changed."""
    return ["workflow_state"] if move_after_edit(record) else []


def _apply(record: models.Model, data: dict[str, Any]) -> list[str]:
    """Set plain and foreign-key fields; return many-to-many values left to set later."""
    m2m: list[str] = []
    for name, value in data.items():
        field = record._meta.get_field(name)
        if field.many_to_many:
            m2m.append(name)
        else:
            setattr(record, name, value)
    return m2m


def _save_m2m(record: models.Model, data: dict[str, Any], names: list[str]) -> None:
    for name in names:
        getattr(record, name).set(data[name])


def _m2m_snapshot(record: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: sorted(str(v) for v in getattr(record, name).all()) for name in names}


def _full_clean(
    record: models.Model, exclude: Iterable[str] = (), *, constraints: bool = True
) -> None:
    errors = {
        name: messages
        for name, messages in control_character_errors(record).items()
        if name not in exclude
    }
    try:
        record.full_clean(
            exclude=list(exclude),
            validate_unique=False,
            validate_constraints=constraints,
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(str(m) for m in messages)
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )


def _related_message(country: Country, item: models.Model) -> str:
    names = {
        "adminarea": _("Choose an area of %(country)s."),
        "legalform": _("Choose a legal form of %(country)s."),
        "source": _("Choose a source of %(country)s."),
        "entity": _("Choose an entity of %(country)s."),
        "committeemember": _("Choose a committee member of %(country)s."),
    }
    message = names.get(
        item._meta.model_name or "", _("Choose only records of %(country)s.")
    )
    return message % {"country": country_name(country)}


# The values that hold several rows (a many-to-many field's).
_MANY = (list, tuple, set, QuerySet)


def related_country_errors(
    country: Country, data: Mapping[str, Any]
) -> dict[str, list[str]]:
    """The fields of `data` that name a row (or rows) of another country.

    Every create and update service checks what it is given here, so a page, the API
    and an import cannot differ: forms limit their choices, but a request can name any
    id it likes.
    """
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if isinstance(value, models.Model):
            items: Iterable[Any] = (value,)
        elif isinstance(value, _MANY):
            items = value
        else:
            continue
        for item in items:
            if not isinstance(item, models.Model):
                continue
            item_country = getattr(item, "country_id", country.code)
            if item_country != country.code:
                errors[name] = [_related_message(country, item)]
                break
    return errors


def related_country_check(country: Country, data: dict[str, Any]) -> None:
    """Refuse, with a message per field, rows of another country in `data`."""
    errors = related_country_errors(country, data)
    if errors:
        raise ApplicationError(
            _("Please correct the fields marked below."), field_errors=errors
        )
