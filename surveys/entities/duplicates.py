"""Possible duplicates: entities whose names look alike in the same area."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from itertools import chain

from django.db.models import Q, QuerySet
from rapidfuzz import process
from rapidfuzz.distance import Indel

from countries.models import AdminArea, Country
from surveys.models import (
    Entity,
)

# --- Entities --------------------------------------------------------------------------


_NOT_WORD = re.compile(r"[\W_]+")


def name_key(*names: str) -> str:
    """A casefolded, accent- and punctuation-free key for duplicate detection."""
    text = " ".join(n for n in names if n)
    if not text.isascii():  # ASCII has no accents to take off: most names, faster
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


# Two names are "alike" when their InDel similarity, 2 × (longest common subsequence)
# / (both lengths), is at least this. It is never below difflib's ratio (difflib's
# matching blocks are one common subsequence), so it finds every pair that ratio finds.
SIMILAR_NAMES = 0.85
# Without an area, the most names compared of those holding the whole name, and of
# those sharing its first letters or a word.
COUNTRY_CANDIDATES = 200
# Enough of a name's first characters to hold its key's first three letters.
ENGLISH_START = 12
# The similarity is a float: a pair exactly on the bar is not lost to rounding.
_BAR = SIMILAR_NAMES - 1e-9


def alike_to(mine: list[str]) -> Callable[[list[str]], bool]:
    """A test of whether any of another entity's name keys is alike any of `mine`."""

    def test(theirs: list[str]) -> bool:
        return any(
            Indel.normalized_similarity(key, other, score_cutoff=_BAR)
            for key in mine
            for other in theirs
        )

    return test


def alike_among(key: str, keys: list[str]) -> list[int]:
    """The positions in `keys` of those alike `key`, compared in one call into C."""
    return [
        at
        for _other, _score, at in process.extract(
            key,
            keys,
            scorer=Indel.normalized_similarity,
            score_cutoff=_BAR,
            limit=None,
        )
    ]


def _key_start(name: str) -> str:
    """The first three letters of the name's key, from the name's start alone."""
    head = name[:3]
    if head.isascii() and head.isalnum():
        return head.lower()
    return name_key(name[:ENGLISH_START])[:3]


def _name_keys(name_local: str, name_en: str) -> list[str]:
    return [k for k in (name_key(name_local), name_key(name_en)) if k]


def _stored_name_keys(stored: str, name_local: str, name_en: str) -> list[str]:
    """`_name_keys` of an entity from its stored key, `name_key(name_local,
    name_en)`: the local name's key, a space, the English name's. Only the English
    name's key is worked out (mostly ASCII, the fast case); the local name's is the
    rest of the stored key (or worked out too, for a key stored another way)."""
    english = name_key(name_en)
    if not english:
        local = stored
    elif stored == english:
        local = ""
    elif stored.endswith(f" {english}"):
        local = stored[: -len(english) - 1]
    else:
        local = name_key(name_local)
    return [k for k in (local, english) if k]


def possible_duplicates(
    *,
    country: Country,
    name_local: str = "",
    name_en: str = "",
    area: AdminArea | None = None,
    exclude_pk: int | None = None,
) -> list[Entity]:
    """Entities of the same country and area whose names are alike (`SIMILAR_NAMES`):
    within an area, every one, compared with each of the area's names in one call
    into C however many of them share its first letters or words."""
    keys = _name_keys(name_local, name_en)
    if not keys:
        return []
    shown = (
        "id",
        "code",
        "name_local",
        "name_en",
        "name_key",
        "area",
        "workflow_state",
    )
    if area is not None:
        in_area = Entity.objects.filter(country=country, area=area)
        if exclude_pk:
            in_area = in_area.exclude(pk=exclude_pk)
        theirs: list[str] = []
        owners: list[int] = []
        for pk, local, english, stored in in_area.values_list(
            "pk", "name_local", "name_en", "name_key"
        ).iterator(chunk_size=5000):
            for key in _stored_name_keys(stored, local, english):
                theirs.append(key)
                owners.append(pk)
        matched = {owners[at] for key in keys for at in alike_among(key, theirs)}
        return list(Entity.objects.filter(pk__in=matched).order_by("pk").only(*shown))
    # Without an area, the whole country: the names holding the whole name, then
    # the first of those sharing its first letters or a word.
    candidates = Entity.objects.filter(country=country).only(*shown)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    whole, shared = Q(), Q()
    for key in keys:
        whole |= Q(name_key__contains=key)
        shared |= Q(name_key__startswith=key[:3])
        for word in key.split():
            if len(word) >= 4:
                shared |= Q(name_key__contains=word)
    alike = alike_to(keys)
    found: dict[int, Entity] = {}
    for entity in chain(
        candidates.filter(whole)[:COUNTRY_CANDIDATES],
        candidates.filter(shared)[:COUNTRY_CANDIDATES],
    ):
        if entity.pk not in found and alike(
            _name_keys(entity.name_local, entity.name_en)
        ):
            found[entity.pk] = entity
    return sorted(found.values(), key=lambda entity: entity.pk)


DuplicateRow = tuple[int, str, str, str, str]  # pk, code, name_local, name_en, state


def possible_duplicates_many(
    *,
    country: Country,
    names: list[tuple[str, str, AdminArea | None]],
    exclude: list[int] | None = None,
    written_since: datetime.datetime | None = None,
) -> list[list[DuplicateRow]]:
    """`possible_duplicates` for many names at once (an import of 10 000 rows).

    Each area named is read once, not once per name, and held only while its names
    are matched. Candidates are those whose stored key starts with the same three
    letters or holds one of the name's words; a word that most of the area's names
    hold ("cooperative") tells nothing and is not used to find candidates.

    `exclude[i]` is the pk of the entity that `names[i]` is, if it exists already.
    With `written_since`, only entities created or changed since then are searched:
    the look-alikes a check made at that time could not see.
    """
    found: list[list[DuplicateRow]] = [[] for _ in names]
    by_area: dict[int | None, list[tuple[int, list[str]]]] = {}
    for index, (name_local, name_en, area) in enumerate(names):
        keys = _name_keys(name_local, name_en)
        if keys:
            by_area.setdefault(area.pk if area else None, []).append((index, keys))
    recent_areas = _areas_written_since(country, written_since)
    for area_id, wanted in by_area.items():
        if recent_areas is not None and area_id not in recent_areas:
            continue
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
            if written_since is not None:
                recent = set(
                    _written_since(country, written_since).values_list("pk", flat=True)
                )
                for index, _keys in wanted:
                    found[index] = [row for row in found[index] if row[0] in recent]
        else:
            in_area = Entity.objects.filter(country=country, area_id=area_id)
            if written_since is not None:
                in_area = in_area.filter(updated_at__gte=written_since)
            _match_in_area(in_area, wanted, found)
    if exclude:
        for index, own in enumerate(exclude):
            found[index] = [row for row in found[index] if row[0] != own]
    return found


def _written_since(country: Country, since: datetime.datetime) -> QuerySet[Entity]:
    # Served by the (country, -updated_at, -id) index: a few rows, not the country.
    return Entity.objects.filter(country=country, updated_at__gte=since)


def _areas_written_since(
    country: Country, since: datetime.datetime | None
) -> set[int | None] | None:
    """The areas holding an entity created or changed since `since`: only there can a
    look-alike have appeared. None: every area."""
    if since is None:
        return None
    return set(
        _written_since(country, since)
        .order_by()
        .values_list("area_id", flat=True)
        .distinct()
    )


class _Bucket:
    """The entities of an area holding one token, with their name keys side by side,
    so that a name is compared with all of them in one call into C."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.keys: list[str] = []
        self.owners: list[int] = []

    def fill(self, keys_of: Callable[[int], list[str]]) -> None:
        for position in self.positions:
            for key in keys_of(position):
                self.keys.append(key)
                self.owners.append(position)

    def alike(self, key: str) -> set[int]:
        return {self.owners[at] for at in alike_among(key, self.keys)}


def _match_in_area(
    in_area: QuerySet[Entity],
    wanted: list[tuple[int, list[str]]],
    found: list[list[DuplicateRow]],
) -> None:
    """The candidates, entities of one area, come from the stored keys; a candidate's
    own name keys are worked out once, when the first bucket holding it is compared.
    A word is common when more than 1 in 20 of the candidates (and over 50) hold it."""
    rows: list[DuplicateRow] = []
    stored_keys: list[str] = []
    by_token: dict[str, _Bucket] = {}
    for row in in_area.values_list(
        "pk", "code", "name_local", "name_en", "workflow_state", "name_key"
    ).iterator(chunk_size=5000):
        position = len(rows)
        rows.append(row[:5])
        stored = row[5]
        stored_keys.append(stored)
        tokens = {f"^{stored[:3]}", *(f" {word}" for word in stored.split())}
        if row[2] and row[3]:
            # The stored key starts with the local name's: the English name's
            # first letters too.
            tokens.add(f"^{_key_start(row[3])}")
        for token in tokens:
            bucket = by_token.get(token)
            if bucket is None:
                bucket = by_token[token] = _Bucket()
            bucket.positions.append(position)
    common = max(50, len(rows) // 20)
    filled: set[str] = set()
    # A candidate's name keys, worked out once however many buckets hold it.
    known: dict[int, list[str]] = {}

    def keys_of(position: int) -> list[str]:
        keys = known.get(position)
        if keys is None:
            _pk, _code, name_local, name_en, _state = rows[position]
            keys = known[position] = _stored_name_keys(
                stored_keys[position], name_local, name_en
            )
        return keys

    for index, keys in wanted:
        tokens = set()
        for key in keys:
            tokens.add(f"^{key[:3]}")
            for word in key.split():
                bucket = by_token.get(f" {word}")
                if len(word) >= 4 and bucket and len(bucket.positions) <= common:
                    tokens.add(f" {word}")
        matches: set[int] = set()
        for token in tokens:
            bucket = by_token.get(token)
            if bucket is None:
                continue
            if token not in filled:
                bucket.fill(keys_of)
                filled.add(token)
            for key in keys:
                matches |= bucket.alike(key)
        found[index] = [rows[position] for position in sorted(matches)]
