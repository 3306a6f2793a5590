"""Exchange rates as reference data: loaded with their source, kept when corrected."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from countries.models import Country, ExchangeRate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

YEARS = list(range(2020, 2026))


def load() -> str:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def test_every_study_currency_has_an_annual_rate_with_its_source(db: None) -> None:
    load()
    currencies = set(Country.objects.values_list("currency", flat=True))
    assert currencies == {"KHR", "KGS", "MNT", "THB", "VND"}
    for currency in currencies:
        rates = ExchangeRate.objects.filter(currency=currency).order_by("year")
        assert [r.year for r in rates] == YEARS
        assert all(r.units_per_usd > 0 for r in rates)
        assert all("PA.NUS.FCRF" in r.source for r in rates if r.year <= 2024)
    # Annual averages, about what a reader of the period expects.
    thb = ExchangeRate.objects.get(currency="THB", year=2024).units_per_usd
    assert Decimal(30) < thb < Decimal(40)
    vnd = ExchangeRate.objects.get(currency="VND", year=2023).units_per_usd
    assert Decimal(23_000) < vnd < Decimal(25_000)


def test_loading_again_adds_nothing_and_keeps_a_corrected_rate(db: None) -> None:
    load()
    ExchangeRate.objects.filter(currency="KGS", year=2024).update(
        units_per_usd=Decimal("87.5"), source="National Bank of the Kyrgyz Republic"
    )
    ExchangeRate.objects.filter(currency="MNT", year=2020).delete()
    summary = load()
    assert ExchangeRate.objects.count() == 5 * len(YEARS)
    corrected = ExchangeRate.objects.get(currency="KGS", year=2024)
    assert (corrected.units_per_usd, corrected.source) == (
        Decimal("87.5"),
        "National Bank of the Kyrgyz Republic",
    )
    assert ExchangeRate.objects.filter(currency="MNT", year=2020).exists()
    assert "Exchange rates: 30" in summary


def test_staff_correct_a_rate_in_the_admin(db: None) -> None:
    load()
    rate = ExchangeRate.objects.get(currency="THB", year=2024)
    client = Client()
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:countries_exchangerate_change", args=[rate.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "currency": "THB",
            "year": 2024,
            "units_per_usd": "35.0000",
            "source": "Bank of Thailand, annual average",
        },
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.units_per_usd, rate.source) == (
        Decimal("35.0000"),
        "Bank of Thailand, annual average",
    )
    refused = client.post(
        url,
        {"currency": "THB", "year": 2024, "units_per_usd": "0", "source": "x"},
    )
    assert refused.status_code == 200
    rate.refresh_from_db()
    assert rate.units_per_usd == Decimal("35.0000")
