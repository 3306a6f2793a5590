"""KoboToolbox and ODK Central CSV exports, read as they come through a saved mapping.

A mapping says, for each template column, which column of the survey's export holds
it ("org_info/name_en"), plus the column that identifies a submission and, when the
form has one, the geopoint column ("lat lon altitude accuracy"). Importing the same
submissions again updates the entities they created, keyed on the submission id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.imports.reading import Cell, Sheet
from surveys.imports.values import is_coded, translate
from surveys.models import ColumnMapping
from surveys.spreadsheet import TEMPLATE_COLUMNS, Column

SUBMISSION_ID = "submission_id"
GPS = "gps"
SAMPLE_HEADERS = "_sample_headers"

# The template columns a survey can fill: everything but the platform's own code.
MAPPABLE: tuple[Column, ...] = tuple(c for c in TEMPLATE_COLUMNS if c.part != "key")

# Where each tool puts the id of a submission, best first.
SUBMISSION_ID_COLUMNS: dict[str, tuple[str, ...]] = {
    ColumnMapping.Tool.KOBO: ("_uuid", "meta/instanceID", "_id"),
    ColumnMapping.Tool.ODK: ("KEY", "meta-instanceID", "meta/instanceID", "instanceID"),
}
# When the form asks no reference year, the submission's date gives it.
SUBMISSION_DATE_COLUMNS = ("_submission_time", "SubmissionDate", "today", "start")
# Columns the tools add that are never answers.
TOOL_COLUMNS = {
    "_id",
    "_uuid",
    "_submission_time",
    "_index",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "_tags",
    "__version__",
    "KEY",
    "SubmissionDate",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
}


# Where each tool writes a submission's review state, and the states it writes.
REVIEW_STATE_COLUMNS = ("ReviewState", "_validation_status")
NOT_REVIEWED = "not_reviewed"
REVIEW_STATES: tuple[tuple[str, Any], ...] = (
    ("approved", gettext_lazy("Approved")),
    (NOT_REVIEWED, gettext_lazy("Not reviewed yet")),
    ("has_issues", gettext_lazy("Has issues (ODK Central)")),
    ("edited", gettext_lazy("Edited (ODK Central)")),
    ("on_hold", gettext_lazy("On hold (KoboToolbox)")),
    ("not_approved", gettext_lazy("Not approved (KoboToolbox)")),
    ("rejected", gettext_lazy("Rejected (ODK Central)")),
)
# A geopoint's accuracy (metres, as the device reports it) → how exact it is.
PRECISION_BY_ACCURACY = ((100.0, "EXACT"), (5000.0, "VILLAGE"), (50000.0, "DISTRICT"))
GEOPOINT_NAMES = ("gps", "geopoint", "location", "coordinates", "geolocation")
# ODK Central splits a geopoint into four columns named after it ("gps-Latitude").
SPLIT_POINT_PARTS = ("Latitude", "Longitude", "Altitude", "Accuracy")
# Columns only KoboToolbox writes, and only ODK Central: which tool an export is from.
KOBO_ONLY = ("_uuid", "_submission_time", "_validation_status")
ODK_ONLY = ("KEY", "SubmissionDate", "meta-instanceID", "ReviewState")
# The questions an export of the platform's XLSForm has at least.
FORM_QUESTIONS = ("area", "sse_type")


def review_state(value: Any) -> str:
    """A review state as both tools write it, in one spelling: KoboToolbox writes
    'validation_status_approved', ODK Central 'hasIssues' (blank: not reviewed)."""
    text = "" if value is None else str(value).strip()
    text = text.removeprefix("validation_status_")
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", text).casefold().replace(" ", "_")
    return NOT_REVIEWED if text in ("", "received") else text


def _aliases(name: str) -> str:
    """A question name in the template's words: 'members_female' → 'members_women'."""
    name = re.sub(r"(?<![a-z])females?(?![a-z])", "women", name)
    return re.sub(r"(?<![a-z])males?(?![a-z])", "men", name)


def field_name(header: str) -> str:
    """The question's own name, without its group path: 'org/info/name_en' → 'name_en'.

    KoboToolbox separates groups with '/', ODK Central with '-' (or '/').
    """
    return re.split(r"[/-]", header.strip())[-1].strip().casefold()


def suggest_mapping(
    tool: str,
    headers: list[str],
    *,
    readable: Callable[[Column, str], bool] | None = None,
) -> dict[str, str]:
    """A first guess at the mapping, by question names that match template columns.
    `readable(column, header)` says whether a column's answers can be that template
    column's codes; a free-text answer is never suggested for a coded column."""
    by_name: dict[str, str] = {}
    for header in headers:
        if header in TOOL_COLUMNS:
            continue
        by_name.setdefault(field_name(header), header)
        by_name.setdefault(_aliases(field_name(header)), header)
    suggested: dict[str, str] = {}
    for column in MAPPABLE:
        found = by_name.get(column.name.casefold())
        if found is None:
            continue
        if readable is not None and not readable(column, found):
            continue
        suggested[column.name] = found
    geopoint = _geopoint(headers)
    if geopoint is not None:
        # The single geopoint carries the accuracy the split columns lose.
        suggested[GPS] = geopoint
        parts = set(_split_point(geopoint, set(headers)))
        for name in ("latitude", "longitude"):
            found = suggested.get(name, "")
            if found in parts or field_name(found) not in (name, ""):
                suggested.pop(name, None)
    else:
        for header in headers:
            name = header.casefold()
            if "latitude" not in suggested and name.endswith(
                ("_latitude", "-latitude")
            ):
                suggested["latitude"] = header
            if "longitude" not in suggested and name.endswith(
                ("_longitude", "-longitude")
            ):
                suggested["longitude"] = header
    for candidate in SUBMISSION_ID_COLUMNS.get(tool, ()):
        if candidate in headers:
            suggested[SUBMISSION_ID] = candidate
            break
    if "reference_year" not in suggested:
        for candidate in SUBMISSION_DATE_COLUMNS:
            match = next(
                (h for h in headers if field_name(h) == candidate.casefold()), None
            )
            if match:
                suggested["reference_year"] = match
                break
    return suggested


def _geopoint(headers: list[str]) -> str | None:
    """The geopoint question: named like one, or the one whose split columns
    KoboToolbox adds ('_location_latitude' next to 'location')."""
    present = set(headers)
    for header in headers:
        base = header.removesuffix("-Latitude")
        if base != header and f"{base}-Longitude" in present:
            return base
    for header in headers:
        for suffix in ("_latitude", "-latitude"):
            if header.endswith(suffix):
                base = header[: -len(suffix)]
                for candidate in (base, base.lstrip("_")):
                    if candidate and candidate in present:
                        return candidate
    for header in headers:
        if field_name(header) in GEOPOINT_NAMES:
            return header
    return None


def _split_point(header: str, present: set[str] | dict[str, int]) -> list[str]:
    """The columns ODK Central splits a geopoint into, when the file has them."""
    parts = [f"{header}-{part}" for part in SPLIT_POINT_PARTS]
    return [part for part in parts if part in present] if parts[0] in present else []


def export_tool(headers: list[str]) -> str | None:
    """The tool a file was exported from, by the columns only that tool writes."""
    present = set(headers)
    if any(header in present for header in KOBO_ONLY):
        return ColumnMapping.Tool.KOBO
    if any(header in present for header in ODK_ONLY):
        return ColumnMapping.Tool.ODK
    return None


def builtin_mapping(tool: str, headers: list[str]) -> dict[str, str] | None:
    """The mapping of an export of the platform's own XLSForm, whose question names
    are the template's columns and whose choice names are the platform's codes; None
    when the file is not one (it lacks a submission id or the form's questions)."""
    by_name: dict[str, str] = {}
    for header in headers:
        if header not in TOOL_COLUMNS and not header.startswith("_"):
            by_name.setdefault(field_name(header), header)
    columns = {c.name: by_name[c.name] for c in MAPPABLE if c.name in by_name}
    submission = next(
        (h for h in SUBMISSION_ID_COLUMNS.get(tool, ()) if h in headers), None
    )
    named = columns.get("name_en") or columns.get("name_local")
    if submission is None or not named or any(q not in columns for q in FORM_QUESTIONS):
        return None
    columns[SUBMISSION_ID] = submission
    geopoint = _geopoint(headers)
    if geopoint is not None:
        columns[GPS] = geopoint
        for name in ("latitude", "longitude", "geo_precision"):
            columns.pop(name, None)
    return columns


def mapped_columns(columns: dict[str, Any]) -> dict[str, str]:
    """The mapping's template column → survey column pairs (special keys left out)."""
    known = {c.name for c in MAPPABLE}
    return {
        name: header
        for name, header in columns.items()
        if name in known and isinstance(header, str) and header
    }


@dataclass
class SurveyRow:
    number: int
    cells: dict[str, Cell]
    external_id: str
    # Template column → the survey column it came from, for the report.
    origin: dict[str, str]


def gps_parts(value: Any) -> tuple[str, str] | None:
    """Latitude and longitude of a geopoint answer 'lat lon [altitude [accuracy]]'."""
    parts = str(value).replace(",", " ").split()
    if len(parts) < 2:
        return None
    return parts[0], parts[1]


def gps_precision(value: Any) -> str:
    """How exact a geopoint is, from the accuracy the device reported with it; a
    geopoint without one was still read on the spot."""
    parts = str(value).replace(",", " ").split()
    try:
        accuracy = float(parts[3])
    except (IndexError, ValueError):
        return "EXACT"
    for limit, precision in PRECISION_BY_ACCURACY:
        if accuracy <= limit:
            return precision
    return "PROVINCE"


def _point_cell(header: str, index: dict[str, int], cells: list[Cell]) -> Cell:
    """A geopoint's answer "lat lon altitude accuracy", from its one column or from
    the columns ODK Central splits it into."""

    def value(name: str) -> str:
        position = index[name]
        found = cells[position].value if position < len(cells) else None
        return "" if found is None else str(found).strip()

    if header in index:
        return Cell(value(header) or None)
    parts = [value(name) for name in _split_point(header, index)]
    if len(parts) < 2 or not all(parts[:2]):
        return Cell(None)
    # An altitude left empty keeps the accuracy in its place.
    return Cell(" ".join(part or "0" for part in parts))


def survey_rows(
    sheet: Sheet,
    columns: dict[str, Any],
    *,
    values: dict[str, dict[str, str]] | None = None,
    review_states: list[str] | tuple[str, ...] = (),
) -> tuple[list[SurveyRow], list[tuple[str, str]]]:
    """The survey's rows as template cells, their coded answers translated through
    the value tables, and only those in one of `review_states` when given; and the
    problems with the mapping itself (column, message): columns it names that this
    file does not have."""
    mapping = mapped_columns(columns)
    values = values or {}
    by_name = {c.name: c for c in MAPPABLE}
    index = {header: i for i, header in enumerate(sheet.headers)}
    wanted = dict(mapping)
    for special in (SUBMISSION_ID, GPS):
        if columns.get(special):
            wanted[special] = columns[special]
    missing = [
        (name, header)
        for name, header in wanted.items()
        if header not in index and not (name == GPS and _split_point(header, index))
    ]
    problems = [
        (
            header,
            _(
                "The mapping reads “%(name)s” from the column “%(header)s”, which "
                "this file does not have. Was the form changed? Edit the mapping."
            )
            % {"name": name, "header": header},
        )
        for name, header in missing
    ]
    if not columns.get(SUBMISSION_ID):
        problems.append(
            (
                SUBMISSION_ID,
                _(
                    "The mapping does not say which column identifies a submission "
                    "(_uuid in KoboToolbox, KEY in ODK Central). Edit the mapping."
                ),
            )
        )
    review_header = next((h for h in REVIEW_STATE_COLUMNS if h in index), None)
    if review_states and review_header is None:
        problems.append(
            (
                "review_state",
                _(
                    "The mapping imports only submissions in some review states, but "
                    "this file has no review state column (ReviewState in ODK Central, "
                    "_validation_status in KoboToolbox). Export it with that column, "
                    "or edit the mapping to import every submission."
                ),
            )
        )
    if problems:
        return [], problems
    wanted_states = set(review_states)
    rows: list[SurveyRow] = []
    for number, cells in sheet.rows:
        if wanted_states and review_header is not None:
            state = review_state(cells[index[review_header]].value)
            if state not in wanted_states:
                continue

        def cell(header: str, cells: list[Cell] = cells) -> Cell:
            position = index[header]
            return cells[position] if position < len(cells) else Cell(None)

        template_cells = {name: cell(header) for name, header in mapping.items()}
        for name, table in values.items():
            if name in template_cells and is_coded(by_name[name]):
                found = template_cells[name]
                if not found.empty:
                    translated = translate(by_name[name], found.value, table)
                    template_cells[name] = Cell(translated, literal=found.literal)
        origin = dict(mapping)
        gps_header = columns.get(GPS)
        if gps_header:
            point = _point_cell(gps_header, index, cells)
            needs_point = all(
                template_cells.get(name, Cell(None)).empty
                for name in ("latitude", "longitude")
            )
            if needs_point and not point.empty:
                parts = gps_parts(point.value)
                latitude, longitude = parts if parts else (point.value, "")
                template_cells["latitude"] = Cell(latitude)
                template_cells["longitude"] = Cell(longitude)
                origin["latitude"] = origin["longitude"] = gps_header
                if "geo_precision" not in mapping:
                    # A geopoint is read by the device's receiver, on the spot.
                    template_cells["geo_precision"] = Cell(gps_precision(point.value))
                    origin["geo_precision"] = gps_header
        submission = cell(columns[SUBMISSION_ID]).value
        rows.append(
            SurveyRow(
                number=number,
                cells=template_cells,
                external_id="" if submission is None else str(submission).strip(),
                origin=origin,
            )
        )
    return rows, []
