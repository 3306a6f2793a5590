"""The import's check runs the model's own field checks on a new entity's values, so
that the commit can write the rows it passed without `full_clean`: both must refuse
the same values with the same messages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from countries.models import Country
from sse_mapping.exceptions import ApplicationError
from surveys.imports.fields import entity_field_errors
from surveys.imports.writing import RELATIONS
from surveys.models import Entity
from surveys.review.edits import _full_clean

pytestmark = pytest.mark.django_db

VALUES: list[dict[str, Any]] = [
    {"name_en": "Kampot Pepper Cooperative", "sse_type": "COOP"},
    {"name_en": "x" * 251},
    {"name_local": "a\x01b", "acronym": "ok"},
    {"notes": "two\nlines\x07"},
    {"notes": "two\nlines", "locality": "a\nb"},
    {"sse_type": "NOT_A_TYPE", "urban_rural": "URBAN"},
    {"urban_rural": "elsewhere"},
    {"latitude": Decimal("12.1234567")},
    {"latitude": Decimal("1234.5"), "longitude": Decimal("104.5")},
    {"year_established": -3},
    {"year_established": 2010, "registration_date": datetime.date(2011, 2, 3)},
    {"activity_status": ""},
    {"activity_status": "GONE"},
    {"registration_number": "9" * 81, "acronym": "y" * 41},
    {"other_activities": ["0111"]},
    {"name_en": "", "name_local": ""},
]


def full_clean_errors(country: Country, values: dict[str, Any]) -> dict[str, list[str]]:
    entity = Entity(country=country)
    for name, value in values.items():
        setattr(entity, name, value)
    try:
        _full_clean(
            entity,
            exclude=["code", "created_by", "updated_by", *RELATIONS],
            constraints=False,
        )
    except ApplicationError as error:
        return error.field_errors
    return {}


@pytest.mark.parametrize("values", VALUES)
def test_the_check_refuses_what_full_clean_refuses(
    reference_data: Any, values: dict[str, Any]
) -> None:
    country = Country.objects.get(code="KH")
    expected = full_clean_errors(country, values)
    assert entity_field_errors(values) == expected


def test_the_values_refused_are_refused_with_messages(reference_data: Any) -> None:
    errors = entity_field_errors({"name_en": "x" * 251, "sse_type": "NOPE"})
    assert set(errors) == {"name_en", "sse_type"}
    assert "250" in " ".join(errors["name_en"])
    assert entity_field_errors({"name_en": "Kampot Pepper Cooperative"}) == {}
