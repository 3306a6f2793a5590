"""Each language, the main pages of the three journeys with no English interface text
left: recording an entity, reviewing it, reading the report.

Runs against the catalogues in locale/: it passes once the translations are merged
(a message still in English on one of these pages is what it reports).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from countries.preferences import profile_update
from surveys.models import Report
from surveys.review import workflow
from tests.catalogues import (
    LANGUAGES,
    english_left,
    english_patterns,
    read_po,
)
from tests.surveys.review.test_workflow import submitted_entity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path
    return tmp_path


def patterns_for(language: str) -> list[Any]:
    # The catalogue the pages are translated with (settings.LOCALE_PATHS), so that the
    # check reads the same messages the page was rendered from.
    po = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    return english_patterns(read_po(po))


def in_language(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_three_journeys_show_no_english_interface_text(
    language: str,
    kh_consultant: User,
    kh_committee: User,
    staff: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Recorded by a consultant working in the language: the reasons for its
    # classification are stored as written then.
    with translation.override(language):
        entity = submitted_entity(kh_consultant)
    with django_capture_on_commit_callbacks(execute=True):
        in_language(staff, language).post(
            reverse("report-list", args=["KH"]), {"language": language}
        )
    report = Report.objects.get()
    assert report.status == "done", report.error
    pages = {
        "entity list": (kh_consultant, reverse("entity-list", args=["KH"])),
        "entity form": (kh_consultant, reverse("entity-create", args=["KH"])),
        "review queue": (kh_committee, reverse("review-queue", args=["KH"])),
        "review page": (
            kh_committee,
            reverse("record-review", args=["entity", entity.pk]),
        ),
        "report list": (kh_committee, reverse("report-list", args=["KH"])),
        "report page": (kh_committee, reverse("report-detail", args=[report.pk])),
    }
    patterns = patterns_for(language)
    left: dict[str, list[str]] = {}
    for name, (user, url) in pages.items():
        response = in_language(user, language).get(url)
        assert response.status_code == 200, (name, response.status_code)
        page = response.content.decode()
        assert f'<html lang="{language}">' in page
        found = english_left(page, patterns)
        if found:
            left[name] = sorted(found)
    assert not left, f"English left in {language}: {left}"


def test_a_reader_of_thai_gets_the_decision_email_in_thai(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    profile_update(user=kh_consultant, language="th")
    entity = submitted_entity(kh_consultant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.review_decide(
            record=entity, by=kh_committee, decision="return", comment="ขาดข้อมูล"
        )
    (message,) = mail.outbox
    with translation.override("th"):
        record = translation.gettext("Record")
        subject = translation.gettext("[SSE Mapping] %(record)s is now %(state)s")
    assert record != "Record", "the Thai catalogue is not translated"
    assert f"{record}: {entity}" in message.body
    assert message.subject.startswith(subject.split("%(")[0])
    assert "ขาดข้อมูล" in message.body
