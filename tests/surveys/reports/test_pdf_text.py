"""Names copied from or searched in a report PDF come back as they were written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from countries.models import AdminArea, Country
from surveys.reports.chart_drawing import FONT
from surveys.reports.country import Scope, country_tables
from surveys.reports.render import html_document, write_pdf
from surveys.reports.tables import (
    INT,
    NAME,
    TEXT,
    basis,
    column,
    number_tables,
    row,
    section,
    table,
)
from tests.surveys.reports.test_reports import (
    add_figures,
    assess,
    make_entity,
    validate,
)

# Thai SARA AM (ำ) beside SARA AA (า); Khmer subscripts (្ត, ្រ) and pre-base vowels
# (េ, ៀ); stacked Vietnamese accents; Mongolian Cyrillic.
NAMES = {
    "TH": ["ลำปาง", "น้ำพุ", "วิสาหกิจชุมชนทำนาบ้านป่าซาง"],
    "KH": ["ខេត្តសៀមរាប", "ក្រចេះ", "សហគមន៍កសិកម្មភូមិថ្មី"],
    "VN": ["Hợp tác xã Phú Mỹ", "Quảng Ngãi", "ệ ặ ữ"],
    "MN": ["Өвөрхангай", "Үйлдвэрлэл"],
}
EVERY_NAME = [name for names in NAMES.values() for name in names]
NAME_IDS = [f"{code}-{i}" for code, names in NAMES.items() for i in range(len(names))]


def pdftotext(pdf: Path, *options: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    text = subprocess.run(
        ["pdftotext", *options, str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return " ".join(text.split())


def small_report() -> dict[str, Any]:
    """A report of the shape the engine compiles: names as entity names (one per
    cell, and several in one cell), as areas and in running text."""
    entities = table(
        "entities",
        "Entities",
        [column("Entity", NAME), column("Area", NAME), column("Members", INT)],
        [
            row([name, f"Area of {name}", number])
            for number, name in enumerate(EVERY_NAME, start=1)
        ],
        basis=basis(
            n=len(EVERY_NAME), population="entities", reference="2024", sources="test"
        ),
    )
    by_country = table(
        "by_country",
        "Names by country",
        [column("Country", TEXT), column("Names", NAME), column("Said as", TEXT)],
        [
            row([code, names, "; ".join(f"the name “{name}”" for name in names)])
            for code, names in NAMES.items()
        ],
        basis=basis(n=4, population="countries", reference="2024", sources="test"),
    )
    sections = [
        section("entities", "Entities", [entities]),
        section("countries", f"Countries: {', '.join(NAMES['MN'])}", [by_country]),
    ]
    number_tables(sections, {})
    return {"sections": sections, "method": [" ".join(EVERY_NAME)], "charts": {}}


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    meta = {
        "title": "Country mapping report: ลำปาง and ខេត្តសៀមរាប",
        "subtitle": "Quảng Ngãi · Өвөрхангай",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    path = tmp_path_factory.mktemp("pdf_text") / "report.pdf"
    write_pdf(html_document(small_report(), meta), path)
    return path


@pytest.mark.parametrize("name", EVERY_NAME, ids=NAME_IDS)
@pytest.mark.parametrize("options", [(), ("-raw",)], ids=["reading-order", "raw"])
def test_each_name_copies_out_of_the_pdf_as_written(
    report_pdf: Path, name: str, options: tuple[str, ...]
) -> None:
    text = pdftotext(report_pdf, *options)
    # Every place the name is drawn gives it back: table cell, list cell, running
    # text, contents and headings.
    assert text.count(name) >= 3, re.findall(rf"\S*{re.escape(name[:2])}\S*", text)


def test_no_character_is_read_as_another(report_pdf: Path) -> None:
    text = pdftotext(report_pdf)
    assert "ลาปาง" not in text and "ปำ" not in text
    assert "Area of ลำปาง" in text
    assert "Area of ក្រចេះ" in text


@pytest.mark.django_db
def test_a_compiled_thai_report_gives_back_its_province_as_written(
    th_consultant: User, tmp_path: Path
) -> None:
    entity = make_entity(
        th_consultant,
        "TH",
        name_en="Lampang rice growers",
        name_local="วิสาหกิจชุมชนทำนาลำปาง",
        sse_type="CE",
        area=AdminArea.objects.get(code="TH-52"),
    )
    add_figures(
        entity, th_consultant, 2024, members_total=9, members_women=5, members_men=4
    )
    assess(entity, th_consultant)
    validate(entity)
    tables = country_tables(Scope(Country.objects.get(pk="TH"), timezone.now()))
    meta = {
        "title": "Country mapping report: Thailand",
        "subtitle": "ประเทศไทย",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    path = tmp_path / "report.pdf"
    write_pdf(html_document(tables, meta), path)
    text = pdftotext(path)
    assert "Lampang (ลำปาง)" in text
    assert "ประเทศไทย" in text


def text_runs(content: pikepdf.Object) -> int:
    """How many separately placed runs of text a page or form draws, with the forms
    it draws."""
    runs = sum(
        str(instruction.operator) in ("Tj", "TJ", "'", '"')
        for instruction in pikepdf.parse_content_stream(content)
    )
    forms: Any = content.get("/Resources", {}).get("/XObject", {})
    return runs + sum(
        text_runs(form) for form in forms.values() if form.get("/Subtype") == "/Form"
    )


def drawn_runs(body: str, path: Path) -> int:
    write_pdf(
        f'<!doctype html><html lang="en"><head><title>Chart</title></head>'
        f"<body>{body}</body></html>",
        path,
    )
    with pikepdf.open(path) as pdf:
        return text_runs(pdf.pages[0].obj)


@pytest.mark.parametrize("label", ["สหกรณ์ออมทรัพย์", "សហគមន៍កសិកម្ម"])
def test_a_chart_label_in_thai_or_khmer_is_shaped_as_in_the_page(
    tmp_path: Path, label: str
) -> None:
    # Drawn a character at a time, each vowel and tone mark would stand alone on a
    # dotted circle, in a run of its own: the label is laid out whole, as the same
    # text is in a paragraph.
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40" '
        f'font-family="{FONT}"><text x="10" y="20">{label}</text></svg>'
    )
    paragraph = f'<p style="font-family: {FONT}; font-size: 11px">{label}</p>'
    in_chart = drawn_runs(svg, tmp_path / "chart.pdf")
    assert in_chart == drawn_runs(paragraph, tmp_path / "page.pdf")
    assert label in pdftotext(tmp_path / "chart.pdf")
