"""Country mapping reports: the numbers, against a small fixture computed by hand.

Thailand, three validated entities (one validated through the committee's workflow):

| entity            | type | registration | area       | ISIC | est. | latest figures (2024)                 |
|-------------------|------|--------------|------------|------|------|---------------------------------------|
| Ban Suan CE       | CE   | SSE law      | Chiang Mai | 01   | 2005 | members 50 = 30 W + 20 M; employees 4 |
|                   |      |              |            |      |      | = 1 W + 1 M (+2 unknown); chair woman |
|                   |      |              |            |      |      | turnover 500 000 THB  (2023: 40)      |
| Mae Rim coop      | COOP | SSE law      | Chiang Mai | 01   | 1985 | members 100 = 40 W + ? M (60 unknown) |
|                   |      |              |            |      |      | chair and manager men; 5 000 000 THB  |
| Bangkok builders  | SE   | general law  | Bangkok    | 43   | 2021 | members 10 = 5 W + 5 M; board 4 = 2 W |
|                   |      |              |            |      |      | + 2 M; 20 000 000 THB                 |

plus a draft and a submitted entity with large figures that must count nowhere.
Ban Suan and the cooperative are classified SSE; Bangkok Builders (P2.2 not met) is
borderline: shown beside the SSE in every table, never added to its totals.
"""

from __future__ import annotations

import datetime
import logging
import random
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from countries.models import AdminArea, Country, IsicCode, NationalPriority
from countries.vocabularies import Rating, WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.entities import services as entities_services
from surveys.models import CapacityGap, CaseStudy, Entity, Report
from surveys.principles import CRITERIA, FLAG_ONLY, PRINCIPLES, principle_rating
from surveys.records import services as records_services
from surveys.reports import services as reports_services
from surveys.reports.country import Scope, country_tables
from surveys.reports.regional import regional_tables
from surveys.review import workflow

pytestmark = pytest.mark.django_db

THAI_NAME = "วิสาหกิจชุมชนบ้านสวน"
BUILDERS_THAI_NAME = "วิสาหกิจเพื่อสังคมช่างก่อสร้างบางกอก"


def make_entity(user: User, country: str, **data: Any) -> Entity:
    defaults: dict[str, Any] = {
        "name_en": "Entity",
        "sse_type": "COOP",
        "registration_status": "REG_SSE_LAW",
    }
    return entities_services.entity_create(
        country=Country.objects.get(pk=country), by=user, data={**defaults, **data}
    )


def add_figures(entity: Entity, user: User, year: int, **data: Any) -> None:
    entities_services.figures_save(
        entity=entity, by=user, reference_year=year, data=data, expected_version=None
    )


def assess(entity: Entity, user: User, **ratings: str) -> None:
    data = {c.field: Rating.MET for c in CRITERIA} | ratings
    entities_services.assessment_save(
        entity=entity, by=user, data=data, expected_version=None
    )


def validate(*records: Any) -> None:
    for record in records:
        type(record).objects.filter(pk=record.pk).update(
            workflow_state=WorkflowState.VALIDATED
        )


@pytest.fixture
def thailand(th_consultant: User, th_committee: User) -> dict[str, Entity]:
    chiang_mai = AdminArea.objects.get(code="TH-50")
    ban_suan = make_entity(
        th_consultant,
        "TH",
        name_local=THAI_NAME,
        name_en="Ban Suan Community Enterprise",
        sse_type="CE",
        area=chiang_mai,
        main_activity=IsicCode.objects.get(pk="01"),
        year_established=2005,
    )
    add_figures(ban_suan, th_consultant, 2023, members_total=40, members_women=20)
    add_figures(
        ban_suan,
        th_consultant,
        2024,
        members_total=50,
        members_women=30,
        members_men=20,
        employees_total=4,
        employees_women=1,
        employees_men=1,
        chair_sex="F",
        turnover=Decimal(500_000),
        currency="THB",
    )
    assess(ban_suan, th_consultant)
    coop = make_entity(
        th_consultant,
        "TH",
        name_en="Mae Rim Agricultural Cooperative",
        sse_type="COOP",
        area=chiang_mai,
        # Coded at class level (growing of rice): rolled up to division 01, section A.
        main_activity=IsicCode.objects.get(pk="0112"),
        year_established=1985,
    )
    add_figures(
        coop,
        th_consultant,
        2024,
        members_total=100,
        members_women=40,
        chair_sex="M",
        manager_sex="M",
        turnover=Decimal(5_000_000),
        currency="THB",
    )
    assess(coop, th_consultant, p4_3=Rating.PARTIAL)
    builders = make_entity(
        th_consultant,
        "TH",
        name_en="Bangkok Builders",
        name_local=BUILDERS_THAI_NAME,
        sse_type="SE",
        registration_status="REG_GENERAL",
        area=AdminArea.objects.get(code="TH-10"),
        main_activity=IsicCode.objects.get(pk="43"),
        year_established=2021,
    )
    add_figures(
        builders,
        th_consultant,
        2024,
        members_total=10,
        members_women=5,
        members_men=5,
        board_total=4,
        board_women=2,
        board_men=2,
        turnover=Decimal(20_000_000),
        currency="THB",
    )
    assess(builders, th_consultant, p2_3=Rating.NOT_MET)
    # The committee validates Ban Suan through the workflow; the others directly.
    workflow.record_submit(record=ban_suan, by=th_consultant)
    workflow.review_decide(record=ban_suan, by=th_committee, decision="approve")
    validate(coop, builders)

    draft = make_entity(th_consultant, "TH", name_en="Draft", sse_type="CE")
    add_figures(draft, th_consultant, 2024, members_total=1000, members_women=900)
    submitted = make_entity(
        th_consultant,
        "TH",
        name_en="Submitted",
        sse_type="CE",
        area=chiang_mai,
        main_activity=IsicCode.objects.get(pk="01"),
        year_established=2000,
        registration_status="INFORMAL",
    )
    add_figures(submitted, th_consultant, 2024, members_total=500)
    assess(submitted, th_consultant)
    workflow.record_submit(record=submitted, by=th_consultant)
    return {"ban_suan": ban_suan, "coop": coop, "builders": builders}


def compile_th(cutoff: datetime.datetime | None = None) -> dict[str, Any]:
    return country_tables(Scope(Country.objects.get(pk="TH"), cutoff or timezone.now()))


def find(tables: dict[str, Any], key: str) -> dict[str, Any]:
    for section in tables["sections"]:
        for table in section["tables"]:
            if table["key"] == key:
                return table
    raise KeyError(key)


def by_row(
    table: dict[str, Any],
    *,
    kinds: tuple[str, ...] = ("", "priority", "total", "share", "percent", "beside"),
) -> dict[Any, dict[str, Any]]:
    """{first cell: {column label: value}} for the table's rows of these kinds."""
    labels = [c["label"] for c in table["columns"]]
    return {
        r["cells"][0]: dict(zip(labels, r["cells"], strict=True))
        for r in table["rows"]
        if r["kind"] in kinds
    }


# --- Landscape -----------------------------------------------------------------------


def test_it_counts_only_validated_entities_by_type_and_registration(
    thailand: dict[str, Entity],
) -> None:
    table = find(compile_th(), "type_by_registration")
    rows = by_row(table)
    assert table["basis"]["n"] == 2
    assert rows["Community enterprise"]["Registered under an SSE law"] == 1
    assert rows["Cooperative"]["Registered under an SSE law"] == 1
    builders = rows["Social enterprise"]
    assert builders["Registered under company or association law"] == 0
    assert builders["Borderline (not in the total)"] == 1
    assert rows["Total"]["Total"] == 2
    assert rows["Total"]["Borderline (not in the total)"] == 1
    assert rows["Total"]["Informal"] == 0  # the submitted entity is informal
    assert rows["Share of all"]["Registered under an SSE law"] == 1.0


def test_it_counts_entities_by_area_sector_and_cohort(
    thailand: dict[str, Entity],
) -> None:
    tables = compile_th()
    areas = by_row(find(tables, "area_by_type"))
    assert areas["Chiang Mai (เชียงใหม่)"]["Total"] == 2
    assert areas["Bangkok (กรุงเทพมหานคร)"]["Total"] == 0
    assert areas["Bangkok (กรุงเทพมหานคร)"]["Borderline (not in the total)"] == 1
    sections = find(tables, "section_by_type")
    highlighted = {r["cells"][0] for r in sections["rows"] if r["kind"] == "priority"}
    assert any(label.startswith("A ") for label in highlighted)
    assert any(label.startswith("F ") for label in highlighted)
    priorities = by_row(find(tables, "priority_sectors"))
    assert priorities["Small-scale farming"]["Entities"] == 2
    assert priorities["Construction"]["Entities"] == 0
    assert priorities["Construction"]["Borderline (not in the total)"] == 1
    assert priorities["Artisanal and small-scale mining"]["Entities"] == 0
    cohorts = by_row(find(tables, "cohort_by_type"))["Total"]
    assert (
        cohorts["Before 1990"],
        cohorts["1990–2009"],
        cohorts["2020 and later"],
    ) == (1, 1, 0)  # the builders (2021) are borderline


def test_entities_on_merged_viet_nam_units_count_under_the_unit_that_replaced_them(
    make_persona: Any,
) -> None:
    consultant = make_persona("vn-consultant", "VN", "consultant")
    old = AdminArea.objects.get(code="VN-43")  # Ba Ria-Vung Tau, until 30 June 2025
    assert old.replaced_by is not None
    current = old.replaced_by
    entities = [
        make_entity(consultant, "VN", name_en="Old unit coop", area=old),
        make_entity(consultant, "VN", name_en="New unit coop", area=current),
        make_entity(
            consultant,
            "VN",
            name_en="Elsewhere",
            sse_type="SHG",
            area=AdminArea.objects.filter(country="VN", valid_to__isnull=True)
            .exclude(pk=current.pk)
            .first(),
        ),
    ]
    add_figures(
        entities[0],
        consultant,
        2024,
        members_total=30,
        members_women=10,
        members_men=20,
    )
    add_figures(
        entities[1], consultant, 2024, members_total=20, members_women=20, members_men=0
    )
    for entity in entities:
        assess(entity, consultant)
    validate(*entities)
    tables = country_tables(Scope(Country.objects.get(pk="VN"), timezone.now()))
    area_table = find(tables, "area_by_type")
    rows = {
        label.split(" (")[0]: values for label, values in by_row(area_table).items()
    }
    assert rows[current.name_en]["Total"] == 2
    assert old.name_en not in rows
    assert any("merged" in note for note in area_table["notes"])
    members = {
        label.split(" (")[0]: values
        for label, values in by_row(find(tables, "members_by_area")).items()
    }
    assert members[current.name_en]["Members"] == 50
    assert members[current.name_en]["Women"] == 30


# --- People ----------------------------------------------------------------------------


def test_members_by_sex_use_each_entitys_latest_year_and_show_the_undisaggregated_share(
    thailand: dict[str, Entity],
) -> None:
    table = find(compile_th(), "members_by_type")
    total = by_row(table)["Total"]
    # 50 + 100 (Ban Suan's 2023 figure of 40 is not its latest year; the builders'
    # 10 are borderline, beside the total).
    assert total["Members"] == 150
    assert total["Women"] == 70
    assert total["Men"] == 20
    assert total["Not disaggregated"] == 60  # the cooperative gave no count of men
    assert total["% women (of known sex)"] == pytest.approx(70 / 90, abs=1e-4)
    assert total["% not disaggregated"] == 0.4
    assert total["Median members per entity"] == 75
    assert table["basis"]["not_disaggregated"] == 0.4
    assert table["basis"]["n"] == 2
    assert by_row(table)["Borderline (not in the total)"]["Members"] == 10
    assert "2024" in table["basis"]["reference"]
    coop = by_row(table)["Cooperative"]
    assert (coop["Members"], coop["Not disaggregated"]) == (100, 60)


def test_employment_and_leadership_by_sex(thailand: dict[str, Entity]) -> None:
    tables = compile_th()
    employment = next(
        r["cells"]
        for r in find(tables, "employment_by_type")["rows"]
        if r["kind"] == "total" and r["cells"][1] == "Employees"
    )
    # total, women, men, not disaggregated
    assert employment[3:7] == [4, 1, 1, 2]
    leadership = by_row(find(tables, "leadership_by_type"))
    total = leadership["Total"]
    assert total["Board seats"] is None  # only the borderline builders gave a board
    assert total["% woman chair"] == 0.5  # Ban Suan (woman) and the coop (man)
    assert total["Women-led"] == 1  # Ban Suan's chair
    assert total["% women-led"] == 0.5
    beside = leadership["Borderline (not in the total)"]
    assert (beside["Board seats"], beside["Women-led"]) == (4, 1)
    assert leadership["Cooperative"]["Women-led"] == 0


def test_economic_size_by_currency_and_year_with_median_and_size_classes(
    thailand: dict[str, Entity],
) -> None:
    table = find(compile_th(), "economic_size")
    turnover = [r["cells"] for r in table["rows"] if r["cells"][0] == "Turnover"]
    assert len(turnover) == 1
    _measure, currency, year, n, total, median, micro, small, medium, large = turnover[
        0
    ]
    # The SSE only: Ban Suan and the cooperative (the builders are borderline).
    assert (currency, year, n) == ("THB", "2024", 2)
    assert total == 5_500_000
    assert median == 2_750_000
    assert (micro, small, medium, large) == (0, 1, 1, 0)


# --- Principles ----------------------------------------------------------------------


def test_principles_and_the_borderline_list(thailand: dict[str, Entity]) -> None:
    tables = compile_th()
    classes = by_row(find(tables, "classification_by_type"))["Total"]
    assert (classes["SSE"], classes["Borderline"]) == (2, 1)
    principles = [
        r["cells"]
        for r in find(tables, "principles_by_type")["rows"]
        if r["cells"][0] == "Social enterprise"
    ]
    p2 = next(cells for cells in principles if cells[1].startswith("P2 "))
    assert p2[2:] == [1, 0.0, 0.0, 1.0, 0.0]
    p4_all = next(
        r["cells"]
        for r in find(tables, "principles_by_type")["rows"]
        if r["kind"] == "total" and r["cells"][1].startswith("P4 ")
    )
    assert p4_all[3:5] == [
        pytest.approx(2 / 3, abs=1e-4),
        pytest.approx(1 / 3, abs=1e-4),
    ]
    borderline = find(tables, "borderline")
    assert [r["cells"][2] for r in borderline["rows"]] == ["Bangkok Builders"]


def test_principle_ratings_in_sql_follow_the_weakest_criterion_rule(
    th_consultant: User,
) -> None:
    chance = random.Random(7)
    expected: Counter[tuple[str, str]] = Counter()
    entities = []
    for index in range(24):
        ratings = {c.field: chance.choice(Rating.values) for c in CRITERIA}
        entity = make_entity(th_consultant, "TH", name_en=f"Rated {index}")
        entities_services.assessment_save(
            entity=entity, by=th_consultant, data=ratings, expected_version=None
        )
        entities.append(entity)
        for code in PRINCIPLES:
            rating = principle_rating(
                [
                    ratings[c.field]
                    for c in CRITERIA
                    if c.principle == code and c.code not in FLAG_ONLY
                ]
            )
            expected[(code, rating)] += 1
    validate(*entities)
    rows = [
        r["cells"]
        for r in find(compile_th(), "principles_by_type")["rows"]
        if r["kind"] == "total"
    ]
    for cells in rows:
        code = cells[1].split(" ")[0]
        for rating, found in zip(Rating.values, cells[3:], strict=True):
            assert found == pytest.approx(expected[(code, rating)] / 24, abs=1e-4), (
                code,
                rating,
            )


# --- Scope ---------------------------------------------------------------------------


def test_findings_validated_after_the_cutoff_wait_for_the_next_version(
    thailand: dict[str, Entity], th_consultant: User
) -> None:
    cutoff = timezone.now()
    later = make_entity(th_consultant, "TH", name_en="Validated later", sse_type="SHG")
    assess(later, th_consultant)
    validate(later)
    Entity.objects.filter(pk=later.pk).update(
        updated_at=cutoff + datetime.timedelta(microseconds=1)
    )
    assert find(compile_th(cutoff), "type_by_registration")["basis"]["n"] == 2
    assert find(compile_th(), "type_by_registration")["basis"]["n"] == 3


def test_it_counts_only_validated_case_studies_capacity_gaps_and_definitions(
    thailand: dict[str, Entity], th_consultant: User
) -> None:
    country = Country.objects.get(pk="TH")
    priority = NationalPriority.objects.create(
        country=country, code="NP1", title="Rural livelihoods"
    )
    gap = records_services.record_create(
        model=CapacityGap,
        country=country,
        by=th_consultant,
        data={
            "title": "No access to credit",
            "category": "FINANCE",
            "severity": 3,
            "national_priority": priority,
        },
    )
    records_services.record_create(
        model=CapacityGap,
        country=country,
        by=th_consultant,
        data={"title": "Draft gap", "category": "DIGITAL", "severity": 1},
    )
    study = records_services.record_create(
        model=CaseStudy,
        country=country,
        by=th_consultant,
        data={
            "title": "Ban Suan weavers",
            "area": AdminArea.objects.get(code="TH-50"),
            "entities": [thailand["ban_suan"]],
        },
    )
    definition = records_services.national_definition_create(
        country=country, by=th_consultant, data={"title": "Thai SSE definition"}
    )
    validate(gap, study, definition)
    tables = compile_th()
    gaps = by_row(find(tables, "gaps_by_priority"))
    assert gaps["NP1 Rural livelihoods"]["Gaps"] == 1
    assert gaps["NP1 Rural livelihoods"]["Critical"] == 1
    assert gaps["Total"]["Gaps"] == 1
    studies = find(tables, "case_studies")
    assert [r["cells"][0] for r in studies["rows"]] == ["Ban Suan weavers"]
    assert THAI_NAME in studies["rows"][0]["cells"][-1]
    coverage = by_row(find(tables, "coverage_by_sector"))
    assert coverage["North"]["Small-scale farming"] == 1
    assert coverage["North"]["Construction"] == 0
    definition_section = next(s for s in tables["sections"] if s["key"] == "definition")
    assert definition_section["definition"]["title"] == "Thai SSE definition"
    assert len(definition_section["tables"][0]["rows"]) == 14
    status = by_row(find(tables, "validation_status"))
    # Entities: 3 validated, 1 submitted, 1 draft → 3 of the 4 submitted.
    assert status["Entities"]["% validated of submitted"] == 0.75
    assert status["Capacity gaps"]["Draft"] == 1


def test_private_entities_are_not_named(thailand: dict[str, Entity]) -> None:
    Entity.objects.filter(pk=thailand["builders"].pk).update(visibility="PRIVATE")
    rows = find(compile_th(), "borderline")["rows"]
    assert rows[0]["cells"][2] == ""
    assert "Bangkok Builders" not in str(rows)


def test_the_number_of_queries_does_not_grow_with_the_number_of_entities(
    thailand: dict[str, Entity], th_consultant: User
) -> None:
    with CaptureQueriesContext(connection) as few:
        compile_th()
    more = []
    for index in range(12):
        entity = make_entity(
            th_consultant,
            "TH",
            name_en=f"More {index}",
            sse_type=["CE", "SHG", "ASSOC"][index % 3],
            area=AdminArea.objects.filter(country="TH")[index],
        )
        add_figures(
            entity, th_consultant, 2024, members_total=10 + index, members_women=index
        )
        assess(entity, th_consultant)
        more.append(entity)
    validate(*more)
    with CaptureQueriesContext(connection) as many:
        tables = compile_th()
    assert find(tables, "type_by_registration")["basis"]["n"] == 14
    assert len(many) == len(few)


# --- Regional ----------------------------------------------------------------------------


def test_the_regional_comparison_puts_the_headline_tables_side_by_side(
    thailand: dict[str, Entity], kh_consultant: User
) -> None:
    khmer = make_entity(
        kh_consultant,
        "KH",
        name_local="សហគមន៍កសិកម្ម",
        sse_type="SHG",
        registration_status="INFORMAL",
    )
    add_figures(
        khmer, kh_consultant, 2024, members_total=20, members_women=20, members_men=0
    )
    assess(khmer, kh_consultant)
    validate(khmer)
    tables = regional_tables(
        list(Country.objects.filter(pk__in=["KH", "TH"])), timezone.now()
    )
    entities = by_row(find(tables, "regional_entities"))
    assert entities["Validated entities"]["Thailand"] == 3
    assert entities["Validated entities"]["Cambodia"] == 1
    shares = by_row(find(tables, "regional_shares"))
    assert shares["Informal"]["Cambodia"] == 1.0
    people = by_row(find(tables, "regional_people"))
    assert people["Members"]["Thailand"] == 150  # the builders are borderline
    assert people["% women among members (of known sex)"]["Cambodia"] == 1.0
    assert people["% of members not disaggregated by sex"]["Thailand"] == 0.4


# --- Who compiles ---------------------------------------------------------------------


def test_staff_and_the_countrys_committee_compile_and_each_time_a_new_version(
    staff: User, th_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    thailand = Country.objects.get(pk="TH")
    with django_capture_on_commit_callbacks() as queued:
        first = reports_services.report_compile_request(by=staff, country=thailand)
    assert len(queued) == 1
    Report.objects.filter(pk=first.pk).update(status="done")
    second = reports_services.report_compile_request(by=th_committee, country=thailand)
    assert (first.number, second.number) == (1, 2)
    assert second.countries == ["TH"]
    assert second.requested_by == th_committee


def test_consultants_and_other_committees_cannot_compile(
    th_consultant: User, kh_committee: User, staff: User
) -> None:
    thailand = Country.objects.get(pk="TH")
    with pytest.raises(NotAllowedError):
        reports_services.report_compile_request(by=th_consultant, country=thailand)
    with pytest.raises(NotAllowedError):
        reports_services.report_compile_request(by=kh_committee, country=thailand)
    with pytest.raises(NotAllowedError):
        reports_services.report_compile_request(by=kh_committee, countries=["KH", "TH"])
    assert not Report.objects.exists()


def test_a_second_request_while_one_compiles_is_refused(staff: User) -> None:
    thailand = Country.objects.get(pk="TH")
    reports_services.report_compile_request(by=staff, country=thailand)
    with pytest.raises(ApplicationError, match="still being compiled"):
        reports_services.report_compile_request(by=staff, country=thailand)


def test_a_regional_comparison_needs_two_known_countries(staff: User) -> None:
    with pytest.raises(ApplicationError):
        reports_services.report_compile_request(by=staff, countries=["TH"])
    with pytest.raises(ApplicationError):
        reports_services.report_compile_request(by=staff, countries=["TH", "XX"])
    report = reports_services.report_compile_request(by=staff, countries=["vn", "TH"])
    assert (report.kind, report.country, report.countries) == (
        "regional",
        None,
        ["TH", "VN"],
    )
    Report.objects.filter(pk=report.pk).update(status="done")
    everyone = reports_services.report_compile_request(by=staff)
    assert everyone.countries == ["KG", "KH", "MN", "TH", "VN"]
    assert everyone.number == 2


# --- Rendering ---------------------------------------------------------------------------


def test_names_stay_whole_and_long_lists_are_shortened_in_the_page_and_pdf() -> None:
    from surveys.reports.render import display_table
    from surveys.reports.tables import NAME, TEXT, basis, column, row, table

    long_name = "A very long English name of a cooperative that cannot fit on one line"
    listing = table(
        "studies",
        "Case studies",
        [column("Case study", TEXT), column("Area", NAME), column("Entities", TEXT)],
        [row([f"Study {i}", "Chiang Mai", [THAI_NAME, long_name]]) for i in range(60)],
        basis=basis(n=60, population="60", reference="now", sources="tests"),
    )
    listing["display_limit"] = 50
    shown = display_table(listing)
    assert len(shown["display_rows"]) == 50
    assert "The first 50 of 60 rows are shown" in shown["notes"][-1]
    first = shown["display_rows"][0]["cells"]
    assert first[1]["kind"] == NAME  # kept on one line
    assert [line["text"] for line in first[2]["lines"]] == [THAI_NAME, long_name]
    assert [line["kind"] for line in first[2]["lines"]] == [NAME, TEXT]


def test_chart_labels_are_escaped() -> None:
    from surveys.reports.chart_drawing import Series, horizontal_bars

    svg = horizontal_bars(
        "Gaps <b>", ['<script>alert("x")</script>'], [Series("A & B", "#000", [3])]
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "A &amp; B" in svg


def test_a_chart_label_counts_letters_not_the_marks_above_or_below_them() -> None:
    from surveys.reports.chart_drawing import LABEL_CHARACTERS, Series, horizontal_bars

    # 30 letters, and 8 vowels and tone marks over or under them.
    thai = "สหกรณ์ออมทรัพย์ / สหกรณ์เครดิตยูเนี่ยน"
    latin = "x" * (LABEL_CHARACTERS + 1)
    svg = horizontal_bars("Types", [thai, latin], [Series("A", "#000", [1, 2])])
    assert f">{thai}</text>" in svg
    assert f">{'x' * (LABEL_CHARACTERS - 1)}…</text>" in svg


def test_the_pdf_never_loads_files_or_addresses(
    tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from surveys.reports.render import write_pdf

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    write_pdf(f'<p>Report<img src="file://{secret}"></p>', tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert "disallowed protocol" in caplog.text


def test_a_report_pdf_is_written_without_a_warning_from_weasyprint(
    thailand: dict[str, Entity], tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from surveys.reports.render import html_document, write_pdf

    meta = {
        "title": "Country mapping report: Thailand",
        "subtitle": "National mapping study",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        write_pdf(html_document(compile_th(), meta), tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []
