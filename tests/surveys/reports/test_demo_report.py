"""The reports a new user compiles from the demo data: Kyrgyzstan's counts leave out
the entity outside the SSE, Thailand's has every chapter filled, and the PDF is a
tagged document a screen reader can follow.

Seeding and compiling take a while, so both happen once for the module, inside a
transaction rolled back at its end; each test still runs in its own nested one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pikepdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum
from django.test.utils import override_settings
from django.utils import timezone

from countries.models import Country
from countries.vocabularies import Classification, WorkflowState
from surveys.demo import DEMO_COUNTRIES
from surveys.jobs import outbox
from surveys.models import (
    FEDERATION_LEVELS,
    Affiliation,
    CaseStudyAttachment,
    Entity,
    EntityFigures,
    Report,
)
from surveys.reports.country import Scope, country_tables
from surveys.reports.jobs import report_compile, stored_file
from surveys.reports.services import report_compile_request
from tests.surveys.reports.test_reports import by_row, find

COMPILED = ("KG", "TH")


@pytest.fixture(scope="module")
def reports(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Report]]:
    """The demo seeded, then the Kyrgyz and Thai reports compiled by staff as working
    drafts, as after `make run`."""
    files = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_FILES_ROOT=files),
        transaction.atomic(),
    ):
        with mock.patch.object(outbox, "notification_send"):
            call_command("seed_demo", "--quiet-logins")
        staff = get_user_model().objects.get(username="staff")
        compiled = {}
        for code in COMPILED:
            report = report_compile_request(
                by=staff, country=Country.objects.get(pk=code)
            )
            report_compile(report_id=report.pk)
            compiled[code] = Report.objects.get(pk=report.pk)
            assert compiled[code].status == "done", compiled[code].error
        yield compiled
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reports")]


def latest_members(entities: Any) -> int:
    """The members of these entities in each one's latest reference year."""
    latest = (
        EntityFigures.objects.filter(entity=OuterRef("entity"))
        .order_by("-reference_year")
        .values("reference_year")[:1]
    )
    return (
        EntityFigures.objects.filter(
            entity__in=entities, reference_year=Subquery(latest)
        ).aggregate(total=Sum("members_total"))["total"]
        or 0
    )


def test_the_kyrgyz_members_total_leaves_out_the_entity_outside_the_sse(
    reports: dict[str, Report],
) -> None:
    tables = reports["KG"].tables
    validated = Entity.objects.filter(
        country="KG", workflow_state=WorkflowState.VALIDATED
    )
    outside = validated.filter(classification=Classification.OUTSIDE)
    assert outside.exists() and latest_members(outside) > 0
    primary_sse = validated.filter(classification=Classification.SSE).exclude(
        org_level__in=FEDERATION_LEVELS
    )
    members = by_row(find(tables, "key_figures"))["Members"]
    assert list(members.values())[1] == latest_members(primary_sse)
    annex = find(tables, "outside")
    assert {r["cells"][0] for r in annex["rows"]} == set(
        outside.values_list("code", flat=True)
    )


@pytest.mark.parametrize("code", DEMO_COUNTRIES)
def test_every_country_report_lists_its_federation_and_the_members_mapped(
    code: str,
) -> None:
    tables = country_tables(Scope(Country.objects.get(pk=code), timezone.now()))
    federation = Entity.objects.get(country=code, org_level__in=FEDERATION_LEVELS)
    listed = by_row(find(tables, "federations"))[federation.code]
    members = Affiliation.objects.filter(federation=federation).values("member")
    mapped = Entity.objects.filter(
        pk__in=members, workflow_state=WorkflowState.VALIDATED
    )
    assert listed["Member organisations declared"] == (
        federation.figures.order_by("-reference_year").first().members_total
    )
    assert listed["Member organisations mapped"] == mapped.count() > 0
    assert listed["Of which in the SSE"] == (
        mapped.filter(classification=Classification.SSE).count()
    )


def test_every_chapter_of_the_thai_report_has_a_table_with_rows(
    reports: dict[str, Report],
) -> None:
    sections = reports["TH"].tables["sections"]
    empty = [s["key"] for s in sections if not any(t["rows"] for t in s["tables"])]
    assert len(sections) == 15 and empty == []
    federations = find(reports["TH"].tables, "federations")
    federation = Entity.objects.get(country="TH", org_level__in=FEDERATION_LEVELS)
    listed = by_row(federations)[federation.code]
    linked = Affiliation.objects.filter(
        federation=federation, member__workflow_state=WorkflowState.VALIDATED
    )
    assert listed["Member organisations mapped"] == linked.count() > 0
    photos = find(reports["TH"].tables, "case_study_photos")
    captions = {r["cells"][1] for r in photos["rows"]}
    assert captions == set(
        CaseStudyAttachment.objects.filter(case_study__country="TH").values_list(
            "caption", flat=True
        )
    )
    assert captions


def test_the_thai_case_study_chapter_shows_its_photos(
    reports: dict[str, Report],
) -> None:
    html = Path(stored_file(reports["TH"], "html") or "").read_text(encoding="utf-8")
    start = html.index('id="section-case_studies"')
    chapter = html[start : html.index('<section class="report-section"', start)]
    for attachment in CaseStudyAttachment.objects.filter(case_study__country="TH"):
        assert attachment.caption in chapter
    assert chapter.count('src="data:image/') >= 2


# Operators that put something on the page: text, images and forms, paths painted.
DRAWING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*"}


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every element of the document's structure tree."""
    stack: list[Any] = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            if "/K" in node:
                stack.append(node.K)


def marked_content_errors(
    content: pikepdf.Object, where: str, *, form: bool = False
) -> list[str]:
    """What is wrong with the marked content of a page or form: an EMC closing
    nothing, a sequence left open, or something drawn on the page outside any
    sequence (neither tagged nor marked as an artifact). A form is drawn inside the
    sequence of the page that draws it."""
    errors, depth, loose = [], 0, Counter[str]()
    for instruction in pikepdf.parse_content_stream(content):
        name = str(instruction.operator)
        if name in ("BDC", "BMC"):
            depth += 1
        elif name == "EMC":
            depth -= 1
            if depth < 0:
                errors.append(f"{where}: EMC closes nothing")
                depth = 0
        elif name in DRAWING and depth == 0 and not form:
            loose[name] += 1
    if depth:
        errors.append(f"{where}: {depth} marked-content sequences left open")
    if loose:
        errors.append(f"{where}: drawn outside marked content: {dict(loose)}")
    return errors


def test_the_thai_pdf_reads_to_a_screen_reader(reports: dict[str, Report]) -> None:
    report = reports["TH"]
    html = Path(stored_file(report, "html") or "").read_text(encoding="utf-8")
    with pikepdf.open(stored_file(report, "pdf") or "") as pdf:
        root = pdf.Root
        assert str(root.Lang) == report.language == "en"
        assert bool(root.MarkInfo.Marked)
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        title = str(pdf.docinfo.Title)
        assert title.startswith("Country mapping report: Thailand")
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
            assert xmp["pdfuaid:part"] == "1"
        figures = [e for e in struct_elements(pdf) if e.S == "/Figure"]
        # One figure for each chart and each photo, every one with its alt text.
        assert len(figures) == html.count("<figure ") > 2
        alts = [str(figure.get("/Alt", "")).strip() for figure in figures]
        assert all(alts)
        assert set(
            CaseStudyAttachment.objects.filter(case_study__country="TH").values_list(
                "caption", flat=True
            )
        ) <= set(alts)
        errors = []
        for number, page in enumerate(pdf.pages, start=1):
            errors += marked_content_errors(page.obj, f"page {number}")
            forms: Any = page.Resources.get("/XObject") or {}
            for name, form in forms.items():
                if form.get("/Subtype") == "/Form":
                    errors += marked_content_errors(
                        form, f"page {number} {name}", form=True
                    )
        assert errors == []
