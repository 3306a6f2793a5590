"""The platform's XLSForm of its entity questionnaire: valid for pyxform, in English and
the country's languages, and its KoboToolbox and ODK Central exports import with no
mapping to set up."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pyxform import xls2xform

from countries.models import Country
from surveys.imports.xlsform import xlsform
from surveys.models import Entity, EntityFigures, ImportJob
from tests.surveys.imports.test_imports import (  # noqa: F401
    confirm,
    private_files,
    problems,
    upload,
)

pytestmark = pytest.mark.django_db


def form_questions(content: bytes) -> list[tuple[str, str, str]]:
    """(group path, name, type) of each question of the form, as the tools see it."""
    sheet = openpyxl.load_workbook(io.BytesIO(content))["survey"]
    rows = sheet.iter_rows(values_only=True)
    headers = list(next(rows))
    groups: list[str] = []
    questions = []
    for values in rows:
        cells = dict(zip(headers, values, strict=False))
        kind, name = str(cells["type"] or ""), str(cells["name"] or "")
        if kind == "begin_group":
            groups.append(name)
        elif kind == "end_group":
            groups.pop()
        elif kind:
            questions.append(("/".join(groups), name, kind))
    return questions


@pytest.fixture
def kh_form(reference_data: None) -> bytes:
    return xlsform(Country.objects.get(code="KH"))


def test_the_form_converts_to_an_xform_with_pyxform_without_errors(
    kh_form: bytes,
) -> None:
    warnings: list[str] = []

    result = xls2xform.convert(
        xlsform=io.BytesIO(kh_form), file_type=".xlsx", warnings=warnings
    )

    xform = result.xform
    assert 'id="sse_entities_kh"' in xform
    assert "<gps/>" in xform
    # Women and men within the total, non-negative numbers, years in range.
    assert "/data/figures/members_women" in xform
    assert ". + coalesce( /data/figures/members_women , 0) &lt;=" in xform
    assert 'constraint=". &gt;= 0"' in xform
    assert "format-date(today(), '%Y')" in xform
    assert warnings == [], warnings


@pytest.mark.parametrize("code", ["KG", "MN", "TH", "VN"])
def test_every_countrys_form_converts_with_its_languages(
    code: str, reference_data: None
) -> None:
    content = xlsform(Country.objects.get(code=code))

    xform = xls2xform.convert(xlsform=io.BytesIO(content), file_type=".xlsx").xform

    assert 'lang="English (en)"' in xform
    sheet = openpyxl.load_workbook(io.BytesIO(content))["survey"]
    labels = [c.value for c in sheet[1] if str(c.value).startswith("label::")]
    expected = {"KG": 3}.get(code, 2)
    assert len(labels) == expected, labels


def test_labels_come_in_english_and_khmer_with_the_platforms_codes_as_choices(
    kh_form: bytes,
) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(kh_form))
    choices = list(workbook["choices"].iter_rows(values_only=True))
    header = list(choices[0])

    assert header == ["list_name", "name", "label::English (en)", "label::Khmer (km)"]
    by_list: dict[str, dict[str, tuple[str, str]]] = {}
    for list_name, name, english, khmer in choices[1:]:
        by_list.setdefault(list_name, {})[name] = (english, khmer)
    assert by_list["SseType"]["COOP"][0] == "Cooperative"
    assert by_list["SseType"]["COOP"][1] not in ("", "Cooperative")
    assert "KH-7" in by_list["area"]
    assert "KH_AC" in by_list["legal_form"]
    assert {"01", "0111"} <= set(by_list["isic"])
    assert set(by_list["yes_no"]) == {"yes", "no"}
    survey = [list(r) for r in workbook["survey"].iter_rows(values_only=True)]
    names = {r[1]: dict(zip(survey[0], r, strict=False)) for r in survey[1:]}
    assert names["sse_type"]["required"] == "yes"
    assert names["members_women"]["label::English (en)"] == "Members: women"
    assert names["members_women"]["label::Khmer (km)"] != "Members: women"


# --- Exports of the form, as each tool writes them -------------------------------------

ANSWERS: list[dict[str, str]] = [
    {
        "name_en": "Kampot Salt Producers",
        "name_local": "សហគមន៍អំបិលកំពត",
        "sse_type": "COOP",
        "coop_member_type": "PRODUCER",
        "legal_form": "KH_AC",
        "registration_status": "REG_SSE_LAW",
        "year_established": "2010",
        "area": "KH-7",
        "other_areas": "KH-21 KH-3",
        "main_activity": "0893",
        "other_activities": "0111 10",
        "target_groups": "WOMEN YOUTH",
        "consent_level": "FIGURES",
        "consent_by": "Board chair",
        "consent_date": "2024-05-02",
        "reference_year": "2024",
        "members_total": "60",
        "members_women": "35",
        "members_men": "25",
        "board_total": "5",
        "board_women": "3",
        "board_men": "2",
        "chair_sex": "F",
        "currency": "KHR",
        "gps": "10.6104 104.1810 3.2 4.8",
    },
    {
        "name_en": "Takeo Women Weavers",
        "sse_type": "CE",
        "legal_form": "",
        "registration_status": "INFORMAL",
        "area": "KH-21",
        "main_activity": "1312",
        "target_groups": "WOMEN",
        "consent_level": "NONE",
        "reference_year": "2024",
        "members_total": "18",
        "members_women": "18",
        "members_men": "0",
        "gps": "10.9908 104.7852 12 1500",
    },
]


def _kobo_export(content: bytes) -> bytes:
    headers: list[str] = []
    answer_of: list[Any] = []
    for group, name, kind in form_questions(content):
        path = f"{group}/{name}" if group else name
        headers.append(path)
        answer_of.append(lambda a, name=name: a.get(name, ""))
        if kind == "geopoint":
            for index, part in enumerate(("latitude", "longitude", "altitude")):
                headers.append(f"_{name}_{part}")
                answer_of.append(lambda a, i=index: a.get("gps", "").split()[i])
            headers.append(f"_{name}_precision")
            answer_of.append(lambda a: a.get("gps", "").split()[3])
    tool = ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow([*headers, *tool])
    for number, answers in enumerate(ANSWERS, start=1):
        writer.writerow(
            [
                *(get(answers) for get in answer_of),
                str(100 + number),
                f"kobo-uuid-{number}",
                "2024-05-01T02:41:13",
                "validation_status_approved",
                str(number),
            ]
        )
    return output.getvalue().encode()


def _odk_export(content: bytes) -> bytes:
    headers = ["SubmissionDate"]
    answer_of: list[Any] = [lambda a: "2024-06-03T04:12:55.120Z"]
    for group, name, kind in form_questions(content):
        path = "-".join(p for p in (group.replace("/", "-"), name) if p)
        if kind == "geopoint":
            # ODK Central splits a geopoint into four columns.
            for index, part in enumerate(
                ("Latitude", "Longitude", "Altitude", "Accuracy")
            ):
                headers.append(f"{path}-{part}")
                answer_of.append(lambda a, i=index: a.get("gps", "").split()[i])
            continue
        headers.append(path)
        answer_of.append(lambda a, name=name: a.get(name, ""))
    tool = ["meta-instanceID", "KEY", "SubmitterID", "ReviewState", "FormVersion"]
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([*headers, *tool])
    for number, answers in enumerate(ANSWERS, start=1):
        key = f"uuid:odk-{number}"
        writer.writerow(
            [*(get(answers) for get in answer_of), key, key, "7", "approved", "1"]
        )
    return output.getvalue().encode()


def _assert_imported_completely(job: ImportJob) -> None:
    assert job.stage == ImportJob.Stage.IMPORTED, problems(job)
    assert job.created_count == len(ANSWERS)
    entities = {e.name_en: e for e in Entity.objects.all()}
    salt, weavers = entities["Kampot Salt Producers"], entities["Takeo Women Weavers"]
    assert salt.name_local == "សហគមន៍អំបិលកំពត"
    assert (salt.sse_type, weavers.sse_type) == ("COOP", "CE")
    assert salt.coop_member_type == "PRODUCER"
    assert salt.legal_form is not None and salt.legal_form.code == "KH_AC"
    assert salt.area is not None and salt.area.code == "KH-7"
    assert sorted(a.code for a in salt.other_areas.all()) == ["KH-21", "KH-3"]
    assert salt.main_activity_id in ("0893", "08")
    assert salt.other_activities == ["0111", "10"]
    assert salt.target_groups == ["WOMEN", "YOUTH"]
    assert (salt.consent_level, weavers.consent_level) == ("FIGURES", "NONE")
    assert (salt.latitude, salt.longitude) == (Decimal("10.6104"), Decimal("104.1810"))
    # The accuracy the device reported: 4.8 m on the spot, 1.5 km in the village.
    assert (salt.geo_precision, weavers.geo_precision) == ("EXACT", "VILLAGE")
    figures = EntityFigures.objects.get(entity=salt)
    assert figures.reference_year == 2024
    assert (figures.members_total, figures.members_women, figures.members_men) == (
        60,
        35,
        25,
    )
    assert (figures.board_women, figures.chair_sex, figures.currency) == (3, "F", "KHR")


def _as_workbook(content: bytes) -> bytes:
    """The same export as KoboToolbox's XLSX: numbers in number cells."""
    workbook = openpyxl.Workbook()
    for values in csv.reader(io.StringIO(content.decode()), delimiter=";"):
        workbook.active.append(
            [int(v) if v.isdigit() and not v.startswith("0") else v for v in values]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_kobo_export_of_the_form_imports_every_row_with_no_mapping(
    kh_consultant: User, kh_form: bytes, fmt: str
) -> None:
    content = _kobo_export(kh_form)
    if fmt == "xlsx":
        content = _as_workbook(content)

    job = upload(kh_consultant, content, name=f"kobo.{fmt}", kind="kobo")
    assert job.stage == ImportJob.Stage.READY, problems(job)

    _assert_imported_completely(confirm(kh_consultant, job))
    assert Entity.objects.get(name_en="Takeo Women Weavers").external_id == (
        "kobo-uuid-2"
    )


def test_an_odk_export_of_the_form_imports_every_row_with_no_mapping(
    kh_consultant: User, kh_form: bytes
) -> None:
    job = upload(kh_consultant, _odk_export(kh_form), name="odk.csv", kind="odk")
    assert job.stage == ImportJob.Stage.READY, problems(job)

    _assert_imported_completely(confirm(kh_consultant, job))


def test_an_export_of_the_form_uploaded_as_the_template_is_recognised(
    kh_consultant: User, kh_form: bytes
) -> None:
    job = upload(kh_consultant, _odk_export(kh_form), name="odk.csv")

    job = confirm(kh_consultant, job)

    _assert_imported_completely(job)
    assert job.kind == ImportJob.Kind.ODK
    again = confirm(kh_consultant, upload(kh_consultant, _odk_export(kh_form)))
    assert (again.created_count, again.skipped_count) == (0, len(ANSWERS))


def test_an_export_of_another_form_without_a_mapping_asks_for_one(
    kh_consultant: User,
) -> None:
    content = b"_uuid,org/org_name,org/org_type\nu-1,Kampot Salt,coop\n"

    job = upload(kh_consultant, content, kind="kobo")

    assert job.stage == ImportJob.Stage.INVALID
    assert "not an export of the platform's form" in " ".join(problems(job))
    assert not Entity.objects.exists()


def test_consultants_and_staff_download_the_form_of_their_country(
    client: Client,
    kh_consultant: User,
    th_consultant: User,
    kh_committee: User,
    staff: User,
) -> None:
    url = reverse("import-xlsform", args=["KH"])

    client.force_login(kh_consultant)
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="sse_entities_kh.xlsx"' in response["Content-Disposition"]
    assert form_questions(response.content)[0][1] == "name_local"
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.force_login(kh_committee)
    assert client.get(url).status_code == 403
    client.force_login(th_consultant)
    assert client.get(url).status_code == 404
