"""The dimensions a report groups its counts by, each declared once: the expressions
it groups on (fields of the rows of a compile's scope table, or of entities), its
order, its labels.

Areas are the current first-level units: an entity on a unit that was merged away
(Viet Nam 2025) counts under `area.replaced_by`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.models import MacroRegion
from countries.names import isic_title
from countries.vocabularies import SseType
from surveys.display import NOT_GIVEN, display_value
from surveys.models import Entity
from surveys.reports.context import ReportContext
from surveys.reports.tables import NAME, TEXT

Values = Mapping[str, Any]

# Column headings for SSE types: ten full labels do not fit across an A4 page.
SHORT_TYPE_LABELS: dict[str, Any] = {
    SseType.COOP: gettext_lazy("Coop."),
    SseType.PRECOOP: gettext_lazy("Pre-coop."),
    SseType.SCC: gettext_lazy("Savings & credit"),
    SseType.ASSOC: gettext_lazy("Assoc./NGO/CBO"),
    SseType.MUTUAL: gettext_lazy("Mutual"),
    SseType.FOUND: gettext_lazy("Found."),
    SseType.SE: gettext_lazy("Social ent."),
    SseType.SHG: gettext_lazy("Self-help group"),
    SseType.CE: gettext_lazy("Community ent."),
    SseType.OTHER: gettext_lazy("Other"),
}
PRIORITY_SECTIONS = {"A", "B", "F"}  # ISIC sections holding the priority divisions


def type_label(code: str) -> str:
    return str(display_value(Entity, "sse_type", code, empty=_("Type not given")))


def short_type_label(code: str) -> str:
    return str(SHORT_TYPE_LABELS.get(code, NOT_GIVEN))


def type_legend(types: list[str]) -> str:
    return _("Types: %(legend)s.") % {
        "legend": "; ".join(f"{short_type_label(t)} = {type_label(t)}" for t in types)
    }


# The current first-level unit of an entity, through the crosswalk: an entity on a unit
# merged into another counts under the unit that replaced it.
CURRENT_AREA_FIELDS: dict[str, Any] = {
    "area_key": Coalesce(F("area__replaced_by"), F("area")),
    "area_en": Coalesce(F("area__replaced_by__name_en"), F("area__name_en")),
    "area_local": Coalesce(F("area__replaced_by__name_local"), F("area__name_local")),
    "area_ru": Coalesce(F("area__replaced_by__name_ru"), F("area__name_ru")),
}


def area_label(values: Values) -> str:
    if values["area_key"] is None:
        return _("Area not given")
    russian = values.get("area_ru")
    if russian and (translation.get_language() or "").startswith("ru"):
        return str(russian)
    if values["area_local"] and values["area_local"] != values["area_en"]:
        return f"{values['area_en']} ({values['area_local']})"
    return str(values["area_en"])


def _ordinary(values: Values) -> str:
    return ""


def _unordered(values: Values) -> Any:
    return 0


# Each is declared once: compared and hashed as that one object.
@dataclass(frozen=True, eq=False)
class Dimension:
    """A way of grouping the counted rows.

    `fields` are the group-by expressions (a plain string is a field of the counted
    row); `key` names the fields that identify a group, and `partition` holds the one
    expression per key field that windowed queries (medians) partition on.
    Dimensions with `members` show one row per member, counted or not, in the
    members' order; rows not on any member come last under `missing_label`.
    """

    key: str
    heading: Any
    kind: str
    fields: dict[str, Any]
    partition: dict[str, Any]
    group_key: tuple[str, ...]
    label: Callable[[Values], str]
    order: Callable[[Values], Any] = _unordered
    row_kind: Callable[[Values], str] = _ordinary
    members: Callable[[ReportContext], list[tuple[Any, str]]] | None = None
    missing_label: Any = None

    def key_of(self, values: Values) -> tuple[Any, ...]:
        return tuple(values[name] for name in self.group_key)


def _entity_field(name: str) -> dict[str, Any]:
    return {name: name}


def _type_order(values: Values) -> int:
    order = SseType.values
    code = values["sse_type"]
    return order.index(code) if code in order else len(order)


SSE_TYPE = Dimension(
    key="sse_type",
    heading=gettext_lazy("SSE type"),
    kind=TEXT,
    fields=_entity_field("sse_type"),
    partition={"g_type": F("sse_type")},
    group_key=("sse_type",),
    label=lambda values: type_label(values["sse_type"]),
    order=_type_order,
)

AREA = Dimension(
    key="area",
    heading=gettext_lazy("First-level area"),
    kind=NAME,
    fields=CURRENT_AREA_FIELDS,
    partition={"g_area": Coalesce(F("area__replaced_by"), F("area"))},
    group_key=("area_key",),
    label=area_label,
    order=lambda values: (values["area_key"] is None, str(values["area_en"] or "")),
)


def _macro_regions(context: ReportContext) -> list[tuple[Any, str]]:
    return [
        (pk, f"{name_en} ({name_local})" if name_local else name_en)
        for pk, name_en, name_local in MacroRegion.objects.filter(
            country=context.country
        )
        .order_by("code")
        .values_list("pk", "name_en", "name_local")
    ]


MACRO_REGION = Dimension(
    key="macro_region",
    heading=gettext_lazy("Macro-region"),
    kind=NAME,
    fields={
        "region": Coalesce(
            F("area__replaced_by__macro_region"), F("area__macro_region")
        )
    },
    partition={
        "g_region": Coalesce(
            F("area__replaced_by__macro_region"), F("area__macro_region")
        )
    },
    group_key=("region",),
    label=lambda values: str(values["region"]),
    members=_macro_regions,
    missing_label=gettext_lazy("Area not given"),
)

SECTION = Dimension(
    key="section",
    heading=gettext_lazy("ISIC section"),
    kind=TEXT,
    fields={
        "section": F("main_activity__section"),
        "section_title": F("main_activity__section__title"),
    },
    partition={"g_section": F("main_activity__section")},
    group_key=("section",),
    label=lambda values: (
        f"{values['section']} {isic_title(values['section'], values['section_title'])}"
        if values["section"]
        else _("Main activity not given")
    ),
    order=lambda values: (values["section"] is None, values["section"] or ""),
    row_kind=lambda values: (
        "priority" if values["section"] in PRIORITY_SECTIONS else ""
    ),
)


def _countries(context: ReportContext) -> list[tuple[Any, str]]:
    return [(c.code, c.name) for c in context.countries]


COUNTRY = Dimension(
    key="country",
    heading=gettext_lazy("Country"),
    kind=TEXT,
    fields=_entity_field("country"),
    partition={"g_country": F("country")},
    group_key=("country",),
    label=lambda values: str(values["country"]),
    members=_countries,
)

# The figures' currency and reference year: amounts are never added across either.
CURRENCY_YEAR = Dimension(
    key="currency_year",
    heading=gettext_lazy("Currency"),
    kind=TEXT,
    fields={"currency": "currency", "reference_year": "reference_year"},
    partition={
        "g_currency": F("currency"),
        "g_year": F("reference_year"),
    },
    group_key=("currency", "reference_year"),
    label=lambda values: str(values["currency"]),
    order=lambda values: (values["currency"], -values["reference_year"]),
)

# No grouping: one row, the whole population.
ALL = Dimension(
    key="all",
    heading=gettext_lazy("All"),
    kind=TEXT,
    fields={},
    partition={},
    group_key=(),
    label=lambda values: _("Total"),
)


def _legal_form_label(values: Values) -> str:
    if values["legal_form"] is None:
        return _("Legal form not given")
    local = values["legal_form_local"]
    english = values["legal_form_en"]
    return f"{english} ({local})" if local and local != english else str(english)


LEGAL_FORM = Dimension(
    key="legal_form",
    heading=gettext_lazy("National legal form"),
    kind=NAME,
    fields={
        "legal_form": "legal_form",
        "legal_form_en": F("legal_form__name_en"),
        "legal_form_local": F("legal_form__name_local"),
    },
    partition={"g_form": F("legal_form")},
    group_key=("legal_form",),
    label=_legal_form_label,
    order=lambda values: (
        values["legal_form"] is None,
        str(values["legal_form_en"] or ""),
    ),
)

# The cells of a sampling frame: an SSE type in a current first-level area, or in a
# macro-region.
TYPE_AREA = Dimension(
    key="type_area",
    heading=gettext_lazy("SSE type and first-level area"),
    kind=TEXT,
    fields={
        "sse_type": "sse_type",
        "area_key": Coalesce(F("area__replaced_by"), F("area")),
    },
    partition={
        "g_type": F("sse_type"),
        "g_area": Coalesce(F("area__replaced_by"), F("area")),
    },
    group_key=("sse_type", "area_key"),
    label=lambda values: type_label(values["sse_type"]),
)

TYPE_REGION = Dimension(
    key="type_region",
    heading=gettext_lazy("SSE type and macro-region"),
    kind=TEXT,
    fields={
        "sse_type": "sse_type",
        "region": Coalesce(
            F("area__replaced_by__macro_region"), F("area__macro_region")
        ),
    },
    partition={
        "g_type": F("sse_type"),
        "g_region": Coalesce(
            F("area__replaced_by__macro_region"), F("area__macro_region")
        ),
    },
    group_key=("sse_type", "region"),
    label=lambda values: type_label(values["sse_type"]),
)
