"""KoboToolbox and ODK Central CSV exports, read as they come through a saved mapping.

A mapping says, for each template column, which column of the survey's export holds
it ("org_info/name_en"), plus the column that identifies a submission and, when the
form has one, the geopoint column ("lat lon altitude accuracy"). Importing the same
submissions again updates the entities they created, keyed on the submission id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from surveys.imports.reading import Cell, Sheet
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


def field_name(header: str) -> str:
    """The question's own name, without its group path: 'org/info/name_en' → 'name_en'.

    KoboToolbox separates groups with '/', ODK Central with '-' (or '/').
    """
    return re.split(r"[/-]", header.strip())[-1].strip().casefold()


def suggest_mapping(tool: str, headers: list[str]) -> dict[str, str]:
    """A first guess at the mapping, by question names that match template columns."""
    by_name: dict[str, str] = {}
    for header in headers:
        by_name.setdefault(field_name(header), header)
    suggested: dict[str, str] = {}
    for column in MAPPABLE:
        found = by_name.get(column.name.casefold())
        if found is not None and found not in TOOL_COLUMNS:
            suggested[column.name] = found
    for header in headers:
        name = header.casefold()
        if "latitude" not in suggested and name.endswith(("_latitude", "-latitude")):
            suggested["latitude"] = header
        if "longitude" not in suggested and name.endswith(("_longitude", "-longitude")):
            suggested["longitude"] = header
    if "latitude" not in suggested:
        for header in headers:
            if field_name(header) in ("gps", "geopoint", "location", "coordinates"):
                suggested[GPS] = header
                break
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


def survey_rows(
    sheet: Sheet, columns: dict[str, Any]
) -> tuple[list[SurveyRow], list[tuple[str, str]]]:
    """The survey's rows as template cells, and the problems with the mapping itself
    (column, message): columns it names that this file does not have."""
    mapping = mapped_columns(columns)
    index = {header: i for i, header in enumerate(sheet.headers)}
    wanted = dict(mapping)
    for special in (SUBMISSION_ID, GPS):
        if columns.get(special):
            wanted[special] = columns[special]
    missing = [(name, header) for name, header in wanted.items() if header not in index]
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
    if problems:
        return [], problems
    rows: list[SurveyRow] = []
    for number, cells in sheet.rows:

        def cell(header: str, cells: list[Cell] = cells) -> Cell:
            position = index[header]
            return cells[position] if position < len(cells) else Cell(None)

        template_cells = {name: cell(header) for name, header in mapping.items()}
        origin = dict(mapping)
        gps_header = columns.get(GPS)
        if gps_header:
            point = cell(gps_header)
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
                    template_cells["geo_precision"] = Cell("EXACT")
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
