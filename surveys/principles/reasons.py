"""A classification's reasons as stored, and as a reader reads them in their language.

A reason is kept as the catalogue message that says it and its parameters, so that it
is translated when shown, not when the entity was classified:

- `{"msg": msgid, "args": {name: value}}`, or `{"msg": msgid, "arg": value}` for a
  message with one `%s`/`%d`;
- `{"label": kind, "code": code}`: a name looked up when shown (a criterion, a
  principle, a rating, a country…), kinds as in `LABELS`;
- a string or a number: shown as it is (codes, counts, and the reasons of entities
  classified before reasons were stored this way, already in words).

Parameters may themselves be messages or labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from countries.names import country_name
from countries.reference_data import COUNTRIES
from countries.vocabularies import Rating, RegistrationStatus, SurplusRule
from surveys.principles.criteria import PRINCIPLES, criterion_label

# A reason or a part of one, as stored (JSON).
Shown = str | int | dict[str, Any]


def message(msgid: str, arg: Shown | None = None, /, **args: Shown) -> dict[str, Any]:
    """A message to translate when shown; `msgid` is marked with gettext_noop where it
    is written, so that it is in the catalogues."""
    if arg is not None:
        return {"msg": msgid, "arg": arg}
    return {"msg": msgid, "args": args} if args else {"msg": msgid}


def label(kind: str, code: str, *, lower: bool = False) -> dict[str, Any]:
    """A name of `kind` (a key of LABELS) looked up when shown."""
    return (
        {"label": kind, "code": code, "lower": True}
        if lower
        else {
            "label": kind,
            "code": code,
        }
    )


# The structured fields a rating may contradict.
FIELD_NAMES = {"surplus_rule": _("surplus rule"), "asset_lock": _("asset lock")}
# Country names from the reference data: shown without a query per reason.
_COUNTRIES = {country.code: country for country in COUNTRIES}


LABELS: dict[str, Callable[[str], str]] = {
    "criterion": criterion_label,
    "principle": lambda code: str(PRINCIPLES.get(code, code)),
    "rating": lambda code: str(Rating(code).label),
    "registration_status": lambda code: str(RegistrationStatus(code).label),
    "surplus_rule": lambda code: str(SurplusRule(code).label),
    "field": lambda code: str(FIELD_NAMES[code]),
    "country": lambda code: country_name(_COUNTRIES[code]),
}


def reason_text(reason: Any) -> str:
    """One stored reason (or part of one) in the active language."""
    if isinstance(reason, dict):
        if "label" in reason:
            kind, code = reason["label"], str(reason.get("code", ""))
            try:
                shown = LABELS[kind](code)
            except (KeyError, ValueError):
                shown = code
            return shown.lower() if reason.get("lower") else shown
        if "msg" in reason:
            text = gettext(str(reason["msg"]))
            if "arg" in reason:
                return text % _value(reason["arg"])
            args = reason.get("args")
            if args:
                return text % {name: _value(value) for name, value in args.items()}
            return text
    return str(reason)


def reasons_text(reasons: Iterable[Any] | None) -> list[str]:
    """A classification's reasons in the active language."""
    return [reason_text(reason) for reason in reasons or ()]


def _value(value: Any) -> Any:
    # Numbers stay numbers for %d; everything else is shown as text.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return reason_text(value)
    return value
