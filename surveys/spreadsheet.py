"""The import template: its columns, code lists and the files a consultant downloads.

One row per entity and reference year. Columns hold codes (the data); the code-list
sheet and the notes hold the labels (for people). Exports write the same columns, so
an export can be corrected and imported again.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, Country, IsicCode, LegalForm
from countries.vocabularies import (
    ActivityStatus,
    AssetLock,
    Classification,
    ConsentLevel,
    CoopMemberType,
    Currency,
    GeoPrecision,
    OrgLevel,
    PrioritySector,
    RegistrationStatus,
    Sex,
    SseType,
    SurplusRule,
    TargetGroup,
    UrbanRural,
    Visibility,
    WorkflowState,
)
from surveys.display import area_label, display_value
from surveys.models import PEOPLE_GROUPS, Entity, EntityFigures, Source

# What a column holds, which decides how it is read and written.
TEXT, CODE, CODES, AREA, AREAS, LEGAL_FORM, ISIC, ISICS, SOURCE = (
    "text",
    "code",
    "codes",
    "area",
    "areas",
    "legal_form",
    "isic",
    "isics",
    "source",
)
INT, YEAR, DECIMAL, DATE, BOOL = "int", "year", "decimal", "date", "bool"
MULTI_VALUED = (CODES, AREAS, ISICS)
NUMERIC = (INT, YEAR, DECIMAL)
# Within one cell, several codes are separated by this.
MULTI_SEPARATOR = ";"
YES, NO = "yes", "no"

# The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    # "key" (the entity code), "entity", "figures", or "derived" (export only).
    part: str
    help: Any = ""
    choices: type[models.TextChoices] | None = None
    max_length: int | None = None

    @property
    def label(self) -> str:
        model = EntityFigures if self.part == "figures" else Entity
        try:
            field = model._meta.get_field(self.name)
            return str(getattr(field, "verbose_name", self.name))
        except FieldDoesNotExist:  # derived columns have no model field
            return str(DERIVED_LABELS.get(self.name, self.name))

    @property
    def importable(self) -> bool:
        return self.part != "derived"

    @property
    def list_name(self) -> str | None:
        """The code list a value must come from, when there is one."""
        if self.choices is not None:
            return self.choices.__name__
        return {
            AREA: "area",
            AREAS: "area",
            LEGAL_FORM: "legal_form",
            ISIC: "isic",
            ISICS: "isic",
            SOURCE: "source",
            BOOL: "yes_no",
        }.get(self.kind)


def _entity(name: str, kind: str, help: Any = "", **kwargs: Any) -> Column:
    field = Entity._meta.get_field(name)
    return Column(
        name,
        kind,
        "entity",
        help,
        max_length=getattr(field, "max_length", None) if kind == TEXT else None,
        **kwargs,
    )


def _figure(name: str, kind: str, help: Any = "", **kwargs: Any) -> Column:
    return Column(name, kind, "figures", help, **kwargs)


ENTITY_COLUMNS: tuple[Column, ...] = (
    Column(
        "entity_code",
        "text",
        "key",
        _(
            "The platform's code of an entity already recorded (e.g. KH-000012). Leave "
            "empty for a new entity; give it to change that entity."
        ),
    ),
    _entity("name_local", TEXT, _("Name in the local script.")),
    _entity("name_en", TEXT, _("Name in English. Give at least one of the two names.")),
    _entity("acronym", TEXT),
    _entity("area", AREA, _("Code of the first-level area (see 'code lists').")),
    _entity(
        "other_areas", AREAS, _("Other areas where it works: codes separated by ';'.")
    ),
    _entity("locality", TEXT, _("Village, commune or town.")),
    _entity("urban_rural", CODE, choices=UrbanRural),
    _entity("latitude", DECIMAL, _("Decimal degrees, e.g. 11.5564 (WGS 84).")),
    _entity("longitude", DECIMAL, _("Decimal degrees, e.g. 104.9282 (WGS 84).")),
    _entity(
        "geo_precision",
        CODE,
        _("How exact the coordinates are."),
        choices=GeoPrecision,
    ),
    _entity("sse_type", CODE, choices=SseType),
    _entity(
        "coop_member_type", CODE, _("For cooperatives only."), choices=CoopMemberType
    ),
    _entity("org_level", CODE, choices=OrgLevel),
    _entity("legal_form", LEGAL_FORM, _("Code of a legal form of this country.")),
    _entity("registration_status", CODE, choices=RegistrationStatus),
    _entity("registration_authority", TEXT),
    _entity("registration_number", TEXT),
    _entity("registration_date", DATE, _("YYYY-MM-DD, not in the future.")),
    _entity(
        "former_legal_form",
        LEGAL_FORM,
        _("For entities that changed legal form, e.g. an NGO that became a company."),
    ),
    _entity("year_established", YEAR, _("Four digits, not in the future.")),
    _entity("activity_status", CODE, choices=ActivityStatus),
    _entity(
        "main_activity",
        ISIC,
        _(
            "ISIC Rev.4 division, two digits (e.g. 01). Priority sectors follow from it."
        ),
    ),
    _entity(
        "other_activities",
        ISICS,
        _("Other ISIC Rev.4 divisions, separated by ';'."),
    ),
    _entity(
        "target_groups",
        CODES,
        _("Codes separated by ';'."),
        choices=TargetGroup,
    ),
    _entity("purpose", TEXT),
    _entity("surplus_rule", CODE, choices=SurplusRule),
    _entity(
        "surplus_cap_pct",
        INT,
        _("When the distribution is capped: the cap in percent (0–100)."),
    ),
    _entity("asset_lock", CODE, choices=AssetLock),
    _entity(
        "visibility",
        CODE,
        _("Who may see it outside the platform. Empty means aggregates only."),
        choices=Visibility,
    ),
    _entity(
        "consent_level",
        CODE,
        _("What the entity agreed may be published. Empty means not published."),
        choices=ConsentLevel,
    ),
    _entity("consent_by", TEXT, _("The name or role of the person who gave it.")),
    _entity("consent_date", DATE, _("YYYY-MM-DD, not in the future.")),
    _entity("notes", TEXT),
)

FIGURE_COLUMNS: tuple[Column, ...] = (
    _figure(
        "reference_year",
        YEAR,
        _(
            "The year the figures describe. One row per entity and year: repeat the "
            "entity's columns on each of its rows. Leave empty when there are no "
            "figures."
        ),
    ),
    _figure("source", SOURCE, _("Title of one of the country's sources (see lists).")),
    *(
        _figure(
            f"{prefix}_{part}",
            INT,
            _("Women and men together may not exceed the total.")
            if part == "total"
            else "",
        )
        for prefix, _label in PEOPLE_GROUPS
        for part in ("total", "women", "men")
    ),
    _figure("chair_sex", CODE, choices=Sex),
    _figure("manager_sex", CODE, choices=Sex),
    _figure("turnover", DECIMAL, _("In the currency given.")),
    _figure("assets", DECIMAL, _("In the currency given.")),
    _figure("currency", CODE, _("ISO 4217 code."), choices=Currency),
)

DERIVED_LABELS = {
    "workflow_state": _("workflow state"),
    "classification": _("classification"),
    "classification_provisional": _(
        "classification provisional (no national definition validated)"
    ),
    "classification_reasons": _("reasons for the classification"),
    "priority_sectors": _("priority sectors"),
    "women_led": _("women-led"),
    "share_not_disaggregated": _("share of people not disaggregated by sex"),
    "version": _("version of the record when exported (keep it as it is)"),
}

# Written by exports, ignored by imports: the platform works them out.
DERIVED_COLUMNS: tuple[Column, ...] = (
    Column("workflow_state", CODE, "derived", choices=WorkflowState),
    Column("classification", CODE, "derived", choices=Classification),
    Column("classification_provisional", BOOL, "derived"),
    Column("classification_reasons", TEXT, "derived"),
    Column("priority_sectors", CODES, "derived", choices=PrioritySector),
    Column("women_led", BOOL, "derived"),
    Column("share_not_disaggregated", DECIMAL, "derived"),
    # Read back by imports only to see that a row is older than the stored record.
    Column("version", INT, "derived"),
)

TEMPLATE_COLUMNS: tuple[Column, ...] = ENTITY_COLUMNS + FIGURE_COLUMNS
EXPORT_COLUMNS: tuple[Column, ...] = TEMPLATE_COLUMNS + DERIVED_COLUMNS
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in EXPORT_COLUMNS}


def neutralised(text: str) -> str:
    """A text cell a spreadsheet will never run as a formula (OWASP CSV injection)."""
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


# --- Code lists -------------------------------------------------------------------------


def code_lists(country: Country) -> dict[str, list[tuple[str, str]]]:
    """Every code list the columns use, in the order the columns come:
    list name → [(code, label)]."""
    country_lists: dict[str, Any] = {
        "area": lambda: [
            (area.code, area_label(area))
            for area in AdminArea.objects.current()
            .filter(country=country, level=1)
            .order_by("code")
            .only("code", "name_en", "name_local")
        ],
        "legal_form": lambda: list(
            LegalForm.objects.filter(country=country)
            .order_by("code")
            .values_list("code", "name_en")
        ),
        "isic": lambda: list(
            IsicCode.objects.filter(level__in=("division", "class"))
            .order_by("code")
            .values_list("code", "title")
        ),
        "source": lambda: [
            (title, display_value(Source, "kind", kind))
            for title, kind in Source.objects.filter(country=country)
            .order_by("title")
            .values_list("title", "kind")
        ],
        "yes_no": lambda: [
            (YES, display_value(None, "", True)),
            (NO, display_value(None, "", False)),
        ],
    }
    lists: dict[str, list[tuple[str, str]]] = {}
    for column in EXPORT_COLUMNS:
        name = column.list_name
        if name is None or name in lists:
            continue
        if column.choices is not None:
            lists[name] = [
                (str(code), str(label)) for code, label in column.choices.choices
            ]
        else:
            lists[name] = country_lists[name]()
    return lists


LIST_TITLES = {
    "area": _("Areas (first level)"),
    "legal_form": _("Legal forms"),
    "isic": _("ISIC Rev.4 divisions"),
    "source": _("Sources (give the title)"),
    "yes_no": _("Yes or no"),
}


def list_title(name: str) -> str:
    if name in LIST_TITLES:
        return str(LIST_TITLES[name])
    for column in EXPORT_COLUMNS:
        if column.choices is not None and column.choices.__name__ == name:
            return column.label
    return name


# --- Writing the workbook sheets shared by the template and the XLSX export -------------

CODE_LIST_SHEET = "code lists"
DATA_SHEET = "data"
COLUMNS_SHEET = "columns"


@dataclass
class Formats:
    header: Any
    date: Any
    text: Any
    bold: Any
    wrap: Any


def workbook_formats(workbook: xlsxwriter.Workbook) -> Formats:
    return Formats(
        header=workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        date=workbook.add_format({"num_format": "yyyy-mm-dd"}),
        # A text cell that starts with = + - @ is shown as text, never run.
        text=workbook.add_format({"quote_prefix": True}),
        bold=workbook.add_format({"bold": True}),
        wrap=workbook.add_format({"text_wrap": True, "valign": "top"}),
    )


def write_code_lists(
    workbook: xlsxwriter.Workbook,
    formats: Formats,
    lists: dict[str, list[tuple[str, str]]],
) -> dict[str, str]:
    """One sheet with every code list side by side; returns list name → cell range."""
    sheet = workbook.add_worksheet(CODE_LIST_SHEET)
    names = [name for name in lists if name != "yes_no"] + ["yes_no"]
    ranges: dict[str, str] = {}
    # Constant-memory sheets must be written row by row, so build the rows first.
    height = max((len(values) for values in lists.values()), default=0)
    rows: list[list[tuple[int, str, Any]]] = [[] for _row in range(height + 2)]
    for index, name in enumerate(names):
        col = index * 3
        rows[0].append((col, list_title(name), formats.bold))
        rows[1].append((col, str(_("code")), formats.header))
        rows[1].append((col + 1, str(_("label")), formats.header))
        for offset, (code, label) in enumerate(lists[name]):
            rows[offset + 2].append((col, code, formats.text))
            rows[offset + 2].append((col + 1, label, formats.text))
        letter = xlsxwriter.utility.xl_col_to_name(col)
        if lists[name]:
            ranges[name] = (
                f"='{CODE_LIST_SHEET}'!${letter}$3:${letter}${len(lists[name]) + 2}"
            )
        sheet.set_column(col, col, 18)
        sheet.set_column(col + 1, col + 1, 40)
    for row_number, cells in enumerate(rows):
        for col, value, cell_format in cells:
            sheet.write_string(row_number, col, value, cell_format)
    sheet.freeze_panes(2, 0)
    return ranges


def write_data_header(
    sheet: Any,
    formats: Formats,
    columns: tuple[Column, ...],
    ranges: dict[str, str],
    *,
    last_row: int,
    notes: bool,
) -> None:
    """The header row (codes), a note on each column and a dropdown on coded columns."""
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.name, formats.header)
        if notes:
            sheet.write_comment(0, index, column_note(column), {"x_scale": 2.5})
        width = 14 if column.kind in NUMERIC else 22
        sheet.set_column(index, index, width)
        source = ranges.get(column.list_name or "")
        if column.importable and column.kind not in MULTI_VALUED and source:
            sheet.data_validation(
                1,
                index,
                max(last_row, 1),
                index,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "warning",
                    "error_title": column.name,
                    "error_message": str(
                        _("Choose a code from the '%(list)s' code list.")
                        % {"list": list_title(column.list_name or "")}
                    ),
                },
            )
    sheet.freeze_panes(1, 0)


def column_note(column: Column) -> str:
    parts = [column.label]
    if column.help:
        parts.append(str(column.help))
    if column.list_name:
        parts.append(
            str(_("Allowed: codes of the list '%(list)s'."))
            % {"list": list_title(column.list_name)}
        )
    if column.kind in MULTI_VALUED:
        parts.append(str(_("Several values: separate them with ';'.")))
    return "\n".join(parts)


def write_columns_sheet(workbook: xlsxwriter.Workbook, formats: Formats) -> None:
    sheet = workbook.add_worksheet(COLUMNS_SHEET)
    headers = [
        str(_("column")),
        str(_("meaning")),
        str(_("what to write")),
    ]
    for index, header in enumerate(headers):
        sheet.write_string(0, index, header, formats.header)
    for row, column in enumerate(TEMPLATE_COLUMNS, start=1):
        sheet.write_string(row, 0, column.name, formats.text)
        sheet.write_string(row, 1, column.label, formats.wrap)
        sheet.write_string(row, 2, column_note(column), formats.wrap)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 2, 80)
    sheet.freeze_panes(1, 0)


# Dropdowns reach this far down an empty template.
TEMPLATE_ROWS = 5000


def template_xlsx(country: Country) -> bytes:
    """The empty template of a country: data sheet, notes and code lists."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    formats = workbook_formats(workbook)
    data = workbook.add_worksheet(DATA_SHEET)
    ranges = write_code_lists(workbook, formats, code_lists(country))
    write_columns_sheet(workbook, formats)
    write_data_header(
        data, formats, TEMPLATE_COLUMNS, ranges, last_row=TEMPLATE_ROWS, notes=True
    )
    data.activate()
    workbook.close()
    return output.getvalue()


def template_csv() -> bytes:
    """The CSV variant: the same columns, no rows; UTF-8 with a BOM for Excel."""
    output = io.StringIO()
    csv.writer(output, lineterminator="\n").writerow(c.name for c in TEMPLATE_COLUMNS)
    return ("\ufeff" + output.getvalue()).encode("utf-8")
