"""How far a first-level area reaches, read from the centres in the reference data.

No boundaries are loaded, so whether a point lies in its area is judged from centres
(each area's seat, see `reference_data.centroids`). A point is outside its area when

- it lies much nearer the centre of another area of the same country and time than
  its own: at most `NEARER_SHARE` of the distance to its own, and at least
  `MARGIN_FLOOR_KM` nearer. A point well into the other area is caught; one on a
  border, or at the far end of a large area whose seat sits off the middle, is not;
  or
- it lies farther from its own centre than the area's reach: one and a half times the
  distance to the nearest other centre, and at least `REACH_FLOOR_KM`, which catches
  points beyond the country's edge, where no other centre is nearer.

An area's own centres are its seat and the seats of the units merged into it, so a
point at a former provincial capital of Viet Nam belongs to the province that took it
over. Two seats closer than the margin floor (a city and the province around it) are
not told apart. The picker in the browser (`static/js/entity_point_picker.js`) applies
the same rule to the same figures.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

from countries.models import AdminArea

REACH_FLOOR_KM = 250
REACH_PER_NEIGHBOUR = 1.5
MARGIN_FLOOR_KM = 15
NEARER_SHARE = 0.4

Point = tuple[float, float]
# A degree of latitude is never shorter than this on the sphere `distance_km` uses.
KM_PER_DEGREE_LATITUDE = 111.19


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance between two (latitude, longitude) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _nearest(point: Point, centres: Iterable[Point]) -> float:
    return min(distance_km(point, centre) for centre in centres)


@dataclass(frozen=True)
class Outside:
    """Why a point is taken to lie outside its area."""

    km: int  # from the area's nearest own centre
    reach_km: int
    nearer: str = ""  # the other area whose centre it lies nearer, if that is why


@dataclass(frozen=True)
class Rival:
    name: str
    centres: tuple[Point, ...]


@dataclass(frozen=True)
class AreaReach:
    name: str
    centres: tuple[Point, ...]
    reach_km: float
    rivals: tuple[Rival, ...]

    def outside(self, point: Point) -> Outside | None:
        """Why `point` lies outside the area, or None when it may lie inside."""
        own = _nearest(point, self.centres)
        best: tuple[float, str] | None = None
        for rival in self.rivals:
            # A rival whose every centre lies more than `NEARER_SHARE * own` away in
            # latitude alone cannot be nearer enough: skip the trigonometry.
            if all(
                abs(lat - point[0]) * KM_PER_DEGREE_LATITUDE > NEARER_SHARE * own
                for lat, _lon in rival.centres
            ):
                continue
            theirs = _nearest(point, rival.centres)
            if (
                theirs <= NEARER_SHARE * own
                and own - theirs > MARGIN_FLOOR_KM
                and (best is None or theirs < best[0])
            ):
                best = (theirs, rival.name)
        if best is None and own <= self.reach_km:
            return None
        return Outside(
            km=round(own),
            reach_km=round(self.reach_km),
            nearer=best[1] if best else "",
        )


def _coexist(a: AdminArea, b: AdminArea) -> bool:
    start = datetime.date.min
    end = datetime.date.max
    return (a.valid_from or start) <= (b.valid_to or end) and (
        b.valid_from or start
    ) <= (a.valid_to or end)


def _centre(area: AdminArea) -> Point | None:
    if area.centroid_lat is None or area.centroid_lon is None:
        return None
    return float(area.centroid_lat), float(area.centroid_lon)


def area_reaches(areas: Iterable[AdminArea]) -> dict[int, AreaReach]:
    """The reach of each of a country's first-level areas (all of them, past and
    current, given together), by the area's id."""
    areas = [area for area in areas if area.level == 1]
    centres: dict[int, list[Point]] = {}
    for area in areas:
        point = _centre(area)
        if point is None:
            continue
        centres.setdefault(area.pk, []).insert(0, point)
        if area.replaced_by_id is not None:
            centres.setdefault(area.replaced_by_id, []).append(point)
    reaches: dict[int, AreaReach] = {}
    for area in areas:
        own = tuple(centres.get(area.pk, ()))
        if _centre(area) is None or not own:
            continue
        rivals = []
        for other in areas:
            if (
                other.pk == area.pk
                or _centre(other) is None
                or other.country_id != area.country_id
                or not _coexist(area, other)
            ):
                continue
            rivals.append(Rival(name=other.name_en, centres=tuple(centres[other.pk])))
        nearest = min(
            (_nearest(own[0], rival.centres) for rival in rivals), default=0.0
        )
        reaches[area.pk] = AreaReach(
            name=area.name_en,
            centres=own,
            reach_km=max(REACH_FLOOR_KM, REACH_PER_NEIGHBOUR * nearest),
            rivals=tuple(rivals),
        )
    return reaches


def country_area_reaches(country_id: str) -> dict[int, AreaReach]:
    return area_reaches(AdminArea.objects.filter(country_id=country_id, level=1))
