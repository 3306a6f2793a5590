"""The codes the demo data is written in, and where each is checked.

The data files store the platform's own stored codes: vocabulary codes
(countries.vocabularies), definition element codes, and the reference-data codes of
admin areas, legal forms and ISIC divisions. Vocabulary codes are checked when a data
file is read (`check`); reference-data codes are resolved against the database when a
country is seeded (`References`). Both fail with the country and the offending code.

The demo-only vocabularies (assessment profiles, how far figures are broken down by
sex, the workflow stories) are declared here too.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from countries.models import AdminArea, IsicCode, LegalForm
from surveys.models import DEFINITION_ELEMENTS


class DemoDataError(ValueError):
    """A demo data file names a code the platform does not know."""


class Profile(enum.StrEnum):
    """How a demo entity's principles assessment comes out."""

    SSE = "SSE"
    # SSE, but over half its income from one funder (the P3.3 flag).
    SSE_DONOR = "SSE_DONOR"
    # Governance not yet evidenced.
    BORDERLINE_UNKNOWN = "BORDERLINE_UNKNOWN"
    # Membership closed to newcomers.
    BORDERLINE_P1 = "BORDERLINE_P1"
    # Votes weighted by shares held.
    BORDERLINE_P2 = "BORDERLINE_P2"
    # Controlled by the government.
    OUTSIDE_P3 = "OUTSIDE_P3"
    # Profits shared by capital, no asset lock.
    OUTSIDE_P4 = "OUTSIDE_P4"
    # A draft not yet assessed.
    UNASSESSED = "UNASSESSED"


class Disaggregation(enum.StrEnum):
    """How far a demo entity's figures are broken down by sex."""

    # Every count by sex, every year.
    FULL = "full"
    # 2024 members by sex; staff, board and earlier years as totals only.
    PARTIAL = "partial"
    # Totals only (informal groups, secondary sources).
    TOTALS = "totals"


class Story(enum.StrEnum):
    """A story a demo record tells through the workflow on top of its final state."""

    NONE = ""
    # Returned once, corrected, resubmitted.
    RETURNED_THEN_FIXED = "returned_then_fixed"
    # Validated, then edited, which sends it back to draft.
    EDITED_AFTER_VALIDATION = "edited_after_validation"


Row = TypeVar("Row")

DEFINITION_ELEMENT_CODES = frozenset(code for code, _label in DEFINITION_ELEMENTS)


def vocabulary(
    codes: type[enum.Enum] | Iterable[str], *, blank: bool = False
) -> dict[str, frozenset[str]]:
    """Field metadata naming the codes a demo record field may hold (one code, or a
    list of codes); `blank` lets the field be empty."""
    if isinstance(codes, type) and issubclass(codes, enum.Enum):
        allowed = frozenset(str(member.value) for member in codes)
    else:
        allowed = frozenset(codes)
    return {"codes": allowed | {""} if blank else allowed}


def check(value: object, allowed: frozenset[str], *, where: str) -> None:
    """Raise DemoDataError unless `value` (a code, or a list of codes) is allowed."""
    values = value if isinstance(value, list | tuple) else [value]
    unknown = [code for code in values if code not in allowed]
    if unknown:
        choices = ", ".join(sorted(code or '""' for code in allowed))
        raise DemoDataError(f"{where}: unknown code {unknown[0]!r} (one of {choices})")


@dataclass
class References:
    """A country's reference rows, found by the codes the demo data names them by."""

    country_code: str
    areas: dict[str, AdminArea]
    legal_forms: dict[str, LegalForm]
    divisions: dict[str, IsicCode]

    @classmethod
    def load(cls, country_code: str) -> References:
        return cls(
            country_code=country_code,
            areas={
                area.code: area
                for area in AdminArea.objects.filter(country_id=country_code)
            },
            legal_forms={
                form.code: form
                for form in LegalForm.objects.filter(country_id=country_code)
            },
            divisions={
                code.code: code for code in IsicCode.objects.filter(level="division")
            },
        )

    def area(self, code: str) -> AdminArea:
        return self._find(self.areas, code, "admin area")

    def legal_form(self, code: str) -> LegalForm | None:
        """The legal form of that code; None for no code (an informal group)."""
        return self._find(self.legal_forms, code, "legal form") if code else None

    def division(self, code: str) -> IsicCode:
        return self._find(self.divisions, code, "ISIC division")

    def _find(self, rows: dict[str, Row], code: str, kind: str) -> Row:
        try:
            return rows[code]
        except KeyError:
            raise DemoDataError(
                f"{self.country_code}: no {kind} with the code {code!r}"
            ) from None
