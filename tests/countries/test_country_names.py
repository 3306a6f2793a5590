"""Country names in the reader's language: its own name for a reader of the country's
language, the catalogue's translation of the English name for any other reader."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from countries.models import Country
from countries.names import country_name

pytestmark = pytest.mark.django_db


def reading(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_a_khmer_page_names_cambodia_in_khmer(kh_consultant: User) -> None:
    page = reading(kh_consultant, "km").get(reverse("entity-list", args=["KH"]))
    text = page.content.decode()
    assert "កម្ពុជា" in text.split("<title>")[1].split("</title>")[0]
    assert "Cambodia" not in text


def test_an_english_page_names_cambodia_in_english(kh_consultant: User) -> None:
    page = reading(kh_consultant, "en").get(reverse("entity-list", args=["KH"]))
    assert "Cambodia" in page.content.decode()


def test_a_reader_of_another_language_gets_the_catalogues_name(
    staff: User, catalogue_entries: Callable[[str, dict[str, str]], None]
) -> None:
    catalogue_entries("th", {"Cambodia": "กัมพูชา", "Mongolia": "มองโกเลีย"})
    page = reading(staff, "th").get(reverse("country-list")).content.decode()
    assert "กัมพูชา" in page
    assert "มองโกเลีย" in page
    assert ">Cambodia<" not in page


def test_a_country_reads_as_its_name_in_the_active_language(
    reference_data: None,
) -> None:
    mongolia = Country.objects.get(pk="MN")
    assert country_name(mongolia, "mn") == "Монгол Улс"
    assert country_name(mongolia, "en") == "Mongolia"
    with translation.override("mn"):
        assert str(mongolia) == "Монгол Улс"
