"""The charts of a country report: which table each is drawn from, and how (the
drawing itself is in `chart_drawing`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from countries.vocabularies import Rating, SseType
from surveys.reports.chart_drawing import (
    BLUE,
    GREEN,
    GREY,
    MAX_ROWS,
    MEN,
    NOT_DISAGGREGATED,
    ORANGE,
    PALETTE,
    PURPLE,
    RATING_COLOURS,
    VERMILION,
    WOMEN,
    YELLOW,
    Series,
    bars,
    horizontal_bars,
    proportional_circles,
    vertical_bars,
)
from surveys.reports.dimensions import short_type_label, type_label


def _drawn(
    draw: Callable[..., str], title: str, *args: Any, **kwargs: Any
) -> dict[str, Any]:
    if draw is vertical_bars:
        categories, values = args
        return bars(title, categories, [Series(title, BLUE, values)], vertical=True)
    return bars(title, *args, **kwargs)


def _table(tables: dict[str, Any], key: str) -> dict[str, Any] | None:
    for section in tables.get("sections", []):
        for found in section["tables"]:
            if found["key"] == key:
                return found
    return None


def _rows(
    found: dict[str, Any], kinds: tuple[str, ...] = ("", "priority")
) -> list[list[Any]]:
    return [r["cells"] for r in found["rows"] if r["kind"] in kinds]


def _labels(found: dict[str, Any]) -> list[str]:
    return [c["label"] for c in found["columns"]]


def _column(found: dict[str, Any], label: str, rows: list[list[Any]]) -> list[Any]:
    index = _labels(found).index(label)
    return [r[index] for r in rows]


def _types_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "type_by_registration")
    if found is None:
        return None
    rows = _rows(found)
    return _drawn(
        horizontal_bars,
        _("SSE entities by SSE type"),
        [r[0] for r in rows],
        [Series(_("Entities"), BLUE, _column(found, _("Total"), rows))],
    )


def _registration_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "type_by_registration")
    if found is None:
        return None
    rows = _rows(found)
    statuses = _labels(found)[1 : _labels(found).index(_("Total"))]
    return _drawn(
        horizontal_bars,
        _("Entities by SSE type and registration status"),
        [r[0] for r in rows],
        [
            Series(status, PALETTE[i % len(PALETTE)], _column(found, status, rows))
            for i, status in enumerate(statuses)
        ],
    )


def _classification_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "classification_by_type")
    if found is None:
        return None
    rows = _rows(found)
    labels = _labels(found)[1:-2]
    colours = (GREEN, YELLOW, VERMILION, GREY)
    return _drawn(
        horizontal_bars,
        _("Classification against the SSE principles, by SSE type"),
        [r[0] for r in rows],
        [
            Series(label, colours[i], _column(found, label, rows))
            for i, label in enumerate(labels)
        ],
    )


def _areas_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "area_by_type")
    if found is None:
        return None
    total = _labels(found).index(_("Total"))
    rows = sorted(_rows(found), key=lambda r: -(r[total] or 0))[:MAX_ROWS]
    # English names only: WeasyPrint draws SVG text without the shaping that Thai
    # and Khmer marks need (the tables carry the local names).
    return _drawn(
        horizontal_bars,
        _("The %(n)s first-level areas with the most entities") % {"n": len(rows)},
        [_latin_part(r[0]) for r in rows],
        [Series(_("Entities"), BLUE, [r[total] for r in rows])],
    )


def _latin_part(label: str) -> str:
    """ "Bangkok (กรุงเทพมหานคร)" → "Bangkok"."""
    return label.split(" (", 1)[0]


def _priority_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "priority_sectors")
    if found is None:
        return None
    rows = _rows(found)
    return _drawn(
        horizontal_bars,
        _("Entities in the priority sectors"),
        [r[0] for r in rows],
        [Series(_("Entities"), GREEN, _column(found, _("Entities"), rows))],
    )


def _frame_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "frame_coverage")
    if found is None or not found["rows"]:
        return None
    rows = _rows(found)
    # Short type names, so that the place is not cut off.
    short = {type_label(code): short_type_label(code) for code in SseType.values}
    labels = [f"{short.get(r[0], r[0])} · {_latin_part(r[1])}" for r in rows]
    coverage = [min(value or 0, 1.0) for value in _column(found, _("Coverage"), rows)]
    return _drawn(
        horizontal_bars,
        _("Coverage of the sampling frame: mapped SSE entities ÷ registered"),
        labels,
        [Series(_("Coverage (bars stop at 100 %)"), GREEN, coverage)],
        percent=True,
    )


def _cohorts_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "cohort_by_type")
    if found is None:
        return None
    totals = _rows(found, ("total",))
    if not totals:
        return None
    total = _labels(found).index(_("Total"))
    return _drawn(
        vertical_bars,
        _("Entities by year established"),
        _labels(found)[1:total],
        totals[0][1:total],
    )


def _members_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "members_by_type")
    if found is None:
        return None
    rows = _rows(found)
    return _by_sex_chart(
        found, _("Members by sex and SSE type"), [r[0] for r in rows], rows
    )


def _employment_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "employment_by_type")
    if found is None:
        return None
    rows = _rows(found, ("total",))
    return _by_sex_chart(
        found, _("Employment by sex (all types)"), [r[1] for r in rows], rows
    )


def _by_sex_chart(
    found: dict[str, Any], title: str, labels: list[Any], rows: list[list[Any]]
) -> dict[str, str]:
    """Horizontal bars of the women, men and not-disaggregated columns of `rows`."""
    return _drawn(
        horizontal_bars,
        title,
        labels,
        [
            Series(_("Women"), WOMEN, _column(found, _("Women"), rows)),
            Series(_("Men"), MEN, _column(found, _("Men"), rows)),
            Series(
                _("Not disaggregated"),
                NOT_DISAGGREGATED,
                _column(found, _("Not disaggregated"), rows),
            ),
        ],
    )


def _women_led_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "leadership_by_type")
    if found is None:
        return None
    rows = _rows(found) + _rows(found, ("total",))
    return _drawn(
        horizontal_bars,
        _("Share of women-led entities, by SSE type (of those known)"),
        [r[0] for r in rows],
        [Series(_("Women-led"), PURPLE, _column(found, _("% women-led"), rows))],
        percent=True,
    )


def _principles_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "principles_by_type")
    if found is None:
        return None
    rows = _rows(found, ("total",))
    labels = _labels(found)[3:]
    return _drawn(
        horizontal_bars,
        _("Principles met, partly met, not met or unknown (all types)"),
        [r[1] for r in rows],
        [
            Series(label, RATING_COLOURS[rating], _column(found, label, rows))
            for label, rating in zip(labels, Rating.values, strict=True)
        ],
        percent=True,
    )


def _gaps_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    found = _table(tables, "gaps_by_priority")
    if found is None:
        return None
    rows = _rows(found)
    if not rows:
        return None
    return _drawn(
        horizontal_bars,
        _("Capacity gaps by national priority and severity"),
        [r[0] for r in rows],
        [
            Series(_("Critical"), VERMILION, _column(found, _("Critical"), rows)),
            Series(_("Significant"), ORANGE, _column(found, _("Significant"), rows)),
            Series(_("Minor"), GREY, _column(found, _("Minor"), rows)),
        ],
    )


def _coverage_map_chart(tables: dict[str, Any]) -> dict[str, Any] | None:
    places = tables.get("area_map")
    if places is None:
        return None
    title = _("SSE entities by first-level area, as circles at the areas' centres")
    # No "data": a map has no native chart in the workbook, which has the area table.
    return {"title": title, "svg": proportional_circles(title, places)}


COUNTRY_CHARTS: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
    "types": _types_chart,
    "classification": _classification_chart,
    "registration": _registration_chart,
    "areas": _areas_chart,
    "priority_sectors": _priority_chart,
    "cohorts": _cohorts_chart,
    "members_by_sex": _members_chart,
    "employment_by_sex": _employment_chart,
    "women_led": _women_led_chart,
    "principles": _principles_chart,
    "gaps": _gaps_chart,
    "frame_coverage": _frame_chart,
    "coverage_map": _coverage_map_chart,
}


def country_charts(tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every chart of a country report: {key: {"title", "svg", "data"}}."""
    charts = {}
    for key, draw in COUNTRY_CHARTS.items():
        drawn = draw(tables)
        if drawn is not None:
            charts[key] = drawn
    return charts
