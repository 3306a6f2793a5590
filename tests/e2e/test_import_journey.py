"""A Thai consultant takes the platform's survey form to the field and brings the
answers back, in real Chromium: the XLSForm downloaded, a KoboToolbox export of it
uploaded with no mapping, checked, imported, and the entities found on the list."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from surveys.models import Entity, EntityFigures
from tests.e2e.test_map_journey import log_in
from tests.surveys.imports.test_bulk_decisions import known_twice
from tests.surveys.imports.test_imports import private_files
from tests.surveys.imports.test_xlsform import form_questions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
__all__ = ["private_files"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

ANSWERS = [
    {
        "name_local": "วิสาหกิจชุมชนทอผ้าบ้านไร่",
        "name_en": "Ban Rai Weaving Community Enterprise",
        "sse_type": "CE",
        "legal_form": "TH_CE",
        "area": "TH-50",
        "main_activity": "1312",
        "target_groups": "WOMEN ELDERLY",
        "consent_given": "yes",
        "reference_year": "2025",
        "members_total": "42",
        "members_women": "38",
        "members_men": "4",
        "gps": "18.7883 98.9853 310 6.5",
    },
    {
        "name_en": "Mae Taeng Organic Rice Cooperative",
        "sse_type": "COOP",
        "legal_form": "TH_COOP",
        "area": "TH-50",
        "main_activity": "0112",
        "target_groups": "SMALL_FARMERS",
        "consent_given": "no",
        "reference_year": "2025",
        "members_total": "120",
        "members_women": "55",
        "members_men": "65",
        "gps": "19.1210 98.9420 0 2400",
    },
]


def screenshots(page: Page, name: str) -> None:
    for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.screenshot(
            path=f"var/screenshots/import-{name}-{label}.png", full_page=True
        )
    page.set_viewport_size(DESKTOP)


def kobo_export(form: bytes) -> bytes:
    """The submissions as KoboToolbox exports them: groups joined by '/', the
    geopoint and its split columns, select_multiple answers separated by spaces."""
    headers: list[str] = []
    rows: list[list[str]] = [[] for _answers in ANSWERS]
    for group, name, kind in form_questions(form):
        headers.append(f"{group}/{name}" if group else name)
        for answers, cells in zip(ANSWERS, rows, strict=True):
            cells.append(answers.get(name, ""))
        if kind == "geopoint":
            for index, part in enumerate(("latitude", "longitude", "altitude")):
                headers.append(f"_{name}_{part}")
                for answers, cells in zip(ANSWERS, rows, strict=True):
                    cells.append(answers["gps"].split()[index])
    headers += ["_id", "_uuid", "_submission_time", "_validation_status"]
    for number, cells in enumerate(rows, start=1):
        cells += [str(number), f"th-field-{number}", "2025-04-02T03:00:00", ""]
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headers)
    writer.writerows(rows)
    return output.getvalue().encode()


def test_a_consultant_collects_with_the_survey_form_and_imports_the_export(
    page: Page, live_server: object, th_consultant: User, tmp_path: Path
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "th-consultant")

    page.goto(f"{base}/countries/TH/imports/")
    screenshots(page, "upload")
    with page.expect_download() as downloading:
        page.get_by_test_id("survey-form-download").click()
    download = downloading.value
    assert download.suggested_filename == "sse_entities_th.xlsx"
    form = Path(download.path()).read_bytes()

    export = tmp_path / "sse_entities_th_-_all_versions_-_English_-_2025-04-02.csv"
    export.write_bytes(kobo_export(form))
    page.locator("input[name=file]").set_input_files(str(export))
    page.get_by_label("Kind of file").select_option("kobo")
    page.get_by_test_id("import-upload").click()

    expect(page.get_by_test_id("import-stage")).to_have_text("Checked: ready to import")
    expect(page.get_by_test_id("import-summary")).to_contain_text(
        "Confirming will create 2 entities"
    )
    screenshots(page, "checked")
    page.get_by_test_id("import-confirm").click()

    expect(page.get_by_test_id("import-stage")).to_have_text("Imported")
    expect(page.get_by_test_id("import-summary")).to_contain_text("2 entities created")
    screenshots(page, "imported")
    page.get_by_role("link", name="See the drafts").click()
    expect(page.locator("main")).to_contain_text("Ban Rai Weaving Community Enterprise")
    expect(page.locator("main")).to_contain_text("Mae Taeng Organic Rice Cooperative")
    screenshots(page, "entities")

    weavers = Entity.objects.get(name_en="Ban Rai Weaving Community Enterprise")
    assert weavers.name_local == "วิสาหกิจชุมชนทอผ้าบ้านไร่"
    assert (weavers.sse_type, weavers.legal_form.code) == ("CE", "TH_CE")  # type: ignore[union-attr]
    assert weavers.target_groups == ["WOMEN", "ELDERLY"]
    assert (weavers.geo_precision, weavers.external_id) == ("EXACT", "th-field-1")
    figures = EntityFigures.objects.get(entity=weavers)
    assert (figures.members_women, figures.members_men) == (38, 4)
    rice = Entity.objects.get(name_en="Mae Taeng Organic Rice Cooperative")
    assert rice.geo_precision == "VILLAGE"


def test_a_consultant_decides_in_bulk_with_exceptions_on_two_pages(
    page: Page, live_server: object, kh_consultant: User, private_files: Path
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    job = known_twice(kh_consultant, locality="Kep")
    first, later = job.duplicates[0], job.duplicates[52]
    page.set_viewport_size(DESKTOP)
    log_in(page, base, "kh-consultant")

    page.goto(f"{base}/imports/{job.pk}/")
    page.get_by_label(
        "Update all known: each row updates the one record it matches"
    ).check()
    page.locator(f"input[name='decision-{first['id']}'][value=create]").check()
    page.get_by_test_id("decision-next").click()

    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(
        page.get_by_label(
            "Update all known: each row updates the one record it matches"
        )
    ).to_be_checked()
    page.locator(f"input[name='decision-{later['id']}'][value=skip]").check()
    screenshots(page, "decisions")
    page.get_by_test_id("import-confirm").click()

    expect(page.get_by_test_id("import-stage")).to_have_text("Imported")
    expect(page.get_by_test_id("import-summary")).to_contain_text(
        "1 entities created, 53 updated, 1 unchanged or skipped"
    )
