"""The import's look-alike search finds exactly what comparing every name of an area
finds, under the same candidate rule (first letters, uncommon words), and never less
than difflib's ratio would."""

from __future__ import annotations

import difflib
import random
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from countries.models import AdminArea, Country
from surveys.entities import duplicates
from surveys.models import Entity
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db

WORDS = ("Rice", "Silk", "Honey", "Fishers", "Women's", "Bamboo", "Tea", "Hà", "Đồng")
KINDS = ("Cooperative", "Savings Group", "Association")


def typed_again(name: str, rng: random.Random) -> str:
    at = rng.randrange(len(name))
    return name[:at] + name[at] + name[at:] if rng.random() < 0.5 else name + " Ltd"


def similarity(a: str, b: str) -> float:
    """2 × (longest common subsequence) / (both lengths), written plainly."""
    longest = [0] * (len(b) + 1)
    for char in a:
        diagonal = 0
        for at, other in enumerate(b, start=1):
            diagonal, longest[at] = (
                longest[at],
                diagonal + 1 if char == other else max(longest[at], longest[at - 1]),
            )
    return 2 * longest[-1] / (len(a) + len(b))


def every_pair(
    country: Country,
    name_local: str,
    name_en: str,
    area: AdminArea,
    ratio: Callable[[str, str], float] = similarity,
) -> list[int]:
    """The rule written plainly: every entity of the area, keys worked out afresh."""
    mine = [
        k for k in (duplicates.name_key(name_local), duplicates.name_key(name_en)) if k
    ]
    rows = list(Entity.objects.filter(country=country, area=area))
    words: dict[str, int] = {}
    for row in rows:
        for word in set(row.name_key.split()):
            words[word] = words.get(word, 0) + 1
    common = max(50, len(rows) // 20)
    found = []
    for row in rows:
        stored = row.name_key
        candidate = any(
            stored[:3] == key[:3]
            or any(
                len(w) >= 4 and w in stored.split() and words[w] <= common
                for w in key.split()
            )
            for key in mine
        )
        theirs = [
            k
            for k in (
                duplicates.name_key(row.name_local),
                duplicates.name_key(row.name_en),
            )
            if k
        ]
        alike = any(
            ratio(other, key) >= duplicates.SIMILAR_NAMES
            for key in mine
            for other in theirs
        )
        if candidate and alike:
            found.append(row.pk)
    return sorted(found)


def recorded_and_typed_again(
    kh_consultant: User,
) -> tuple[Country, list[tuple[str, str, AdminArea]]]:
    rng = random.Random(7)
    country = Country.objects.get(pk="KH")
    areas = list(AdminArea.objects.filter(country=country, level=1)[:3])
    recorded = []
    for n in range(90):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {n % 13}"
        recorded.append(
            EntityFactory(
                created_by=kh_consultant,
                area=areas[n % 3],
                name_en=name,
                name_local=name.upper() if n % 4 else "",
                name_key=duplicates.name_key(name.upper() if n % 4 else "", name),
            )
        )
    names = [
        ("", typed_again(entity.name_en, rng), entity.area)
        for entity in rng.sample(recorded, 40)
    ]
    return country, names


def test_many_names_find_what_comparing_every_pair_finds(kh_consultant: User) -> None:
    country, names = recorded_and_typed_again(kh_consultant)

    many = duplicates.possible_duplicates_many(country=country, names=names)

    assert [sorted(row[0] for row in found) for found in many] == [
        every_pair(country, local, english, area) for local, english, area in names
    ]
    assert sum(1 for found in many if found) >= 30


def test_every_look_alike_difflib_finds_is_found(kh_consultant: User) -> None:
    country, names = recorded_and_typed_again(kh_consultant)

    many = duplicates.possible_duplicates_many(country=country, names=names)

    by_difflib = [
        every_pair(
            country,
            local,
            english,
            area,
            ratio=lambda a, b: difflib.SequenceMatcher(None, a, b).ratio(),
        )
        for local, english, area in names
    ]
    found = [{row[0] for row in alike} for alike in many]
    assert all(set(d) <= f for d, f in zip(by_difflib, found, strict=True))
    assert sum(len(d) for d in by_difflib) >= 30


@pytest.mark.parametrize(
    ("name_local", "name_en"),
    [
        ("", "Tonle Sap Fishers' Cooperative"),
        ("សហគមន៍កសិកម្ម ស្រែអំបិល", "Kampot Salt Community"),
        ("Hợp tác xã Đồng Tâm.", "—Dong Tam Cooperative"),
        ("...", "Rice Bank"),
        ("Rice Bank", ""),
        ("Rice Bank", "!!"),
        ("ÉCOLE  d'été", "Ecole d'ete"),
        ("", ""),
    ],
)
def test_the_stored_key_gives_each_names_key_as_worked_out_afresh(
    name_local: str, name_en: str
) -> None:
    stored = duplicates.name_key(name_local, name_en)

    assert duplicates._stored_name_keys(
        stored, name_local, name_en
    ) == duplicates._name_keys(name_local, name_en)


def test_a_key_stored_another_way_still_gives_each_names_key() -> None:
    assert duplicates._stored_name_keys("rice", "Rice Bank", "Silk House") == [
        "rice bank",
        "silk house",
    ]
