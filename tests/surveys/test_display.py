"""display_value: how every page, history entry, review diff, export and import shows a stored value."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from countries.models import AdminArea, IsicCode
from countries.vocabularies import SseType
from surveys.display import (
    NOT_GIVEN,
    area_label,
    choice_label,
    display_changes,
    display_field,
    display_value,
)
from surveys.models import CapacityGap, Entity, EntityFigures, NationalDefinition


@pytest.mark.parametrize("value", [None, "", [], ()])
def test_a_value_not_given_shows_as_a_dash(value: object) -> None:
    assert display_value(Entity, "name_en", value) == NOT_GIVEN


def test_a_value_not_given_shows_as_the_callers_empty() -> None:
    assert display_value(Entity, "name_en", "", empty=None) is None


def test_a_choice_shows_its_label() -> None:
    assert display_value(Entity, "sse_type", "COOP") == "Cooperative"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_lists_choice_labels_read_as_the_records_own_in_every_language(
    language: str,
) -> None:
    entities = [
        Entity(sse_type=SseType.COOP, classification="BORDERLINE"),
        Entity(sse_type=SseType.SHG, workflow_state="returned"),
        Entity(sse_type="", classification="SSE"),
        Entity(sse_type="NOT-A-TYPE"),
    ]
    with translation.override(language):
        for entity in entities:
            for name in ("sse_type", "classification", "workflow_state"):
                display = getattr(entity, f"get_{name}_display")()
                assert choice_label(entity, name) == display
    with translation.override("en"):
        english = choice_label(entities[0], "sse_type")
    with translation.override("ru"):
        assert choice_label(entities[0], "sse_type") != english


def test_a_numeric_choice_shows_its_label() -> None:
    assert display_value(CapacityGap, "severity", 3) == "3 – critical"


def test_an_unknown_code_shows_as_stored() -> None:
    assert display_value(Entity, "sse_type", "GONE") == "GONE"


def test_a_list_of_codes_shows_each_label() -> None:
    assert (
        display_value(CapacityGap, "affected_sse_types", ["COOP", "SE"])
        == "Cooperative, Social enterprise"
    )


def test_booleans_show_yes_or_no() -> None:
    assert display_value(NationalDefinition, "registration_required", True) == "Yes"
    assert display_value(NationalDefinition, "registration_required", False) == "No"


def test_a_decimal_shows_as_typed() -> None:
    assert display_value(Entity, "latitude", Decimal("11.550000")) == "11.55"


def test_an_amount_shows_with_its_currency() -> None:
    shown = display_value(EntityFigures, "turnover", Decimal("1500.00"), currency="KHR")
    assert shown == "1,500 KHR"


def test_dates_show_one_way() -> None:
    assert display_value(None, "", datetime.date(2024, 5, 31)) == "2024-05-31"
    moment = datetime.datetime(2024, 5, 31, 8, 5, tzinfo=datetime.UTC)
    assert display_value(None, "", moment) == timezone.localtime(moment).strftime(
        "%Y-%m-%d %H:%M"
    )


def test_a_figures_key_of_an_audit_is_read_as_that_years_field() -> None:
    assert display_value(Entity, "2024 members_total", 40) == "40"


@pytest.mark.django_db
def test_a_related_record_shows_its_name(reference_data: None) -> None:
    code = IsicCode.objects.filter(level="division").first() or IsicCode.objects.first()
    assert code is not None
    assert display_value(Entity, "main_activity", code) == f"{code.code} {code.title}"


@pytest.mark.django_db
def test_isic_codes_show_with_their_title(reference_data: None) -> None:
    code = IsicCode.objects.first()
    assert code is not None
    assert (
        display_value(Entity, "other_activities", [code.code])
        == f"{code.code} {code.title}"
    )


@pytest.mark.django_db
def test_many_related_records_show_their_names(reference_data: None) -> None:
    areas = AdminArea.objects.filter(country="KH").order_by("pk")[:2]
    assert display_value(Entity, "other_areas", areas) == ", ".join(
        area_label(a) for a in areas
    )


@pytest.mark.django_db
def test_a_form_fields_own_label_for_a_record_comes_first(reference_data: None) -> None:
    class AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]
        def label_from_instance(self, obj: AdminArea) -> str:
            return f"[{obj.name_en}]"

    area = AdminArea.objects.filter(country="KH").first()
    assert area is not None
    field = AreaField(queryset=AdminArea.objects.all())
    assert display_value(field, "area", area) == f"[{area.name_en}]"


def test_a_form_choice_shows_its_label() -> None:
    field = forms.ChoiceField(choices=[("a", "Apple"), ("b", "Banana")])
    assert display_value(field, "fruit", "b") == "Banana"
    assert display_value(field, "fruit", ["a", "b"]) == "Apple, Banana"


def test_an_amount_of_a_record_shows_with_the_records_currency() -> None:
    figures = EntityFigures(turnover=Decimal("1500.00"), currency="KHR")
    assert display_field(figures, "turnover") == "1,500 KHR"
    assert display_field(figures, "assets") == NOT_GIVEN


def test_templates_show_a_field_the_same_way() -> None:
    page = Template('{% load values %}{{ record|shown:"sse_type" }}')
    assert page.render(Context({"record": Entity(sse_type="COOP")})) == "Cooperative"
    assert page.render(Context({"record": Entity(sse_type="")})) == NOT_GIVEN


def test_an_amount_kept_by_the_history_shows_grouped_with_its_years_currency() -> None:
    rows = display_changes(
        Entity,
        {"2024 turnover": [None, "1250000.00"], "2024 currency": [None, "THB"]},
    )

    assert ("2024: Turnover", None, "1,250,000 THB") in rows


def test_a_date_kept_by_the_history_shows_as_the_record_page_shows_it() -> None:
    with translation.override("en"):
        from_history = display_value(Entity, "consent_date", "2025-10-07")
        on_the_page = display_value(Entity, "consent_date", datetime.date(2025, 10, 7))

    assert from_history == on_the_page == "2025-10-07"


def test_an_amount_in_thai_is_grouped_the_thai_way() -> None:
    with translation.override("th"):
        shown = display_value(EntityFigures, "turnover", Decimal("1250000.00"))

    assert "1250000" not in shown.replace(" ", "")
    assert ".00" not in shown
