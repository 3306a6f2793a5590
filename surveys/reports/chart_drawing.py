"""Drawing a report's charts as SVG on the server: stacked horizontal bars, columns
and proportional circles on a map, and a chart as stored with the report.

The SVG uses presentation attributes only (no <style>, no style="", no script), so the
same markup is inlined in the page under the site's Content-Security-Policy and drawn
by WeasyPrint in the PDF. Chart libraries (pygal, matplotlib) write <style> elements
or style attributes that the policy would block inline.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.translation import gettext as _

from countries.vocabularies import Rating

FONT = "Noto Sans, Noto Sans Thai, Noto Sans Khmer, DejaVu Sans, sans-serif"
WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 64
BAR_HEIGHT = 16
ROW_HEIGHT = 24
TEXT = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
# Okabe–Ito colours: told apart with every common colour-vision deficiency.
BLUE, ORANGE, GREEN, VERMILION = "#0072B2", "#E69F00", "#009E73", "#D55E00"
SKY, YELLOW, PURPLE, GREY = "#56B4E9", "#F0E442", "#CC79A7", "#BBBBBB"
WOMEN, MEN, NOT_DISAGGREGATED = ORANGE, BLUE, GREY
RATING_COLOURS: dict[str, str] = {
    Rating.MET: GREEN,
    Rating.PARTIAL: SKY,
    Rating.NOT_MET: VERMILION,
    Rating.UNKNOWN: GREY,
}
# Two more from Paul Tol's muted scheme, so that all ten SSE types differ.
PALETTE = (
    BLUE,
    ORANGE,
    GREEN,
    VERMILION,
    SKY,
    PURPLE,
    YELLOW,
    GREY,
    "#882255",
    "#44AA99",
)
MAX_ROWS = 20


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: Sequence[float | int | None]


def _text(value: Any) -> str:
    return escape(str(value), quote=True)


# The longest category label written whole beside a bar (about LABEL_WIDTH at 11 px).
LABEL_CHARACTERS = 35
# Non-spacing and enclosing marks: drawn on the letter before them.
MARKS = ("Mn", "Me")


def _short(label: str, limit: int = LABEL_CHARACTERS) -> str:
    """The label, cut with an ellipsis past `limit` letters; the vowels and tone marks
    written above or below a letter (Thai, Khmer) take no room of their own and stay
    with their letter."""
    letters = [i for i, c in enumerate(label) if unicodedata.category(c) not in MARKS]
    if len(letters) <= limit:
        return label
    return label[: letters[limit - 1]].rstrip() + "…"


def _number(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f} %"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.1f}".replace(",", " ")


def _svg(height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" font-family="{FONT}" '
        f'font-size="11" fill="{TEXT}" class="report-chart-svg">'
        f"<title>{_text(title)}</title>" + "".join(body) + "</svg>"
    )


def _legend(series: Sequence[Series], y: int) -> tuple[list[str], int]:
    """Swatches with labels, wrapped over as many lines as needed."""
    parts: list[str] = []
    x = LABEL_WIDTH
    for item in series:
        # Swatch, gap, the label at about 6.6 px a character, and room before the next.
        width = 34 + int(len(item.label) * 6.6)
        if x + width > WIDTH and x > LABEL_WIDTH:
            x = LABEL_WIDTH
            y += 18
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{item.colour}"/>'
            f'<text x="{x + 14}" y="{y}">{_text(item.label)}</text>'
        )
        x += width
    return parts, y + 14


def nice_ceiling(value: float) -> float:
    """The axis maximum: four times a round whole tick (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
    × 10ⁿ), so that the quarter lines fall on whole numbers."""
    quarter = max(value / 4, 1)
    magnitude = 10 ** math.floor(math.log10(quarter))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        tick = step * magnitude
        if tick >= quarter and float(tick).is_integer():
            return 4 * tick
    return 40 * magnitude


def horizontal_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    percent: bool = False,
    legend: bool = True,
) -> str:
    """One bar per category, its series stacked; the total written at the end.

    With `percent`, values are fractions and the axis runs to 100 %.
    """
    categories = list(categories)[:MAX_ROWS]
    body: list[str] = []
    y = 16
    if legend and len(series) > 1:
        parts, y = _legend(series, y)
        body += parts
    top = y + 4
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    totals = [sum((s.values[i] or 0) for s in series) for i in range(len(categories))]
    scale_max = 1.0 if percent else nice_ceiling(max([*totals, 0]))
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = LABEL_WIDTH + plot * tick
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" '
            f'y2="{top + ROW_HEIGHT * len(categories)}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
    for index, category in enumerate(categories):
        y = top + index * ROW_HEIGHT
        body.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
            f"<title>{_text(category)}</title>{_text(_short(category))}</text>"
        )
        x = float(LABEL_WIDTH)
        for item in series:
            value = item.values[index] or 0
            width = plot * value / scale_max
            if width > 0:
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" '
                    f'height="{BAR_HEIGHT}" fill="{item.colour}">'
                    f"<title>{_text(item.label)}: {_number(value, percent)}</title>"
                    f"</rect>"
                )
            x += width
        if not percent:
            body.append(
                f'<text x="{x + 4:.1f}" y="{y + 15}" fill="{MUTED}">'
                f"{_number(totals[index], False)}</text>"
            )
    bottom = top + ROW_HEIGHT * len(categories)
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = LABEL_WIDTH + plot * tick
        label = _number(scale_max * tick, percent)
        body.append(
            f'<text x="{x:.1f}" y="{bottom + 13}" text-anchor="middle" '
            f'fill="{MUTED}" font-size="9">{label}</text>'
        )
    if not categories:
        body.append(
            f'<text x="{WIDTH / 2}" y="{top + 14}" text-anchor="middle" '
            f'fill="{MUTED}">{_text(_("No validated data yet"))}</text>'
        )
        bottom += ROW_HEIGHT
    return _svg(bottom + 20, title, body)


def vertical_bars(title: str, categories: Sequence[str], values: Sequence[int]) -> str:
    height = 220
    top, bottom = 16, 180
    left = 40
    plot = WIDTH - left - 20
    peak = max([*values, 0]) or 1
    step = plot / max(len(categories), 1)
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 20}" y2="{bottom}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    for index, (category, value) in enumerate(zip(categories, values, strict=True)):
        bar = (bottom - top) * value / peak
        x = left + index * step + step * 0.2
        body.append(
            f'<rect x="{x:.1f}" y="{bottom - bar:.1f}" width="{step * 0.6:.1f}" '
            f'height="{bar:.1f}" fill="{BLUE}"><title>{_text(category)}: {value}'
            f"</title></rect>"
            f'<text x="{x + step * 0.3:.1f}" y="{bottom - bar - 4:.1f}" '
            f'text-anchor="middle" fill="{MUTED}">{_number(value, False)}</text>'
            f'<text x="{x + step * 0.3:.1f}" y="{bottom + 16}" '
            f'text-anchor="middle">{_text(_short(category, 22))}</text>'
        )
    return _svg(height, title, body)


MAP_MAX_RADIUS = 26
MAP_LABELS = 8


def proportional_circles(title: str, places: Sequence[dict[str, Any]]) -> str:
    """A map with no tiles: one circle per place with entities at its centre, its
    surface proportional to the count; places with none are small grey crosses.

    `places`: {"name", "latitude", "longitude", "entities"}. The plane is
    equirectangular, squeezed by the cosine of the middle latitude, which is close
    enough across one country."""
    body: list[str] = []
    if not places:
        body.append(
            f'<text x="{WIDTH / 2}" y="30" text-anchor="middle" fill="{MUTED}">'
            f"{_text(_('No first-level area has a centre recorded'))}</text>"
        )
        return _svg(50, title, body)
    lats = [p["latitude"] for p in places]
    lons = [p["longitude"] for p in places]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * squeeze, 0.5)
    span_y = max(max(lats) - min(lats), 0.5)
    pad = MAP_MAX_RADIUS + 4
    scale = (WIDTH - 2 * pad) / span_x
    height = span_y * scale + 2 * pad
    if height > 560:
        scale = (560 - 2 * pad) / span_y
        height = 560
    plot_height = int(height)
    left = (WIDTH - span_x * scale) / 2

    def at(place: dict[str, Any]) -> tuple[float, float]:
        x = left + (place["longitude"] - min(lons)) * squeeze * scale
        y = pad + (max(lats) - place["latitude"]) * scale
        return x, y

    peak = max(p["entities"] for p in places) or 1

    def radius(n: int) -> float:
        return max(MAP_MAX_RADIUS * math.sqrt(n / peak), 2.5)

    body.append(
        f'<rect x="0" y="0" width="{WIDTH}" height="{plot_height}" fill="#f8f9fa" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    for place in (p for p in places if not p["entities"]):
        x, y = at(place)
        body.append(
            f'<path d="M{x - 3:.1f} {y - 3:.1f}L{x + 3:.1f} {y + 3:.1f}'
            f'M{x - 3:.1f} {y + 3:.1f}L{x + 3:.1f} {y - 3:.1f}" stroke="{MUTED}" '
            f'stroke-width="1.2"><title>{_text(place["name"])}: 0</title></path>'
        )
    counted = sorted((p for p in places if p["entities"]), key=lambda p: -p["entities"])
    # The largest first, so that a small circle is never hidden under a large one.
    for place in counted:
        x, y = at(place)
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius(place["entities"]):.1f}" '
            f'fill="{BLUE}" fill-opacity="0.55" stroke="#ffffff" stroke-width="1">'
            f"<title>{_text(place['name'])}: "
            f"{_number(place['entities'], False)}</title></circle>"
        )
    # English names only, as on the bar charts: no shaping for Thai or Khmer here.
    # The largest areas' names, each where it overlaps no name already written.
    written: list[tuple[float, float, float, float]] = []
    for place in counted:
        if len(written) == MAP_LABELS:
            break
        x, y = at(place)
        label = _short(place["name"], 22)
        y += radius(place["entities"]) + 11
        half = len(label) * 2.9 + 2
        box = (x - half, y - 10, x + half, y + 3)
        if any(
            box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
            for b in written
        ):
            continue
        written.append(box)
        body.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="10">'
            f"{_text(label)}</text>"
        )
    y = plot_height + 22
    x = 20.0
    # The legend's circles: the largest count and a quarter of it (none when no
    # area has an entity).
    sizes = sorted({peak, max(round(peak / 4), 1)}, reverse=True) if counted else []
    for n in sizes:
        r = radius(n)
        body.append(
            f'<circle cx="{x + r:.1f}" cy="{y + MAP_MAX_RADIUS - r:.1f}" r="{r:.1f}" '
            f'fill="none" stroke="{MUTED}" stroke-width="1"/>'
            f'<text x="{x + 2 * r + 6:.1f}" y="{y + MAP_MAX_RADIUS:.1f}" '
            f'fill="{MUTED}">{_number(n, False)}</text>'
        )
        x += 2 * r + 60
    body.append(
        f'<path d="M{x - 3:.1f} {y + MAP_MAX_RADIUS - 6:.1f}l6 6m-6 0l6 -6" '
        f'stroke="{MUTED}" stroke-width="1.2"/>'
        f'<text x="{x + 8:.1f}" y="{y + MAP_MAX_RADIUS:.1f}" fill="{MUTED}">'
        f"{_text(_('no SSE entity recorded'))}</text>"
    )
    return _svg(plot_height + MAP_MAX_RADIUS + 34, title, body)


def bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    percent: bool = False,
    vertical: bool = False,
) -> dict[str, Any]:
    """A chart as stored with the report: its title, its SVG (page and PDF) and its
    data (the workbook draws it again as a native chart)."""
    categories = list(categories)[: len(categories) if vertical else MAX_ROWS]
    if vertical:
        svg = vertical_bars(title, categories, [int(v or 0) for v in series[0].values])
    else:
        svg = horizontal_bars(title, categories, series, percent=percent)
    return {
        "title": title,
        "svg": svg,
        "data": {
            "kind": "column" if vertical else "bar",
            "percent": percent,
            "categories": [str(c) for c in categories],
            "series": [
                {
                    "label": str(s.label),
                    "colour": s.colour,
                    "values": list(s.values)[: len(categories)],
                }
                for s in series
            ],
        },
    }
