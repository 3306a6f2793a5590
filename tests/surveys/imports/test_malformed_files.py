"""A corpus of malformed files: each is refused with a message saying what is wrong
and what to do, and nothing is written. A file's kind comes from its content."""

from __future__ import annotations

import codecs
import io
import struct
import time
import zipfile
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from surveys.models import Entity, ImportJob
from surveys.spreadsheet import TEMPLATE_COLUMNS
from tests.surveys.imports.legacy_xls import xls
from tests.surveys.imports.test_imports import (  # noqa: F401
    assert_refused,
    confirm,
    private_files,
    recorded,
    row,
    snapshot,
    template_csv,
    upload,
)

pytestmark = pytest.mark.django_db

HEADER = ",".join(c.name for c in TEMPLATE_COLUMNS)


@pytest.fixture
def before(recorded: list[Entity]) -> tuple[Any, ...]:  # noqa: F811
    return snapshot()


def _line(**values: Any) -> str:
    return template_csv(row(**values)).decode().split("\n", 1)[1].rstrip("\n")


def _workbook(*rows: list[object]) -> bytes:
    workbook = openpyxl.Workbook()
    for values in rows:
        workbook.active.append(values)
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def _template_workbook(name_en: str) -> bytes:
    names = [c.name for c in TEMPLATE_COLUMNS]
    values = row(name_en=name_en)
    return _workbook(names, [values.get(n, "") for n in names])


def test_an_unclosed_quote_is_refused_instead_of_swallowing_the_next_cells(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    good = _line(name_en="Bokor Rice")
    broken = _line(name_en="Kampot Pepper").replace(
        "Kampot Pepper", '"Kampot Pepper', 1
    )
    content = f"{HEADER}\n{good}\n{broken}\n{good}\n".encode()

    job = upload(kh_consultant, content)

    assert_refused(job, before, "malformed on line 3", "a quote")
    assert not Entity.objects.filter(name_en__contains="Bokor").exists()


def test_text_after_a_closing_quote_is_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    broken = _line(name_en="Kampot").replace("Kampot", '"Kampot" Pepper', 1)

    job = upload(kh_consultant, f"{HEADER}\n{broken}\n".encode())

    assert_refused(job, before, "malformed on line 2")


def test_a_row_with_more_cells_than_the_header_names_is_refused_with_its_line(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    content = f"{HEADER}\n{_line()}\n{_line(name_en='Extra')},surplus cell\n"

    job = upload(kh_consultant, content.encode())

    count = len(TEMPLATE_COLUMNS)
    assert_refused(
        job,
        before,
        f"Line 3 has {count + 1} cells but the first line names only {count}",
        "Put quotes around a cell",
    )


def test_a_row_with_fewer_cells_than_the_header_names_is_refused_with_its_line(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    short = _line().rsplit(",", 2)[0]

    job = upload(kh_consultant, f"{HEADER}\n{short}\n".encode())

    count = len(TEMPLATE_COLUMNS)
    assert_refused(
        job,
        before,
        f"Line 2 has {count - 2} cells but the first line names {count}",
        "give every column a cell",
    )


def test_a_row_spanning_lines_is_named_by_the_line_it_starts_on(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    spanning = _line(locality="Kampot\ntown")
    content = f"{HEADER}\n{spanning}\n{_line()},x\n"

    job = upload(kh_consultant, content.encode())

    assert_refused(job, before, "Line 4 has")


def test_trailing_empty_cells_left_by_a_spreadsheet_are_accepted(
    kh_consultant: User,
) -> None:
    content = f"{HEADER},,\n{_line()},,\n".encode()

    job = upload(kh_consultant, content)

    assert job.stage == ImportJob.Stage.READY, job.errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x10" * 50, "binary data"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "This is a PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a PNG file"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
            "old Excel 97–2003 (.xls) file cannot be read",
        ),
        (b"   \r\n\r\n", "The file is empty"),
    ],
    ids=["binary", "pdf", "png", "xls-ole2", "blank"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_whatever_its_name(
    kh_consultant: User, before: tuple[Any, ...], content: bytes, message: str
) -> None:
    job = upload(kh_consultant, content, name="entities.csv")

    assert_refused(job, before, message)


def test_a_zip_archive_that_is_not_a_workbook_is_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("photos/a.txt", "not a workbook")

    job = upload(kh_consultant, archive.getvalue(), name="entities.xlsx")

    assert_refused(job, before, "ZIP archive but not an XLSX workbook")


@pytest.mark.parametrize("name", ["entities.xls", "entities", "entities.csv"])
def test_a_workbook_under_another_name_is_read_as_a_workbook(
    kh_consultant: User, name: str
) -> None:
    job = upload(
        kh_consultant, _template_workbook("Mislabelled Cooperative"), name=name
    )

    assert job.stage == ImportJob.Stage.READY, job.errors


def test_a_workbook_used_as_a_mapping_sample_shows_its_columns(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    sample = _workbook(
        ["org/org_name", "org/sse_type", "_uuid"], ["Kampot Salt", "coop", "a-1"]
    )

    response = client.post(
        reverse("mapping-create", args=["KH"]),
        {"tool": "kobo", "sample": SimpleUploadedFile("export.xls", sample)},
    )

    assert response.status_code == 200
    assert "Kampot Salt" in response.content.decode()


def test_a_ragged_mapping_sample_is_refused_with_its_line(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    sample = b"org/org_name,_uuid\nKampot Salt,a-1,extra\n"

    response = client.post(
        reverse("mapping-create", args=["KH"]),
        {"tool": "kobo", "sample": SimpleUploadedFile("export.csv", sample)},
    )

    assert response.status_code == 400
    assert "Line 2 has 3 cells" in response.content.decode()


@pytest.mark.parametrize(
    ("encoding", "broken", "message"),
    [
        ("latin-1", "Coopérative Ñuñoa".encode("latin-1"), "byte 0xE9 on line 2"),
        # A lone half of a surrogate pair: text cut in the middle of a character.
        ("utf-16-le", b"\x00\xd8K\x00", "is not valid UTF-16"),
    ],
    ids=["latin-1", "utf-16 lone surrogate"],
)
def test_text_in_a_broken_or_legacy_encoding_is_refused_with_its_line(
    kh_consultant: User,
    before: tuple[Any, ...],
    encoding: str,
    broken: bytes,
    message: str,
) -> None:
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else b""
    good = template_csv(row(name_en="PLACEHOLDER")).decode()
    head, tail = good.split("PLACEHOLDER")
    content = bom + head.encode(encoding) + broken + tail.encode(encoding)

    job = upload(kh_consultant, content)

    assert_refused(job, before, "not in UTF-8 or UTF-16", message)


def _bomb(*, lying: bool) -> bytes:
    """A workbook whose sheet expands to hundreds of MB from a few hundred kB; when
    `lying`, its archive declares the sheet's original size instead."""
    source = zipfile.ZipFile(io.BytesIO(_template_workbook("Bomb")))
    sheet = "xl/worksheets/sheet1.xml"
    declared = source.getinfo(sheet).file_size
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == sheet:
                padding = b" " * (210 * 1024 * 1024)
                data = data.replace(b"</sheetData>", padding + b"</sheetData>")
            out.writestr(item.filename, data)
    content = bytearray(archive.getvalue())
    if lying:
        name = sheet.encode()
        for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            offset = content.find(header)
            while offset >= 0:
                name_at = offset + (30 if header == b"PK\x03\x04" else 46)
                if content[name_at : name_at + len(name)] == name:
                    struct.pack_into("<I", content, offset + size_at, declared)
                offset = content.find(header, offset + 1)
    return bytes(content)


@pytest.mark.parametrize(
    ("lying", "message"),
    [(False, "expands to 210 MB"), (True, "not an XLSX workbook we can read")],
    ids=["declared", "lying about its size"],
)
def test_a_zip_bomb_is_refused_quickly_and_writes_nothing(
    kh_consultant: User, before: tuple[Any, ...], lying: bool, message: str
) -> None:
    content = _bomb(lying=lying)
    assert len(content) < 1024 * 1024

    started = time.monotonic()
    job = upload(kh_consultant, content, name="entities.xlsx")

    assert time.monotonic() - started < 5
    assert_refused(job, before, message)


def _template_xls(**values: Any) -> bytes:
    names = [c.name for c in TEMPLATE_COLUMNS]
    filled = row(**values)
    # Numbers as a spreadsheet stores them, text as text.
    cells = [
        float(filled[n])
        if n.startswith("members_") and n in filled
        else filled.get(n, "")
        for n in names
    ]
    return xls([names, cells])


@pytest.mark.parametrize("name", ["entities.xls", "entities.csv", "entities"])
def test_a_real_excel_97_workbook_is_read_whatever_its_name(
    kh_consultant: User, name: str
) -> None:
    content = _template_xls(name_local="សហគមន៍ម្រេចកំពត", members_total="60")

    job = upload(kh_consultant, content, name=name)
    assert job.stage == ImportJob.Stage.READY, job.errors
    confirm(kh_consultant, job)

    entity = Entity.objects.get(name_local="សហគមន៍ម្រេចកំពត")
    assert entity.figures.get().members_total == 60


def test_a_damaged_excel_97_workbook_is_refused_with_what_to_do(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    content = _template_xls()
    # The directory sector overwritten: the workbook stream cannot be found.
    damaged = content[:1024] + b"\xff" * 512 + content[1536:]

    job = upload(kh_consultant, damaged, name="entities.xls")

    assert_refused(job, before, "old Excel 97–2003 (.xls) file cannot be read", ".xlsx")
