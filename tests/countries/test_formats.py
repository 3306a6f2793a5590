"""Dates, numbers and money in the reader's locale; years in the Buddhist Era for those
who chose it (stored dates stay Gregorian)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from countries.dates import buddhist_format, date_format
from countries.preferences import buddhist_era_active, profile_update
from surveys.display import display_value
from surveys.models import EntityFigures

DAY = datetime.date(2024, 5, 31)


@pytest.mark.parametrize(
    ("language", "short_date", "number"),
    [
        ("en", "2024-05-31", "1,234,567.5"),
        ("km", "31 ឧសភា 2024", "1.234.567,5"),
        ("ky", "31.05.2024", "1\xa0234\xa0567,5"),
        ("ru", "31.05.2024", "1\xa0234\xa0567,5"),
        ("mn", "2024.05.31", "1,234,567.5"),
        ("th", "31 พ.ค. 2024", "1,234,567.5"),
        ("vi", "31-05-2024", "1.234.567,5"),
    ],
)
def test_dates_and_numbers_follow_the_locale(
    language: str, short_date: str, number: str
) -> None:
    with translation.override(language):
        assert date_format(DAY) == short_date
        assert formats.number_format(Decimal("1234567.5"), use_l10n=True) == number


@pytest.mark.parametrize("language", ["km", "ky", "mn", "ru", "th", "vi"])
def test_a_moment_reads_on_the_24_hour_clock_outside_english(language: str) -> None:
    moment = datetime.datetime(2024, 5, 31, 15, 4, tzinfo=datetime.UTC)
    with translation.override(language):
        for name in ("DATETIME_FORMAT", "TIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            shown = formats.date_format(moment, name)
            assert "15:04" in shown
            assert not {"a.m.", "p.m.", "AM", "PM"} & set(shown.split())


def test_money_carries_the_currency_grouped_as_the_reader_groups() -> None:
    field = EntityFigures._meta.get_field("turnover")
    with translation.override("ru"):
        assert display_value(field, "turnover", Decimal("5000000"), currency="KGS") == (
            "5\xa0000\xa0000 KGS"
        )
    with translation.override("th"):
        assert display_value(field, "turnover", Decimal("5000000"), currency="THB") == (
            "5,000,000 THB"
        )


def test_a_buddhist_era_reader_sees_the_year_plus_543() -> None:
    assert buddhist_format("j M Y", 2024) == r"j M \2\5\6\7"
    assert buddhist_format(r"\Y y", 2024) == r"\Y \6\7"
    token = buddhist_era_active.set(True)
    try:
        with translation.override("th"):
            assert date_format(DAY) == "31 พ.ค. 2567"
            assert display_value(None, "date", DAY) == "31 พ.ค. 2567"
            shown = Template("{{ day|date:'DATE_FORMAT' }}|{{ day|date:'Y-m-d' }}")
            assert shown.render(Context({"day": DAY})) == "31 พฤษภาคม 2567|2567-05-31"
    finally:
        buddhist_era_active.reset(token)
    with translation.override("th"):
        assert date_format(DAY) == "31 พ.ค. 2024"


@pytest.mark.django_db
def test_the_buddhist_era_setting_applies_to_the_users_pages_only(
    th_consultant: User, th_committee: User
) -> None:
    from tests.surveys.reports.test_reports import make_entity

    entity = make_entity(th_consultant, "TH", name_en="Ban Suan")
    edited = timezone.localtime(entity.updated_at)
    gregorian = edited.strftime("%Y-%m-%d %H:%M")
    buddhist = f"{edited.year + 543}{gregorian[4:]}"
    profile_update(user=th_consultant, language="th", buddhist_era=True)
    reader = Client()
    reader.force_login(th_consultant)
    page = reader.get(reverse("entity-detail", args=[entity.pk])).content.decode()
    assert buddhist in page and gregorian not in page
    other = Client()
    other.force_login(th_committee)
    page = other.get(reverse("entity-detail", args=[entity.pk])).content.decode()
    assert gregorian in page and buddhist not in page
    # The machine-readable times stay Gregorian.
    assert f'datetime="{edited.year}-' in page


@pytest.mark.django_db
def test_the_digest_writes_dates_in_the_members_calendar(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from surveys.review.notifications import review_digest_send
    from tests.surveys.review.test_workflow import submitted_entity

    entity = submitted_entity(kh_consultant)
    profile_update(user=kh_committee, buddhist_era=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_digest_send()
    (message,) = mail.outbox
    assert entity.submitted_at is not None
    submitted = timezone.localtime(entity.submitted_at)
    assert f"{submitted.year + 543}-{submitted:%m-%d}" in message.body
