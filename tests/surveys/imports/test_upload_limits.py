"""Uploads limited before any work: the body size before it is read, an XLSX file's
expanded size and width before it is parsed."""

import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys.imports.reading import (
    MAX_COLUMNS,
    FileRefused,
    read_spreadsheet,
)
from surveys.models import ImportJob

pytestmark = pytest.mark.django_db


def _workbook(*rows: list[object]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def test_a_workbook_that_expands_hugely_is_refused_before_it_is_opened(
    tmp_path: object,
) -> None:
    path = tmp_path / "bomb.xlsx"  # type: ignore[operator]
    source = zipfile.ZipFile(io.BytesIO(_workbook(["name_en"], ["A"])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # Padding XML compresses to almost nothing.
                data = data + b" " * (210 * 1024 * 1024)
            bomb.writestr(item, data)
    assert path.stat().st_size < 1024 * 1024

    started = time.monotonic()
    with pytest.raises(FileRefused, match="expands to 210 MB"):
        read_spreadsheet(path)
    assert time.monotonic() - started < 2


def test_a_sheet_wider_than_an_import_reads_is_refused(tmp_path: object) -> None:
    path = tmp_path / "wide.xlsx"  # type: ignore[operator]
    path.write_bytes(_workbook([f"c{n}" for n in range(MAX_COLUMNS + 5)]))

    with pytest.raises(FileRefused, match="uses 205 columns"):
        read_spreadsheet(path)


def _stray_cell_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name_en", "area"])
    for n in range(2000):
        sheet.append([f"Cooperative {n}", "KH-7"])
    sheet.cell(row=3, column=16000).value = "x"
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def test_a_sheet_declaring_thousands_of_columns_is_refused_before_reading(
    tmp_path: object,
) -> None:
    path = tmp_path / "stray.xlsx"  # type: ignore[operator]
    path.write_bytes(_stray_cell_workbook())

    with pytest.raises(FileRefused, match="uses 16,000 columns"):
        read_spreadsheet(path)


def test_a_stray_cell_a_sheet_does_not_declare_does_not_widen_every_row(
    tmp_path: object,
) -> None:
    source = zipfile.ZipFile(io.BytesIO(_stray_cell_workbook()))
    path = tmp_path / "understated.xlsx"  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2001"', data
                )
            out.writestr(item, data)

    started = time.monotonic()
    read = read_spreadsheet(path)

    assert time.monotonic() - started < 5
    assert read.headers == ["name_en", "area"]
    assert len(read.rows) == 2000
    assert all(len(cells) == 2 for _number, cells in read.rows)


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(
    client: Client, kh_consultant: User, settings: object
) -> None:
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    client.force_login(kh_consultant)

    response = client.post(
        reverse("import-list", args=["KH"]),
        {"kind": "template", "file": io.BytesIO(b"x" * (2 * 1024 * 1024))},
    )

    assert response.status_code == 413
    assert "larger than the 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_api_answers_a_body_too_large_in_json(
    client: Client, kh_consultant: User, settings: object
) -> None:
    settings.MAX_REQUEST_BODY_BYTES = 1024  # type: ignore[attr-defined]
    client.force_login(kh_consultant)

    response = client.post(
        "/api/v1/entities/",
        {"country": "KH", "notes": "x" * 4096},
        content_type="application/json",
    )

    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
