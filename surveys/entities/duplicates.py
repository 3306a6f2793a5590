"""Possible duplicates: entities whose names look alike in the same area."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable

from django.db.models import (
    Q,
)

from countries.models import AdminArea, Country
from surveys.models import (
    Entity,
)

# --- Entities --------------------------------------------------------------------------


def name_key(*names: str) -> str:
    """A casefolded, accent- and punctuation-free key for duplicate detection."""
    text = " ".join(n for n in names if n)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


SIMILAR_NAMES = 0.85  # difflib ratio from which two names are "alike"


def alike_to(mine: list[str]) -> Callable[[list[str]], bool]:
    """A test of whether any of another entity's name keys is alike any of `mine`.

    Made once per name and used on many candidates: the cheap upper bounds
    (lengths, then letters) rule most pairs out before the full comparison.
    """
    matchers = [difflib.SequenceMatcher(None, b=key) for key in mine]  # b is indexed

    def test(theirs: list[str]) -> bool:
        for matcher in matchers:
            for other in theirs:
                matcher.set_seq1(other)
                if (
                    matcher.real_quick_ratio() >= SIMILAR_NAMES
                    and matcher.quick_ratio() >= SIMILAR_NAMES
                    and matcher.ratio() >= SIMILAR_NAMES
                ):
                    return True
        return False

    return test


def _name_keys(name_local: str, name_en: str) -> list[str]:
    return [k for k in (name_key(name_local), name_key(name_en)) if k]


def possible_duplicates(
    *,
    country: Country,
    name_local: str = "",
    name_en: str = "",
    area: AdminArea | None = None,
    exclude_pk: int | None = None,
) -> list[Entity]:
    """Entities of the same country and area whose names are alike (ratio ≥ 0.85)."""
    keys = _name_keys(name_local, name_en)
    if not keys:
        return []
    candidates = Entity.objects.filter(country=country)
    if area is not None:
        candidates = candidates.filter(area=area)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    # A cheap database prefilter on the first letters keeps this fast at 100 000 rows.
    prefix_filter = Q()
    for key in keys:
        prefix_filter |= Q(name_key__startswith=key[:3])
        for word in key.split():
            if len(word) >= 4:
                prefix_filter |= Q(name_key__contains=word)
    alike = alike_to(keys)
    return [
        entity
        for entity in candidates.filter(prefix_filter).only(
            "id", "code", "name_local", "name_en", "name_key", "area", "workflow_state"
        )[:200]
        if alike(_name_keys(entity.name_local, entity.name_en))
    ]


DuplicateRow = tuple[int, str, str, str, str]  # pk, code, name_local, name_en, state


def possible_duplicates_many(
    *,
    country: Country,
    names: list[tuple[str, str, AdminArea | None]],
    exclude: list[int] | None = None,
) -> list[list[DuplicateRow]]:
    """`possible_duplicates` for many names at once (an import of 10 000 rows).

    Each area named is read once, not once per name, and held only while its names
    are matched. Candidates are those whose key starts with the same three letters
    or holds one of the name's words; a word that most of the area's names hold
    ("cooperative") tells nothing and is not used to find candidates.

    `exclude[i]` is the pk of the entity that `names[i]` is, if it exists already.
    """
    found: list[list[DuplicateRow]] = [[] for _ in names]
    by_area: dict[int | None, list[tuple[int, list[str]]]] = {}
    for index, (name_local, name_en, area) in enumerate(names):
        keys = _name_keys(name_local, name_en)
        if keys:
            by_area.setdefault(area.pk if area else None, []).append((index, keys))
    for area_id, wanted in by_area.items():
        if area_id is None:  # no area: the whole country, one name at a time
            for index, _keys in wanted:
                name_local, name_en, _area = names[index]
                found[index] = [
                    (e.pk, e.code, e.name_local, e.name_en, e.workflow_state)
                    for e in possible_duplicates(
                        country=country,
                        name_local=name_local,
                        name_en=name_en,
                        exclude_pk=exclude[index] if exclude else None,
                    )
                ]
            continue
        _match_in_area(country, area_id, wanted, found)
    if exclude:
        for index, own in enumerate(exclude):
            found[index] = [row for row in found[index] if row[0] != own]
    return found


def _match_in_area(
    country: Country,
    area_id: int,
    wanted: list[tuple[int, list[str]]],
    found: list[list[DuplicateRow]],
) -> None:
    rows: list[DuplicateRow] = []
    row_keys: list[list[str]] = []
    by_token: dict[str, list[int]] = {}
    for row in (
        Entity.objects.filter(country=country, area_id=area_id)
        .values_list(
            "pk", "code", "name_local", "name_en", "workflow_state", "name_key"
        )
        .iterator(chunk_size=5000)
    ):
        position = len(rows)
        rows.append(row[:5])
        row_keys.append(_name_keys(row[2], row[3]))
        stored = row[5]
        for token in {f"^{stored[:3]}", *(f" {word}" for word in stored.split())}:
            by_token.setdefault(token, []).append(position)
    common = max(50, len(rows) // 20)
    for index, keys in wanted:
        candidates: set[int] = set()
        for key in keys:
            candidates.update(by_token.get(f"^{key[:3]}", ()))
            for word in key.split():
                bucket = by_token.get(f" {word}", ())
                if len(word) >= 4 and len(bucket) <= common:
                    candidates.update(bucket)
        alike = alike_to(keys)
        found[index] = [rows[c] for c in sorted(candidates) if alike(row_keys[c])]
