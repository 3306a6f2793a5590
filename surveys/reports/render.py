"""A compiled report as an HTML document, a PDF (WeasyPrint) and an XLSX workbook.

The page, the HTML file and the PDF render the same template (`report_body.html`)
from the same stored tables and SVG charts, so what staff read on screen is what the
committee receives.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.reports import pdf_text
from surveys.reports.tables import (
    INT,
    NAME,
    NAME_ON_ONE_LINE,
    NUM,
    PCT,
    PERCENT,
    SHARE,
    TEXT,
)

REPORT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "report.css"
WIDE_TABLE_COLUMNS = 8
MISSING = "–"
SMALLEST_SHARE = 0.0005  # below it, a share rounds to 0.0 %
# The longest side of a photo inside the PDF: sharp at print size, not megabytes.
PHOTO_PIXELS = 1400
logger = logging.getLogger(__name__)


def format_cell(value: Any, kind: str) -> str:
    """How a cell reads in the page and the PDF (the workbook keeps the numbers)."""
    if value is None or value == "":
        return "" if kind in (TEXT, NAME) else MISSING
    if kind == PCT:
        if 0 < float(value) < SMALLEST_SHARE:
            # A few entities of thousands: not nothing, as "0.0 %" would read.
            return "< 0.1 %"
        return f"{float(value) * 100:.1f} %"
    if kind == INT and isinstance(value, int | float):
        return number_format(value, decimal_pos=0, force_grouping=True)
    if kind == NUM and isinstance(value, int | float):
        places = 0 if abs(value) >= 1000 else 1
        return number_format(value, decimal_pos=places, force_grouping=True)
    return str(value)


def cell_kinds(found: Mapping[str, Any], found_row: Mapping[str, Any]) -> list[str]:
    """The kind of each cell: the column's, except in a row of shares (kind "share",
    used where countries are the columns and each row is one indicator)."""
    kinds = [c["kind"] for c in found["columns"]]
    if found_row["kind"] in (SHARE, PERCENT):
        return [kinds[0], *[PCT] * (len(kinds) - 1)]
    return kinds


def _display_kind(kind: str, text: str) -> str:
    if kind == NAME and len(text) > NAME_ON_ONE_LINE:
        return TEXT  # too long for one line: let it wrap
    return kind


def display_cell(value: Any, kind: str) -> dict[str, Any]:
    if isinstance(value, list):
        # Several names: one per line, each kept whole where it fits.
        items = [
            {"text": str(item), "kind": _display_kind(NAME, str(item))}
            for item in value
        ]
        return {
            "text": "; ".join(str(item) for item in value),
            "lines": items,
            "kind": kind,
        }
    text = format_cell(value, kind)
    # "lines" is always there: in a template, cell.lines must never fall back to an
    # attribute of the dict (as cell.items would).
    return {"text": text, "kind": _display_kind(kind, text), "lines": None}


def display_table(
    found: Mapping[str, Any], charts: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A table ready for the template: cells formatted, and in long tables grouped by
    their first column (`group_rows`), the repeated group name left blank."""
    rows = []
    previous = None
    limit = found.get("display_limit")
    for r in found["rows"][:limit]:
        cells = [
            display_cell(value, kind)
            for value, kind in zip(r["cells"], cell_kinds(found, r), strict=True)
        ]
        group = ""
        if found.get("group_rows"):
            first = cells[0]["text"]
            group = "group-start" if first != previous else "group-more"
            if first == previous:
                cells[0] = {**cells[0], "text": "", "lines": None}
            previous = first
        rows.append({"kind": r["kind"], "group": group, "cells": cells})
    notes = list(found["notes"])
    if limit is not None and len(found["rows"]) > limit:
        notes.append(
            _(
                "The first %(shown)s of %(n)s rows are shown; the workbook lists them all."
            )
            % {"shown": limit, "n": len(found["rows"])}
        )
    return {
        **found,
        "notes": notes,
        "chart_drawn": (charts or {}).get(found.get("chart") or ""),
        "wide": len(found["columns"]) > WIDE_TABLE_COLUMNS,
        "basis_text": basis_line(found),
        "display_rows": rows,
    }


def photo_url(photo: Mapping[str, Any]) -> str | None:
    """In the page: the photo from the case study's own (access-checked) address."""
    return reverse(
        "case-study-attachment", args=[photo["case_study"], photo["attachment"]]
    )


def photo_data_uri(photo: Mapping[str, Any]) -> str | None:
    """In the files: the photo itself, scaled down, inside the document (a report
    loads no file); None when the file is gone or is not an image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with default_storage.open(photo["file"], "rb") as handle:
            image = Image.open(handle)
            image.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=82)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        logger.warning("Case-study photo %s could not be read", photo["file"])
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


def _with_photos(
    narratives: list[dict[str, Any]],
    source: Callable[[Mapping[str, Any]], str | None],
) -> list[dict[str, Any]]:
    found = []
    for study in narratives:
        photos = [{**p, "src": source(p)} for p in study.get("photos", [])]
        found.append({**study, "photos": [p for p in photos if p["src"]]})
    return found


def display_sections(
    tables: dict[str, Any],
    photos: Callable[[Mapping[str, Any]], str | None] = photo_url,
) -> list[dict[str, Any]]:
    """The report's sections, numbered, with tables formatted, charts attached and
    each case study's photos given their source (`photos`)."""
    charts = tables.get("charts", {})
    sections = []
    for number, found in enumerate(tables.get("sections", []), start=1):
        sections.append(
            {
                **found,
                "narratives": _with_photos(found.get("narratives") or [], photos),
                "number": number,
                "charts": [charts[key] for key in found["charts"] if key in charts],
                "tables": [
                    display_table(t, charts)
                    for t in found["tables"]
                    if not t.get("workbook_only")
                ],
            }
        )
    return sections


PROVISIONAL_NOTE = gettext_lazy(
    "Provisional classification: the national definition is not yet validated by "
    "the national advisory committee, so the classification of the entities, and "
    "every table that rests on it, may change."
)


def report_context(
    tables: dict[str, Any],
    meta: dict[str, Any],
    photos: Callable[[Mapping[str, Any]], str | None] = photo_url,
) -> dict[str, Any]:
    sections = display_sections(tables, photos)
    return {
        # The document's language and its local names' (see jobs.report_meta).
        "meta": {"language": "en", "subtitle_language": "", **meta},
        "sections": sections,
        "method": tables.get("method", []),
        # A country report states its method in its methodology chapter.
        "method_in_chapter": any(s["key"] == "methodology" for s in sections),
        "provisional": tables.get("provisional", False),
    }


def html_document(tables: dict[str, Any], meta: dict[str, Any]) -> str:
    """The standalone document: for the HTML download and for WeasyPrint."""
    return render_to_string(
        "surveys/reports/report_document.html",
        {
            **report_context(tables, meta, photo_data_uri),
            "stylesheet": REPORT_CSS.read_text(encoding="utf-8"),
        },
    )


def write_pdf(document: str, path: Path) -> None:
    pdf_write(pdf_laid_out(document), path)


def pdf_laid_out(document: str) -> Any:
    """The document parsed, styled and laid out into pages (a WeasyPrint document)."""
    # Imported here: WeasyPrint loads Pango at import, which only the workers need.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    # Copy, search and screen readers give back Thai, Khmer… names as written.
    pdf_text.install()
    # WeasyPrint logs every layout step at INFO; the worker's log needs only problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    # The document is self-contained (styles, SVG and photos inline): whatever text
    # the findings hold, a report never loads a file or an address.
    no_fetching = URLFetcher(allowed_protocols=("data",))
    return HTML(
        string=document, base_url=str(settings.BASE_DIR), url_fetcher=no_fetching
    ).render(font_config=FontConfiguration(), **PDF_OPTIONS)


def pdf_write(laid_out: Any, path: Path) -> None:
    """The pages drawn and written as the PDF file `path`."""
    laid_out.write_pdf(str(path), **PDF_OPTIONS)


# Tagged (PDF/UA-1): headings, tables and the reading order reach screen readers; the
# document carries its language and title for it.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


# --- The workbook -----------------------------------------------------------------


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"\s*[\[\]:*?/\\]\s*", " - ", title).strip()[:31].rstrip(" -")
    candidate, suffix = name, 2
    while candidate.lower() in used:
        tail = f" ({suffix})"
        candidate = name[: 31 - len(tail)] + tail
        suffix += 1
    used.add(candidate.lower())
    return candidate


def basis_line(found: Mapping[str, Any]) -> str:
    the_basis = found["basis"]
    parts = [
        *(
            [str(_("Provisional classification"))]
            if the_basis.get("provisional")
            else []
        ),
        f"n = {the_basis['n']} ({the_basis['population']})",
        *(
            [_("Scope: %(scope)s") % {"scope": the_basis["scope"]}]
            if the_basis.get("scope")
            else []
        ),
        _("Reference: %(reference)s") % {"reference": the_basis["reference"]},
        _("Source: %(sources)s") % {"sources": the_basis["sources"]},
    ]
    if the_basis.get("not_disaggregated") is not None:
        parts.append(
            _("Not disaggregated by sex: %(share)s")
            % {"share": format_cell(the_basis["not_disaggregated"], PCT)}
        )
    return " · ".join(parts)


def write_xlsx(tables: dict[str, Any], meta: dict[str, Any], path: Path) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    title = workbook.add_format({"bold": True, "font_size": 14})
    header = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}
    )
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    formats = {
        INT: workbook.add_format({"num_format": "#,##0"}),
        PCT: workbook.add_format({"num_format": "0.0%"}),
        NUM: workbook.add_format({"num_format": "#,##0.0"}),
        "text": wrap,
    }
    total_formats = {
        kind: workbook.add_format({**props, "bold": True, "top": 1})
        for kind, props in (
            (INT, {"num_format": "#,##0"}),
            (PCT, {"num_format": "0.0%"}),
            (NUM, {"num_format": "#,##0.0"}),
            ("text", {"text_wrap": True}),
        )
    }
    priority_formats = {
        kind: workbook.add_format({**props, "bg_color": "#FFF3CD"})
        for kind, props in (
            (INT, {"num_format": "#,##0"}),
            (PCT, {"num_format": "0.0%"}),
            (NUM, {"num_format": "#,##0.0"}),
            ("text", {"text_wrap": True}),
        )
    }
    used: set[str] = set()
    about = workbook.add_worksheet(_sheet_name(_("About"), used))
    about.set_column(0, 0, 28)
    about.set_column(1, 1, 90)
    about.write_string(0, 0, meta["title"], title)
    facts = [
        (_("Version"), str(meta["version"])),
        (_("Data cut-off"), meta["cutoff_label"]),
        (_("Compiled"), meta["compiled_label"]),
        (_("Requested by"), meta["requested_by"]),
        (_("Built from"), meta["built_from"]),
        *(
            [(_("Classification"), PROVISIONAL_NOTE)]
            if tables.get("provisional")
            else []
        ),
    ]
    line = 2
    for label, value in facts:
        about.write_string(line, 0, str(label), bold)
        about.write_string(line, 1, str(value), wrap)
        line += 1
    line += 1
    about.write_string(line, 0, _("Method"), bold)
    for note in tables.get("method", []):
        about.write_string(line, 1, note, wrap)
        line += 1
    line += 1
    about.write_string(line, 0, _("Contents"), bold)
    about.write_url(
        line, 1, "internal:'Contents'!A1", string=_("Every table, on its own sheet")
    )
    contents = workbook.add_worksheet(_sheet_name(_("Contents"), used))
    contents.set_column(0, 0, 34)
    contents.set_column(1, 1, 80)
    contents.set_column(2, 2, 40)
    contents.set_column(3, 3, 10)
    contents.write_string(0, 0, meta["title"], title)
    for index, heading in enumerate(
        (_("Sheet"), _("Table"), _("Chapter"), _("Charts"))
    ):
        contents.write_string(2, index, str(heading), header)
    # (sheet name, table, section, number of charts)
    sheets: list[tuple[str, str, str, int]] = []
    drawn = tables.get("charts", {})
    for number, found_section in enumerate(tables.get("sections", []), start=1):
        chapter = f"{number}. {found_section['title']}"
        definition = found_section.get("definition")
        section_charts = list(found_section.get("charts", []))
        for found in found_section["tables"]:
            label = (
                f"{found['number']}. {found['title']}"
                if found.get("number")
                else found["title"]
            )
            short = found.get("sheet") or found["title"]
            sheet = workbook.add_worksheet(
                _sheet_name(
                    f"{found['number']}. {short}" if found.get("number") else short,
                    used,
                )
            )
            extra = []
            if definition and found["key"] == "definition_elements":
                extra = [
                    f"{definition['title']} (v{definition['number']})",
                    definition["text_local"],
                    definition["text_en"],
                    *definition["rules"],
                ]
            line = _write_table(
                sheet,
                found,
                label,
                extra,
                title=title,
                header=header,
                wrap=wrap,
                formats=formats,
                total_formats=total_formats,
                priority_formats=priority_formats,
            )
            # The charts of the page and the PDF, as native charts: the section's
            # own charts on its first table's sheet, then the table's chart.
            keys = [
                key
                for key in [*section_charts, found.get("chart")]
                if key and "data" in drawn.get(key, {})
            ]
            section_charts = []
            for key in keys:
                line = _write_chart(
                    workbook, sheet, drawn[key], line + 2, bold, formats
                )
            sheets.append((sheet.get_name(), label, chapter, len(keys)))
    for offset, (sheet_name, label, section_title, charts) in enumerate(
        sheets, start=3
    ):
        contents.write_url(offset, 0, f"internal:'{sheet_name}'!A1", string=sheet_name)
        contents.write_string(offset, 1, label, wrap)
        contents.write_string(offset, 2, section_title, wrap)
        contents.write_number(offset, 3, charts)
    workbook.close()


def _write_table(
    sheet: Any,
    found: dict[str, Any],
    label: str,
    extra: list[str],
    *,
    title: Any,
    header: Any,
    wrap: Any,
    formats: dict[str, Any],
    total_formats: dict[str, Any],
    priority_formats: dict[str, Any],
) -> int:
    """Write the table; return its last line."""
    sheet.write_string(0, 0, label, title)
    line = 1
    for text in [basis_line(found), *found["notes"], *[e for e in extra if e]]:
        sheet.write_string(line, 0, text)
        line += 1
    line += 1
    for index, col in enumerate(found["columns"]):
        sheet.write_string(line, index, col["label"], header)
        sheet.set_column(index, index, 40 if index == 0 else 14)
    sheet.freeze_panes(line + 1, 1)
    for found_row in found["rows"]:
        line += 1
        chosen = {"total": total_formats, "priority": priority_formats}.get(
            found_row["kind"], formats
        )
        for index, (value, kind) in enumerate(
            zip(found_row["cells"], cell_kinds(found, found_row), strict=True)
        ):
            if value is None:
                sheet.write_blank(line, index, None, chosen.get(kind, chosen["text"]))
            elif isinstance(value, bool):
                sheet.write_boolean(line, index, value)
            elif isinstance(value, int | float):
                sheet.write_number(line, index, value, chosen.get(kind, chosen[INT]))
            elif isinstance(value, list):
                sheet.write_string(
                    line, index, "; ".join(map(str, value)), chosen["text"]
                )
            else:
                sheet.write_string(line, index, str(value), chosen["text"])
    return line


CHART_ROWS = 18  # the lines a native chart takes on its sheet


def _write_chart(
    workbook: Any,
    sheet: Any,
    chart: dict[str, Any],
    line: int,
    bold: Any,
    formats: dict[str, Any],
) -> int:
    """Write a chart's data under the table, and a native chart of it beside the
    data; return the last line used."""
    data = chart["data"]
    categories, series = data["categories"], data["series"]
    value_format = formats[PCT] if data["percent"] else formats[INT]
    sheet.write_string(line, 0, chart["title"], bold)
    for index, found in enumerate(series, start=1):
        sheet.write_string(line, index, found["label"], bold)
    for offset, category in enumerate(categories, start=1):
        sheet.write_string(line + offset, 0, category)
        for index, found in enumerate(series, start=1):
            value = found["values"][offset - 1]
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(line + offset, index, value, value_format)
            else:
                sheet.write_blank(line + offset, index, None)
    name = sheet.get_name()
    last = line + max(len(categories), 1)
    native = workbook.add_chart(
        {"type": data["kind"], **({"subtype": "stacked"} if len(series) > 1 else {})}
    )
    for index, found in enumerate(series, start=1):
        native.add_series(
            {
                "name": [name, line, index],
                "categories": [name, line + 1, 0, last, 0],
                "values": [name, line + 1, index, last, index],
                "fill": {"color": found["colour"]},
                "border": {"none": True},
                **({"gap": 60} if index == 1 else {}),
            }
        )
    native.set_title({"name": chart["title"], "name_font": {"size": 11}})
    value_axis = {"num_format": "0%", "max": 1, "min": 0} if data["percent"] else {}
    if data["kind"] == "bar":
        # Bars read from the top, in the table's order.
        native.set_y_axis({"reverse": True})
        native.set_x_axis(value_axis)
    else:
        native.set_y_axis(value_axis)
    if len(series) == 1:
        native.set_legend({"none": True})
    else:
        native.set_legend({"position": "bottom"})
    native.set_size({"width": 640, "height": 360})
    sheet.insert_chart(line, len(series) + 2, native)
    return max(last, line + CHART_ROWS)
