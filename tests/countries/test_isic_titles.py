"""ISIC section, division and class titles in the reader's language, as the catalogue
translates them; a class is shown with its division."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from countries.models import IsicCode
from countries.reference_data import ISIC_CLASSES, ISIC_DIVISIONS, ISIC_SECTIONS
from surveys.display import display_value
from surveys.models import Entity
from surveys.reports.dimensions import SECTION
from tests.surveys.review.test_workflow import submitted_entity

pytestmark = pytest.mark.django_db

CROPS = "Crop and animal production, hunting and related service activities"
CROPS_KM = "ផលិតកម្មដំណាំ និងសត្វ ការបរបាញ់ និងសកម្មភាពសេវាកម្មពាក់ព័ន្ធ"
CEREALS = "Growing of cereals (except rice), leguminous crops and oil seeds"
CEREALS_KM = "ការដាំដុះធញ្ញជាតិ (លើកលែងស្រូវ) ដំណាំសណ្ដែក និងគ្រាប់ប្រេង"
AGRICULTURE = "Agriculture, forestry and fishing"
AGRICULTURE_KM = "កសិកម្ម ព្រៃឈើ និងនេសាទ"

Entries = Callable[[str, dict[str, str]], None]


@pytest.fixture
def khmer_titles(catalogue_entries: Entries) -> None:
    catalogue_entries(
        "km", {CROPS: CROPS_KM, AGRICULTURE: AGRICULTURE_KM, CEREALS: CEREALS_KM}
    )


def reading(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_every_section_division_and_class_title_is_shown_as_the_catalogue_has_it(
    catalogue_entries: Entries,
) -> None:
    seeds = [*ISIC_SECTIONS, *ISIC_DIVISIONS, *ISIC_CLASSES]
    assert len(seeds) == 21 + 88 + 419
    catalogue_entries("ru", {seed.title: f"ru:{seed.title}" for seed in seeds})
    with translation.override("ru"):
        for seed in seeds:
            assert str(IsicCode(code=seed.code, title=seed.title)) == (
                f"{seed.code} ru:{seed.title}"
            )


def test_the_entity_form_lists_the_divisions_in_khmer(
    kh_consultant: User, khmer_titles: None
) -> None:
    page = reading(kh_consultant, "km").get(reverse("entity-create", args=["KH"]))

    text = page.content.decode()
    assert f">01 {CROPS_KM}</option>" in text
    assert CROPS not in text
    assert f"0111 {CEREALS_KM}" in text
    assert CEREALS not in text


def test_a_class_is_shown_with_its_division_in_khmer(khmer_titles: None) -> None:
    with translation.override("km"):
        shown = display_value(Entity, "main_activity", IsicCode.objects.get(pk="0111"))
    assert shown == f"0111 {CEREALS_KM} (01 {CROPS_KM})"


def test_the_entity_page_gives_the_division_in_khmer(
    kh_consultant: User, khmer_titles: None
) -> None:
    entity = submitted_entity(kh_consultant)
    assert entity.main_activity_id == "01"

    page = reading(kh_consultant, "km").get(reverse("entity-detail", args=[entity.pk]))

    assert f"01 {CROPS_KM}" in page.content.decode()


def test_the_reports_sector_table_names_the_sections_in_khmer(
    khmer_titles: None,
) -> None:
    values = {"section": "A", "section_title": AGRICULTURE}
    with translation.override("km"):
        assert SECTION.label(values) == f"A {AGRICULTURE_KM}"
    with translation.override("en"):
        assert SECTION.label(values) == f"A {AGRICULTURE}"
