"""The chapters of a country report, against a small fixture computed by hand.

Thailand, cooperatives in Chiang Mai (TH-50, macro-region North):

| entity  | state     | classification | counted as mapped |
|---------|-----------|----------------|-------------------|
| Coop 1–3| validated | SSE            | yes               |
| Coop 4  | validated | outside        | no                |
| Coop 5  | validated | borderline     | no                |
| Coop 6  | draft     | SSE            | no                |

The validated frame registers 12 cooperatives in Chiang Mai (3 ÷ 12 = 25 %), 5
community enterprises in Bangkok (0 ÷ 5 = 0 %) and 30 cooperatives in the North
(3 ÷ 30 = 10 %). A later draft frame, and Cambodia's validated frame, count nowhere.
"""

from __future__ import annotations

import io
import re
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from countries.models import (
    AdminArea,
    CommitteeMeeting,
    CommitteeMember,
    LegalForm,
    MacroRegion,
)
from countries.vocabularies import Actor, Classification, InstrumentKind
from surveys.models import CaseStudyAttachment, LegalFormChange
from surveys.reports.charts import country_charts
from surveys.reports.render import (
    format_cell,
    html_document,
    report_context,
    write_pdf,
    write_xlsx,
)
from surveys.reports.tables import PCT, share
from tests.surveys.factories.entities import EntityFactory
from tests.surveys.factories.records import (
    CapacityGapFactory,
    CaseStudyFactory,
    NationalDefinitionFactory,
)
from tests.surveys.factories.study import (
    FrameCountFactory,
    LegalInstrumentFactory,
    RecommendationFactory,
    SamplingFrameFactory,
    StudyMethodologyFactory,
    SupportInstitutionFactory,
)
from tests.surveys.reports.test_reports import by_row, compile_th, find

pytestmark = pytest.mark.django_db

CHAPTERS = [
    "summary",
    "definition",
    "framework",
    "institutions",
    "typology",
    "geography",
    "sectors",
    "people",
    "economy",
    "principles",
    "case_studies",
    "gaps",
    "methodology",
    "committee",
    "annexes",
]
META = {
    "title": "Country mapping report: Thailand",
    "subtitle": "",
    "version": 1,
    "cutoff_label": "today",
    "compiled_label": "today",
    "requested_by": "staff",
    "built_from": "validated records",
}


def validated(**data: Any) -> dict[str, Any]:
    return {"country_id": "TH", "validated": True, **data}


@pytest.fixture
def chiang_mai(reference_data: None) -> AdminArea:
    return AdminArea.objects.get(code="TH-50")


@pytest.fixture
def coops(th_consultant: User, chiang_mai: AdminArea) -> list[Any]:
    common = {"sse_type": "COOP", "area": chiang_mai, "created_by": th_consultant}
    found = [
        EntityFactory(**validated(classification=Classification.SSE, **common))
        for _n in range(3)
    ]
    found.append(
        EntityFactory(**validated(classification=Classification.OUTSIDE, **common))
    )
    found.append(
        EntityFactory(**validated(classification=Classification.BORDERLINE, **common))
    )
    EntityFactory(country_id="TH", classification=Classification.SSE, **common)
    return found


@pytest.fixture
def frame(th_consultant: User, chiang_mai: AdminArea) -> Any:
    found = SamplingFrameFactory(
        **validated(title="Registers 2024", created_by=th_consultant)
    )
    FrameCountFactory(
        frame=found,
        area=chiang_mai,
        registered_total=12,
        source="Cooperative Promotion Department",
        year=2024,
    )
    FrameCountFactory(
        frame=found,
        sse_type="CE",
        area=AdminArea.objects.get(code="TH-10"),
        registered_total=5,
        source="Department of Agricultural Extension",
        year=2023,
    )
    FrameCountFactory(
        frame=found,
        area=None,
        macro_region=MacroRegion.objects.get(country="TH", code="NORTH"),
        registered_total=30,
        source="Regional register",
        year=2022,
    )
    later_draft = SamplingFrameFactory(country_id="TH", created_by=th_consultant)
    FrameCountFactory(frame=later_draft, area=chiang_mai, registered_total=100)
    cambodia = SamplingFrameFactory(**validated(country_id="KH", title="KH frame"))
    FrameCountFactory(frame=cambodia, registered_total=7, source="KH register")
    return found


def test_coverage_is_the_mapped_sse_entities_over_the_registered_total(
    coops: list[Any], frame: Any
) -> None:
    tables = compile_th()
    table = find(tables, "frame_coverage")
    rows = [
        dict(zip([c["label"] for c in table["columns"]], r["cells"], strict=True))
        for r in table["rows"]
    ]
    coop_area, coop_region, ce_area, area_total, region_total = rows
    assert coop_area["First-level area or macro-region"].startswith("Chiang Mai")
    assert coop_area["Registered (frame)"] == 12
    assert coop_area["Mapped SSE entities"] == 3
    assert coop_area["Coverage"] == 0.25
    assert coop_area["Source of the frame"] == "Cooperative Promotion Department"
    assert coop_area["Year"] == "2024"
    assert ce_area["Mapped SSE entities"] == 0
    assert ce_area["Coverage"] == 0.0
    assert table["rows"][2]["kind"] == "priority"
    assert coop_region["Mapped SSE entities"] == 3
    assert coop_region["Coverage"] == 0.1
    assert coop_region["Year"] == "2022"
    # Areas and macro-regions are totalled apart: an entity is in one of each.
    assert area_total["Registered (frame)"] == 17
    assert area_total["Mapped SSE entities"] == 3
    assert region_total["Coverage"] == 0.1
    assert "Registers 2024" in table["basis"]["sources"]
    assert "KH register" not in str(table)
    key = by_row(find(tables, "key_figures"))
    covered = key["Coverage of the sampling frame (first-level areas)"]
    assert (covered["Number"], covered["Share"]) == (3, round(3 / 17, 4))


def test_a_coverage_of_a_few_in_thousands_does_not_read_as_nothing() -> None:
    assert format_cell(share(3, 6900), PCT) == "< 0.1 %"
    assert format_cell(0.0, PCT) == "0.0 %"
    assert format_cell(0.25, PCT) == "25.0 %"


def test_without_a_validated_frame_the_chapter_says_so(
    coops: list[Any], th_consultant: User, chiang_mai: AdminArea
) -> None:
    draft = SamplingFrameFactory(country_id="TH", created_by=th_consultant)
    FrameCountFactory(frame=draft, area=chiang_mai, registered_total=12)
    table = find(compile_th(), "frame_coverage")
    assert table["rows"] == []
    assert "No sampling frame had been validated" in table["notes"][0]


def test_chapters_follow_the_order_of_a_mapping_study(coops: list[Any]) -> None:
    tables = compile_th()
    assert [s["key"] for s in tables["sections"]] == CHAPTERS
    chapter_of = {t["key"]: s["key"] for s in tables["sections"] for t in s["tables"]}
    assert chapter_of["instruments"] == "framework"
    assert chapter_of["support_by_type"] == "institutions"
    assert chapter_of["legal_form_by_type"] == "typology"
    assert chapter_of["legal_form_changes"] == "typology"
    assert chapter_of["frame_coverage"] == "geography"
    assert chapter_of["priority_sectors"] == "sectors"
    assert chapter_of["recommendations"] == "gaps"
    assert chapter_of["committee_members"] == "committee"
    assert chapter_of["validation_status"] == "committee"
    assert [chapter_of[k] for k in ("outside", "borderline", "sources")] == [
        "annexes"
    ] * 3


def _document(tables: dict[str, Any]) -> str:
    tables["charts"] = country_charts(tables)
    return html_document(tables, META)


def test_the_html_has_the_chapters_in_order_and_its_contents_links_resolve(
    coops: list[Any],
) -> None:
    document = _document(compile_th())
    contents = document.split('class="report-contents"')[1].split("</nav>")[0]
    links = re.findall(r'href="#([^"]+)"', contents)
    assert links == [f"section-{key}" for key in CHAPTERS]
    ids = re.findall(r'<section class="report-section" id="([^"]+)"', document)
    assert ids == links
    # The method is told in the methodology chapter, not in a chapter of its own.
    assert 'id="section-method"' not in document
    methodology = document.split('id="section-methodology"')[1].split("</section>")[0]
    assert "How this report counts" in methodology


def _pdf_objects(path: Path) -> bytes:
    """The PDF's objects, inflated (a tagged PDF keeps them in compressed streams)."""
    data = path.read_bytes()
    found = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            found.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(found)


def test_the_pdf_has_a_linked_contents_list_and_a_bookmark_per_chapter(
    coops: list[Any], tmp_path: Path
) -> None:
    tables = compile_th()
    pdf = tmp_path / "report.pdf"
    write_pdf(_document(tables), pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Layout spacing varies with the glyphs' widths; the words and their order do not.
    text = re.sub(r"[ \t]+", " ", text)
    titles = [s["title"] for s in tables["sections"]]
    contents, body = text.split(titles[-1], 1)
    # In the contents, each chapter with the page it starts on.
    for number, title in enumerate(titles[:-1], start=1):
        assert re.search(rf"{number}\. {re.escape(title)}[ .]*\d+", contents)
    # In the body, the chapters in order.
    positions = [body.find(f"{n} {t}") for n, t in enumerate(titles, start=1)]
    positions[-1] = text.rfind(titles[-1]) - len(contents) - len(titles[-1])
    assert all(p >= 0 for p in positions[:-1])
    assert positions[:-1] == sorted(positions[:-1])
    objects = _pdf_objects(pdf)
    for number, (key, title) in enumerate(zip(CHAPTERS, titles, strict=True), start=1):
        assert f"/Dest (section-{key})".encode() in objects
        assert f"/Title ({number} {title})".encode() in objects


def test_recommendations_are_grouped_by_actor_from_validated_gaps_only(
    coops: list[Any], th_consultant: User
) -> None:
    gap = CapacityGapFactory(
        **validated(title="No credit", severity=3, created_by=th_consultant)
    )
    minor = CapacityGapFactory(
        **validated(title="Few trainers", severity=1, created_by=th_consultant)
    )
    draft = CapacityGapFactory(country_id="TH", title="Draft gap")
    cambodian = CapacityGapFactory(**validated(country_id="KH", title="KH gap"))
    RecommendationFactory(capacity_gap=minor, actor=Actor.SSE, text="Pool trainers")
    RecommendationFactory(capacity_gap=gap, actor=Actor.SSE, text="Mutual guarantee")
    RecommendationFactory(capacity_gap=gap, actor=Actor.GOVERNMENT, text="Credit line")
    RecommendationFactory(capacity_gap=gap, actor=Actor.ALL, text="Data on credit")
    RecommendationFactory(capacity_gap=draft, actor=Actor.GOVERNMENT, text="Hidden")
    RecommendationFactory(capacity_gap=cambodian, text="Cambodian advice")
    table = find(compile_th(), "recommendations")
    assert [r["cells"][:3] for r in table["rows"]] == [
        ["Government", "Credit line", "No credit"],
        ["SSE organisations", "Mutual guarantee", "No credit"],
        ["SSE organisations", "Pool trainers", "Few trainers"],
        ["All actors", "Data on credit", "No credit"],
    ]
    assert table["group_rows"] is True
    assert table["basis"]["n"] == 4
    assert table["notes"][0] == ("Government: 1; SSE organisations: 2; All actors: 1")


def test_only_this_countrys_validated_study_records_appear(
    coops: list[Any], th_consultant: User
) -> None:
    LegalInstrumentFactory(
        **validated(
            title_local="พระราชบัญญัติสหกรณ์",
            title_en="Cooperatives Act",
            year=1999,
            kind=InstrumentKind.LAW,
            sse_types=["COOP"],
        )
    )
    LegalInstrumentFactory(
        **validated(
            title_local="ยุทธศาสตร์วิสาหกิจชุมชน",
            title_en="Community enterprise strategy",
            kind="STRATEGY",
        )
    )
    LegalInstrumentFactory(country_id="TH", title_en="Draft decree")
    LegalInstrumentFactory(**validated(country_id="KH", title_en="Cambodian law"))
    SupportInstitutionFactory(
        **validated(
            name_en="Cooperative Promotion Department",
            support_kinds=["REGULATION", "FINANCE"],
            sse_types=["COOP", "CE"],
        )
    )
    SupportInstitutionFactory(
        **validated(name_en="Bank", support_kinds=["FINANCE"], sse_types=["COOP"])
    )
    SupportInstitutionFactory(country_id="TH", name_en="Draft agency")
    SupportInstitutionFactory(**validated(country_id="KH", name_en="Cambodian body"))
    StudyMethodologyFactory(**validated(title="Thai mapping method"))
    StudyMethodologyFactory(country_id="TH", title="Draft method")
    StudyMethodologyFactory(**validated(country_id="KH", title="Cambodian method"))
    tables = compile_th()
    instruments = find(tables, "instruments")
    assert [r["cells"][1] for r in instruments["rows"]] == [
        ["พระราชบัญญัติสหกรณ์", "Cooperatives Act"],
        ["ยุทธศาสตร์วิสาหกิจชุมชน", "Community enterprise strategy"],
    ]
    assert instruments["rows"][1]["cells"][0] == "Strategy or plan"
    assert instruments["rows"][0]["cells"][2] == "1999"
    assert instruments["rows"][0]["cells"][5] == "Cooperative"
    counts = by_row(find(tables, "instruments_by_kind"))
    assert counts["Law"]["In force"] == 1
    assert counts["Total"]["Total"] == 2
    support = by_row(find(tables, "support_by_type"))
    assert support["Finance"]["Institutions"] == 2
    assert support["Finance"]["Coop."] == 2
    assert support["Finance"]["Community ent."] == 1
    assert support["Registration and supervision"]["Institutions"] == 1
    assert support["Market access"]["Institutions"] == 0
    methodology = next(s for s in tables["sections"] if s["key"] == "methodology")
    assert methodology["methodology"]["title"] == "Thai mapping method"
    text = str(tables)
    for hidden in (
        "Draft decree",
        "Cambodian law",
        "Draft agency",
        "Cambodian body",
        "Draft method",
        "Cambodian method",
    ):
        assert hidden not in text
    validations = by_row(find(tables, "committee_validations"))
    # The validated entities whatever their classification; not the draft.
    assert validations["Entities"]["Validated"] == 5
    assert validations["Entities"]["First validated"]
    assert validations["Legal and policy instruments"]["Validated"] == 2
    assert validations["Support institutions"]["Validated"] == 2
    assert validations["Methodology and limitations"]["Validated"] == 1


def test_the_definition_chapter_gives_its_validation_date_or_says_provisional(
    coops: list[Any],
) -> None:
    document = _document(compile_th())
    chapter = document.split('id="section-definition"')[1].split("</section>")[0]
    assert "Provisional" in chapter
    NationalDefinitionFactory(**validated(title="Thai SSE definition"))
    tables = compile_th()
    definition = tables["sections"][1]["definition"]
    assert definition["validated_on"]
    chapter = _document(tables).split('id="section-definition"')[1]
    chapter = chapter.split("</section>")[0]
    assert f"validated on {definition['validated_on']}" in chapter
    assert "Provisional" not in chapter


def _photo(name: str = "mill.jpg") -> ContentFile[bytes]:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 150, 50)).save(out, "JPEG")
    return ContentFile(out.getvalue(), name=name)


def test_case_studies_are_told_with_the_photos_their_people_agreed_to_publish(
    coops: list[Any], th_consultant: User, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    told = CaseStudyFactory(
        **validated(
            title="The rice mill",
            context="Founded after the 2011 floods.",
            lessons="Shared tools last longer.",
            created_by=th_consultant,
        )
    )
    withheld = CaseStudyFactory(
        **validated(title="The weavers", summary="Secret story", consent_given=False)
    )
    CaseStudyFactory(country_id="TH", title="Draft study")
    for study, caption, consent, file in (
        (told, "Sorting rice", True, _photo()),
        (told, "Without consent", False, _photo("other.jpg")),
        (told, "The minutes", True, ContentFile(b"%PDF-1.4\n", name="minutes.pdf")),
        (withheld, "Weavers at work", True, _photo("weavers.jpg")),
    ):
        CaseStudyAttachment.objects.create(
            case_study=study,
            caption=caption,
            consent_given=consent,
            file=file,
            uploaded_by=th_consultant,
        )
    tables = compile_th()
    chapter = next(s for s in tables["sections"] if s["key"] == "case_studies")
    rice, weavers = chapter["narratives"]
    assert rice["title"] == "The rice mill"
    assert [p["label"] for p in rice["parts"]] == [
        "Summary",
        "Context and history",
        "Gender analysis",
        "Lessons learned",
    ]
    assert [p["caption"] for p in rice["photos"]] == ["Sorting rice"]
    assert weavers["withheld"] is True
    assert weavers["parts"] == [] and weavers["photos"] == []
    document = _document(tables)
    assert document.count('<figure class="report-photo"><img src="data:image/jpeg') == 1
    assert "Secret story" not in document
    assert "Draft study" not in document
    photos = find(tables, "case_study_photos")
    assert [r["cells"][:2] for r in photos["rows"]] == [
        ["The rice mill", "Sorting rice"]
    ]
    assert photos["workbook_only"] is True
    write_pdf(document, tmp_path / "report.pdf")
    assert b"/Subtype /Image" in _pdf_objects(tmp_path / "report.pdf")
    # The page shows the photo from the case study's own, access-checked address.
    page = report_context(tables, META)["sections"][CHAPTERS.index("case_studies")]
    photo = CaseStudyAttachment.objects.get(caption="Sorting rice")
    assert page["narratives"][0]["photos"][0]["src"] == reverse(
        "case-study-attachment", args=[told.pk, photo.pk]
    )


def test_the_workbook_has_a_readable_unique_sheet_per_table_and_its_contents(
    coops: list[Any], frame: Any, tmp_path: Path
) -> None:
    import openpyxl

    tables = compile_th()
    tables["charts"] = country_charts(tables)
    path = tmp_path / "report.xlsx"
    write_xlsx(tables, META, path)
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    assert len({name.lower() for name in names}) == len(names)
    every_table = [t for s in tables["sections"] for t in s["tables"]]
    assert len(names) == 2 + len(every_table)
    coverage_number = find(tables, "frame_coverage")["number"]
    assert f"{coverage_number}. Coverage of the frame" in names
    assert "Case-study photos" in names
    contents = list(workbook["Contents"].iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in contents] == names[2:]
    assert contents[0][2] == "1. Key figures"
    assert contents[-1][2].startswith("15. Annexes")
    coverage = workbook[f"{coverage_number}. Coverage of the frame"]
    values = [c for r in coverage.iter_rows(values_only=True) for c in r]
    assert 0.25 in values
    # The chart the PDF draws above the table, as a native chart beside it.
    assert len(coverage._charts) == 1
    assert tables["charts"]["frame_coverage"]["data"]["series"][0]["values"] == [
        0.25,
        0.1,
        0.0,
    ]


def test_the_number_of_queries_does_not_grow_with_the_study_records(
    coops: list[Any], frame: Any, th_consultant: User, chiang_mai: AdminArea
) -> None:
    forms = list(LegalForm.objects.filter(country="TH")[:2])

    def add_one_of_each(index: int) -> None:
        LegalInstrumentFactory(**validated(sse_types=["COOP", "CE"]))
        SupportInstitutionFactory(**validated())
        StudyMethodologyFactory(**validated())
        gap = CapacityGapFactory(**validated())
        RecommendationFactory(capacity_gap=gap, actor=Actor.values[index % 6])
        study = CaseStudyFactory(**validated(entities=coops[:2]))
        CaseStudyAttachment.objects.create(
            case_study=study,
            caption=f"Photo {index}",
            file=_photo(),
            uploaded_by=th_consultant,
            consent_given=True,
        )
        entity = EntityFactory(
            **validated(
                sse_type="COOP", area=chiang_mai, classification=Classification.SSE
            )
        )
        LegalFormChange.objects.create(
            entity=entity, from_form=forms[0], to_form=forms[1], year=2000 + index
        )
        member = CommitteeMember.objects.create(
            country_id="TH",
            name=f"Member {index}",
            organisation="Ministry",
            constituency="GOV",
            sex="F",
        )
        meeting = CommitteeMeeting.objects.create(
            country_id="TH", date=f"2025-0{index + 1}-01", created_by=th_consultant
        )
        meeting.attendees.add(member)
        FrameCountFactory(
            frame=frame,
            area=AdminArea.objects.filter(country="TH", level=1)
            .exclude(code__in=["TH-10", "TH-50"])
            .order_by("code")[index],
            registered_total=10,
        )

    add_one_of_each(0)
    with CaptureQueriesContext(connection) as few:
        compile_th()
    for index in range(1, 6):
        add_one_of_each(index)
    with CaptureQueriesContext(connection) as many:
        tables = compile_th()
    assert find(tables, "instruments")["basis"]["n"] == 6
    assert len(find(tables, "frame_coverage")["rows"]) == 3 + 6 + 2
    assert find(tables, "legal_form_changes")["basis"]["n"] == 6
    assert len(many) == len(few)


def test_the_committee_chapter_counts_members_by_constituency_and_sex_and_meetings(
    coops: list[Any], th_consultant: User
) -> None:
    def member(country: str, constituency: str, sex: str, **data: Any) -> Any:
        return CommitteeMember.objects.create(
            country_id=country,
            name=f"{constituency} {sex}",
            organisation="Body",
            constituency=constituency,
            sex=sex,
            **data,
        )

    minister = member("TH", "GOV", "F")
    member("TH", "GOV", "F")
    unionist = member("TH", "WKR", "M")
    member("TH", "SSE", "")
    member("TH", "EMP", "M", active=False)
    cambodian = member("KH", "GOV", "M")
    held = CommitteeMeeting.objects.create(
        country_id="TH", date="2025-05-01", place="Bangkok", created_by=th_consultant
    )
    held.attendees.add(minister, unionist)
    CommitteeMeeting.objects.create(
        country_id="TH", date="2099-01-01", place="Later", created_by=th_consultant
    )
    elsewhere = CommitteeMeeting.objects.create(
        country_id="KH", date="2025-05-02", place="Phnom Penh", created_by=th_consultant
    )
    elsewhere.attendees.add(cambodian)
    tables = compile_th()
    members = by_row(find(tables, "committee_members"))
    assert members["Government"]["Women"] == 2
    assert members["Workers"]["Men"] == 1
    assert members["SSE organisations"]["Sex not recorded"] == 1
    assert members["Employers"]["Members"] == 0
    assert members["Total"]["Members"] == 4
    assert members["Total"]["Share of women"] == round(2 / 3, 4)
    meetings = find(tables, "committee_meetings")
    assert len(meetings["rows"]) == 1
    (meeting,) = meetings["rows"]
    assert meeting["cells"][1:] == ["Bangkok", 2, 1, 0]


def test_the_validation_status_counts_this_countrys_findings_by_state(
    coops: list[Any], th_consultant: User
) -> None:
    EntityFactory(country_id="TH", workflow_state="submitted", created_by=th_consultant)
    EntityFactory(country_id="KH", workflow_state="validated")
    status = by_row(find(compile_th(), "validation_status"))["Entities"]
    assert (status["Validated"], status["Draft"], status["Submitted"]) == (5, 1, 1)
    assert (status["Returned"], status["Rejected"], status["In review"]) == (0, 0, 0)
    assert status["Total"] == 7
    assert status["Submitted for review"] == 6
    assert status["% validated of submitted"] == round(5 / 6, 4)


def test_the_geography_chapter_maps_one_circle_per_area_with_sse_entities(
    coops: list[Any], th_consultant: User
) -> None:
    bangkok = AdminArea.objects.get(code="TH-10")
    for _n in range(2):
        EntityFactory(
            **validated(sse_type="CE", area=bangkok, classification=Classification.SSE)
        )
    # Neither counted: a draft in Phuket, and a Cambodian entity.
    EntityFactory(
        country_id="TH",
        area=AdminArea.objects.get(code="TH-83"),
        classification=Classification.SSE,
    )
    EntityFactory(**validated(country_id="KH", classification=Classification.SSE))
    document = _document(compile_th())
    geography = document.split('id="section-geography"')[1].split("</section>")[0]
    figure = geography.split('<figure class="report-chart"')[1].split("</figure>")[0]
    assert "as circles at the areas" in figure
    circles = re.findall(
        r'<circle [^>]*fill="#0072B2"[^>]*><title>([^<]*)</title>', figure
    )
    assert sorted(circles) == ["Bangkok: 2", "Chiang Mai: 3"]
    # Every other Thai province is on the map, marked as having none.
    with_centre = AdminArea.objects.current().filter(
        country_id="TH", level=1, centroid_lat__isnull=False
    )
    assert with_centre.count() == 77
    assert len(re.findall(r"<title>[^<]*: 0</title>", figure)) == 75
    # Drawn on the server, with nothing to fetch: it works offline and in the PDF.
    assert "http" not in figure.replace("http://www.w3.org/2000/svg", "")


def test_a_map_with_no_entity_yet_marks_every_area_and_draws_no_circle() -> None:
    from surveys.reports.chart_drawing import proportional_circles

    svg = proportional_circles(
        "Areas",
        [
            {"name": "Bangkok", "latitude": 13.75, "longitude": 100.5, "entities": 0},
            {"name": "Yala", "latitude": 6.54, "longitude": 101.28, "entities": 0},
        ],
    )
    assert "<circle" not in svg
    assert svg.count(": 0</title>") == 2
