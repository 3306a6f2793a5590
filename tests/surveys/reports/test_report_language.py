"""Reports in the national language: the compile form offers the country's language(s)
and English, the document is written and tagged in the language chosen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from countries.models import Country
from sse_mapping.exceptions import ApplicationError
from surveys.models import Report
from surveys.reports import services as reports_services
from surveys.reports.country import SHEET_NAMES
from surveys.reports.dimensions import AREA
from surveys.reports.jobs import stored_file
from tests.surveys.reports.test_report_pages import client_for, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path
    return tmp_path


def offered(client: Client, url: str) -> list[str]:
    page = client.get(url).content.decode()
    form = page.split('name="language"', 1)[1]
    form = form.split("</select>", 1)[0]
    return re.findall(r'<option value="([a-z]+)"', form)


def test_the_compile_form_offers_the_countrys_languages_and_english(
    kh_committee: User, make_persona: Any
) -> None:
    assert offered(client_for(kh_committee), reverse("report-list", args=["KH"])) == [
        "km",
        "en",
    ]
    kg_committee = make_persona("kg-committee", "KG", "committee")
    assert offered(client_for(kg_committee), reverse("report-list", args=["KG"])) == [
        "ky",
        "ru",
        "en",
    ]


def test_staff_may_choose_any_language_and_the_regional_report_stays_english(
    staff: User,
) -> None:
    choices = offered(client_for(staff), reverse("report-list", args=["MN"]))
    assert choices[:2] == ["mn", "en"] and set(choices) == {
        "en",
        "km",
        "ky",
        "ru",
        "mn",
        "th",
        "vi",
    }
    page = client_for(staff).get(reverse("report-regional")).content.decode()
    assert '<option value="en" lang="en" selected>' in page


def test_a_committee_cannot_compile_in_another_countrys_language(
    kh_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    with pytest.raises(ApplicationError) as refused:
        reports_services.report_compile_request(
            by=kh_committee, country=Country.objects.get(pk="KH"), language="th"
        )
    assert "language" in refused.value.field_errors
    response = client_for(kh_committee).post(
        reverse("report-list", args=["KH"]), {"language": "th"}, follow=True
    )
    assert not Report.objects.exists()
    assert "ភាសាខ្មែរ" in response.content.decode()


def test_the_khmer_report_is_written_and_tagged_in_khmer(
    kh_committee: User, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    """Needs the Khmer catalogue translated: the headings come back from the PDF as
    the catalogue writes them."""
    with django_capture_on_commit_callbacks(execute=True):
        client_for(kh_committee).post(
            reverse("report-list", args=["KH"]), {"language": "km"}
        )
    report = Report.objects.get()
    assert (report.language, report.status) == ("km", "done"), report.error
    html_file = stored_file(report, "html")
    assert html_file is not None
    assert '<html lang="km">' in html_file.read_text(encoding="utf-8")
    titles = [section["title"] for section in report.tables["sections"]]
    assert titles
    pdf_file = stored_file(report, "pdf")
    assert pdf_file is not None
    text = " ".join(pdf_text(pdf_file.read_bytes(), tmp_path).split())
    with translation.override("km"):
        contents = translation.gettext("Contents")
    assert contents != "Contents", "the Khmer catalogue is not translated"
    assert contents in text
    for title in titles[:4]:
        assert " ".join(title.split()) in text


def test_the_api_queues_a_report_in_a_language_and_refuses_an_unknown_one(
    staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.api.helpers import token_client

    api = token_client(staff)
    refused = api.post(
        "/api/v1/reports/", {"country": "KG", "language": "xx"}, format="json"
    )
    assert refused.status_code == 400
    assert "language" in refused.json()["errors"]
    assert not Report.objects.exists()
    with django_capture_on_commit_callbacks(execute=False):
        queued = api.post(
            "/api/v1/reports/", {"country": "KG", "language": "ru"}, format="json"
        )
    assert queued.status_code == 202
    assert queued.json()["language"] == "ru"
    assert Report.objects.get().language == "ru"


def test_names_in_the_report_carry_the_language_of_their_script() -> None:
    from surveys.reports.render import html_document
    from tests.surveys.reports.test_pdf_text import small_report

    meta = {
        "language": "ru",
        "subtitle_language": "mn",
        "title": "Report",
        "subtitle": "Өвөрхангай",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    document = html_document(small_report(), meta)
    assert '<html lang="ru">' in document
    assert '<p class="report-subtitle local-script" lang="mn">' in document
    assert 'lang="th">ลำปาง</th>' in document
    assert 'lang="km">ក្រចេះ</th>' in document
    assert 'lang="vi">Hợp tác xã Phú Mỹ</th>' in document
    assert 'lang="mn">Өвөрхангай</th>' in document


def test_a_russian_report_names_kyrgyz_areas_in_russian() -> None:
    values = {
        "area_key": 1,
        "area_en": "Bishkek",
        "area_local": "Бишкек шаары",
        "area_ru": "город Бишкек",
    }
    with translation.override("ru"):
        assert AREA.label(values) == "город Бишкек"
    with translation.override("en"):
        assert AREA.label(values) == "Bishkek (Бишкек шаары)"


def test_the_workbooks_sheet_names_are_catalogue_messages() -> None:
    with translation.override("ru"):
        names = {key: str(name) for key, name in SHEET_NAMES.items()}
    for key, english in SHEET_NAMES.items():
        with translation.override("en"):
            assert names[key] != str(english), f"{key}: {english} has no translation"
