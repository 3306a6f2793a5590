"""The regional comparison against a small fixture computed by hand.

Validated entities, figures of 2024:

| country | entity          | level     | class.     | members (W, M) | turnover            |
|---------|-----------------|-----------|------------|----------------|---------------------|
| TH      | Coop            | primary   | SSE        | 30 (10, 20)    | 3 500 000 THB       |
| TH      | Federation      | secondary | SSE        | 14 (its coops) | —                   |
| TH      | Borderline SHG  | primary   | borderline | 7 (7, 0)       | 700 000 THB         |
| KH      | Farmers' group  | primary   | SSE        | 20 (20, 0)     | 41 000 000 KHR      |
| MN      | Herders' coop   | primary   | SSE        | 40 (20, 20)    | 100 000 000 MNT     |

Stored rates (the test's own): THB 2024 35.0; KHR 2023 4 100 and 2025 4 000 (none for
2024: the nearest earlier, 2023, converts); none for MNT (not converted). So turnover
in US dollars: Thailand 3 500 000 / 35 = 100 000, Cambodia 41 000 000 / 4 100 =
10 000, Mongolia not converted; all countries 110 000. The borderline SHG's 700 000
THB and 7 members are beside, never added.

Definitions: Thailand v1 then v2 validated (v2: P4.2 at most 30 % on capital, P4.3
required, P3.3 not used, two years of operation); Cambodia v1 validated (informal
groups excluded); Mongolia only a draft: provisional.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from countries.models import Country, ExchangeRate
from countries.vocabularies import Rating, Treatment, WorkflowState
from sse_mapping.exceptions import NotAllowedError
from surveys import access
from surveys.models import Entity, Report
from surveys.reports import services as reports_services
from surveys.reports.regional import regional_charts, regional_tables
from surveys.reports.regional_economy import conversion, stored_rates
from tests.surveys.factories import DefinitionElementFactory, NationalDefinitionFactory
from tests.surveys.reports.test_reports import (
    add_figures,
    assess,
    by_row,
    find,
    make_entity,
    validate,
)

pytestmark = pytest.mark.django_db

COMPARED = ["KH", "MN", "TH"]
ECONOMY_ROWS = ("regional_economy", "regional_economy_by_currency")


def entity(
    user: User,
    country: str,
    name: str,
    members: tuple[int, int, int],
    *,
    turnover: tuple[int, str] | None = None,
    ratings: dict[str, str] | None = None,
    **data: Any,
) -> Entity:
    found = make_entity(user, country, name_en=name, **data)
    total, women, men = members
    money = (
        {"turnover": Decimal(turnover[0]), "currency": turnover[1]} if turnover else {}
    )
    add_figures(
        found,
        user,
        2024,
        members_total=total,
        members_women=women,
        members_men=men,
        **money,
    )
    assess(found, user, **(ratings or {}))
    validate(found)
    return found


def use_rates(*rates: tuple[str, int, str]) -> None:
    ExchangeRate.objects.all().delete()
    for currency, year, rate in rates:
        ExchangeRate.objects.create(
            currency=currency,
            year=year,
            units_per_usd=Decimal(rate),
            source=f"Test source for {currency}",
        )


@pytest.fixture
def region(
    th_consultant: User, kh_consultant: User, make_persona: Any
) -> dict[str, Entity]:
    mn_consultant = make_persona("mn-consultant", "MN", "consultant")
    found = {
        "coop": entity(
            th_consultant,
            "TH",
            "Coop",
            (30, 10, 20),
            turnover=(3_500_000, "THB"),
            org_level="PRIMARY",
        ),
        "federation": entity(
            th_consultant,
            "TH",
            "Federation",
            (14, 0, 0),
            org_level="SECONDARY",
        ),
        "borderline": entity(
            th_consultant,
            "TH",
            "Borderline SHG",
            (7, 7, 0),
            turnover=(700_000, "THB"),
            sse_type="SHG",
            ratings={"p2_2": Rating.NOT_MET},
        ),
        "farmers": entity(
            kh_consultant,
            "KH",
            "Farmers' group",
            (20, 20, 0),
            turnover=(41_000_000, "KHR"),
            sse_type="SHG",
        ),
        "herders": entity(
            mn_consultant,
            "MN",
            "Herders' coop",
            (40, 20, 20),
            turnover=(100_000_000, "MNT"),
        ),
    }
    use_rates(("THB", 2024, "35.0"), ("KHR", 2023, "4100"), ("KHR", 2025, "4000"))
    # Definitions after the entities are classified: these tests read them only.
    validated = WorkflowState.VALIDATED
    NationalDefinitionFactory(country_id="TH", workflow_state=validated)
    thai = NationalDefinitionFactory(
        country_id="TH",
        workflow_state=validated,
        minimum_years_operating=2,
        rules={
            "max_surplus_on_capital_pct": 30,
            "treatments": {"P4.3": "REQUIRED", "P3.3": "NOT_USED"},
        },
    )
    DefinitionElementFactory(definition=thai, element="P4", treatment=Treatment.ADAPTED)
    DefinitionElementFactory(
        definition=thai, element="TYPES", treatment=Treatment.ADDED
    )
    NationalDefinitionFactory(
        country_id="KH", workflow_state=validated, informal_groups_allowed=False
    )
    NationalDefinitionFactory(country_id="MN", workflow_state=WorkflowState.DRAFT)
    return found


def compile_region(codes: list[str] | None = None) -> dict[str, Any]:
    countries = list(Country.objects.filter(pk__in=codes or COMPARED))
    return regional_tables(countries, timezone.now())


def test_the_fixture_is_classified_as_the_table_says(
    region: dict[str, Entity],
) -> None:
    classes = {
        key: Entity.objects.get(pk=e.pk).classification for key, e in region.items()
    }
    assert classes == {
        "coop": "SSE",
        "federation": "SSE",
        "borderline": "BORDERLINE",
        "farmers": "SSE",
        "herders": "SSE",
    }


# --- Exchange rates ------------------------------------------------------------------


def test_amounts_convert_at_the_stored_rate_of_their_year(
    region: dict[str, Entity],
) -> None:
    economy = find(compile_region(), "regional_economy")
    usd = by_row(economy)["Turnover, total (USD)"]
    # 3 500 000 THB at 35.0 = 100 000; 41 000 000 KHR at 4 100 (2023) = 10 000.
    assert (usd["Thailand"], usd["Cambodia"]) == (100_000, 10_000)
    assert usd["Mongolia"] is None
    assert usd["All countries"] == 110_000
    reporting = by_row(economy)["Entities reporting turnover"]
    assert (reporting["Thailand"], reporting["All countries"]) == (1, 3)
    assert by_row(economy)["of which not converted (no stored rate)"]["Mongolia"] == 1
    # The borderline SHG's 700 000 THB at 35.0, beside and not added.
    beside = by_row(economy)["Turnover of borderline entities (USD, not in the total)"]
    assert (beside["Thailand"], beside["Cambodia"], beside["All countries"]) == (
        20_000,
        None,
        20_000,
    )
    assert "shown beside, not added: 1 borderline" in economy["basis"]["scope"]
    sources = economy["basis"]["sources"]
    assert "THB 2024: 35.00" in sources
    assert "Test source for THB" in sources
    assert "no stored rate, not converted: MNT 2024" in sources


def test_a_year_without_a_rate_takes_the_nearest_earlier_one_and_says_so(
    region: dict[str, Entity],
) -> None:
    # by_row keys on the first cell (the measure): key on the measure and country.
    table = find(compile_region(), "regional_economy_by_currency")
    labels = [c["label"] for c in table["columns"]]
    lines = {
        (r["cells"][0], r["cells"][1]): dict(zip(labels, r["cells"], strict=True))
        for r in table["rows"]
    }
    cambodia = lines[("Turnover", "Cambodia")]
    assert cambodia["Total"] == 41_000_000
    assert cambodia["Rate per USD (year)"] == "4,100 (2023, nearest earlier year)"
    assert cambodia["Total (USD)"] == 10_000
    mongolia = lines[("Turnover", "Mongolia")]
    assert (mongolia["Rate per USD (year)"], mongolia["Total (USD)"]) == (
        "not converted",
        None,
    )
    total = lines[("Turnover", "All countries, converted")]
    assert (total["Entities reporting"], total["Total (USD)"]) == (2, 110_000)
    rates = stored_rates(["KHR"])
    assert conversion(rates, "KHR", 2025).rate_year == 2025
    assert conversion(rates, "KHR", 2022).rate is None


def test_the_usd_chart_and_the_workbook_carry_the_converted_totals(
    region: dict[str, Entity],
) -> None:
    tables = compile_region()
    chart = regional_charts(tables)["regional_turnover_usd"]
    assert chart["data"]["categories"] == ["Cambodia", "Mongolia", "Thailand"]
    assert chart["data"]["series"][0]["values"] == [10_000, None, 100_000]


# --- Definitions ---------------------------------------------------------------------


def test_the_definitions_are_compared_criterion_by_criterion(
    region: dict[str, Entity],
) -> None:
    compared = by_row(find(compile_region(), "regional_definitions"))
    assert compared["National definition"]["Thailand"].startswith(
        "version 2, validated"
    )
    assert (
        compared["National definition"]["Mongolia"]
        == "no validated definition (provisional)"
    )
    p42 = compared["P4.2 Surplus not distributed in proportion to capital"]
    assert p42["Thailand"] == "Adapted: counts; at most 30 % of surplus paid on capital"
    assert p42["Cambodia"] == "Adopted: counts"
    assert p42["Mongolia"] == "–"
    assert (
        compared["P4.3 Asset lock on dissolution"]["Thailand"]
        == "Adapted: required (ILC default: counts)"
    )
    p33 = compared[
        "P3.3 Not dependent on one public or donor source for over 50 % of income"
    ]
    assert p33["Thailand"] == "Omitted"
    assert p33["Cambodia"] == "Adopted: flag only; over 50 % of income from one source"
    informal = compared["Scope: informal groups"]
    assert (informal["Cambodia"], informal["Thailand"]) == (
        "Adapted: excluded",
        "Adopted: included",
    )
    assert compared["Scope: minimum years of operation"]["Thailand"] == "Added: 2 years"
    elements = by_row(find(compile_region(), "regional_definition_elements"))
    p4 = elements["P4 Primacy of people and social purpose over capital"]
    assert (p4["Thailand"], p4["Cambodia"], p4["Mongolia"]) == (
        "Adapted",
        "not stated",
        "–",
    )


def test_a_row_where_a_country_departs_from_the_default_is_highlighted(
    region: dict[str, Entity],
) -> None:
    rows = {
        r["cells"][0]: r["kind"]
        for r in find(compile_region(), "regional_definitions")["rows"]
    }
    assert rows["P4.2 Surplus not distributed in proportion to capital"] == "priority"
    assert rows["P1.1 Membership is voluntary"] == ""


# --- Scope ---------------------------------------------------------------------------


def test_the_headline_tables_count_the_sse_with_borderline_beside(
    region: dict[str, Entity],
) -> None:
    tables = compile_region()
    overview = by_row(find(tables, "regional_entities"))
    assert overview["Validated entities"]["Thailand"] == 3
    assert overview["Borderline"]["Thailand"] == 1
    types = by_row(find(tables, "regional_types"))
    assert types["SSE entities, total"]["Thailand"] == 2
    assert types["Borderline (not in the total)"]["Thailand"] == 1
    people = by_row(find(tables, "regional_people"))
    # The coop's 30: the federation's 14 are its member coops, the SHG is beside.
    assert people["Members"]["Thailand"] == 30
    assert people["Members of borderline entities (not in the total)"]["Thailand"] == 7
    assert people["Members"]["Cambodia"] == 20


def _headline(tables: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: find(tables, key)["rows"] for key in keys}


def test_an_outside_entity_changes_no_regional_total(
    region: dict[str, Entity], th_consultant: User
) -> None:
    keys = ("regional_types", "regional_shares", "regional_people", *ECONOMY_ROWS)
    before = compile_region()
    outside = entity(
        th_consultant,
        "TH",
        "Outside company",
        (100, 50, 50),
        turnover=(99_000_000, "THB"),
        sse_type="SE",
        ratings={"p3_1": Rating.NOT_MET, "p4_2": Rating.NOT_MET},
    )
    assert Entity.objects.get(pk=outside.pk).classification == "OUTSIDE"
    after = compile_region()
    assert _headline(after, *keys) == _headline(before, *keys)
    assert by_row(find(after, "regional_entities"))["Outside the SSE"]["Thailand"] == 1
    assert (
        "left out: 1 outside the SSE"
        in find(after, "regional_people")["basis"]["scope"]
    )


def test_a_federation_adds_no_people(
    region: dict[str, Entity], th_consultant: User
) -> None:
    before = compile_region()
    apex = entity(
        th_consultant,
        "TH",
        "Apex body",
        (500, 250, 250),
        org_level="APEX",
        year_established=2000,
    )
    assert Entity.objects.get(pk=apex.pk).classification == "SSE"
    after = compile_region()
    assert _headline(after, "regional_people") == _headline(before, "regional_people")
    types = by_row(find(after, "regional_types"))
    assert types["SSE entities, total"]["Thailand"] == 3


# --- Cost ----------------------------------------------------------------------------


def test_the_number_of_queries_grows_neither_with_entities_nor_with_rates(
    region: dict[str, Entity],
    th_consultant: User,
    kh_consultant: User,
) -> None:
    with CaptureQueriesContext(connection) as few:
        compile_region()
    for index in range(8):
        user, code, currency = [
            (th_consultant, "TH", "THB"),
            (kh_consultant, "KH", "KHR"),
        ][index % 2]
        made = make_entity(user, code, name_en=f"More {index}", sse_type="CE")
        add_figures(
            made,
            user,
            2020 + index % 4,
            members_total=10 + index,
            turnover=Decimal(1_000_000 + index),
            currency=currency,
        )
        assess(made, user)
        validate(made)
    for year in range(2000, 2020):
        for currency in ("THB", "KHR", "MNT", "USD", "EUR"):
            ExchangeRate.objects.create(
                currency=currency, year=year, units_per_usd=Decimal(2), source="more"
            )
    with CaptureQueriesContext(connection) as many:
        tables = compile_region()
    assert by_row(find(tables, "regional_entities"))["Validated entities"][
        "Thailand"
    ] == (3 + 4)
    assert len(many) == len(few)


# --- Who --------------------------------------------------------------------------------


def test_only_staff_compile_and_read_the_regional_comparison(
    th_consultant: User, th_committee: User, staff: User
) -> None:
    assert access.POLICY["report.regional"].roles == access.STAFF
    report = Report.objects.create(
        kind="regional",
        countries=["KH", "TH"],
        number=1,
        cutoff_at=timezone.now(),
        requested_by=staff,
        status="done",
    )
    for user in (th_consultant, th_committee):
        with pytest.raises(NotAllowedError):
            reports_services.report_compile_request(by=user, countries=["KH", "TH"])
        client = Client()
        client.force_login(user)
        assert client.get(reverse("report-regional")).status_code == 404
        assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404
        assert (
            client.get(reverse("report-download", args=[report.pk, "pdf"])).status_code
            == 404
        )
        assert client.get("/api/v1/reports/").json()["results"] == []
        assert client.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert Report.objects.count() == 1
    allowed = Client()
    allowed.force_login(staff)
    assert allowed.get(reverse("report-detail", args=[report.pk])).status_code == 200
    queued = reports_services.report_compile_request(by=staff, countries=["KH", "TH"])
    assert queued.kind == "regional"


def test_cutoff_is_respected_for_definitions(region: dict[str, Entity]) -> None:
    yesterday = timezone.now() - datetime.timedelta(days=1)
    tables = regional_tables(list(Country.objects.filter(pk__in=COMPARED)), yesterday)
    compared = by_row(find(tables, "regional_definitions"))
    assert (
        compared["National definition"]["Thailand"]
        == "no validated definition (provisional)"
    )


# --- Files -----------------------------------------------------------------------------


def test_the_page_pdf_and_workbook_carry_the_definitions_and_the_usd_figures(
    region: dict[str, Entity],
    staff: User,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    import openpyxl

    settings.PRIVATE_FILES_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        report = reports_services.report_compile_request(by=staff, countries=COMPARED)
    report.refresh_from_db()
    assert report.status == "done", report.error
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    for key in ("regional_definitions", "regional_economy", "regional_people"):
        assert f'data-table="{key}"' in page
    assert "4,100 (2023, nearest earlier year)" in page
    pdf = tmp_path / "regional.pdf"
    pdf.write_bytes(
        b"".join(
            client.get(
                reverse("report-download", args=[report.pk, "pdf"])
            ).streaming_content
        )
    )
    text = pdf_text(pdf)
    assert "criterion by criterion" in text
    assert "110,000" in text
    xlsx = tmp_path / "regional.xlsx"
    xlsx.write_bytes(
        b"".join(
            client.get(
                reverse("report-download", args=[report.pk, "xlsx"])
            ).streaming_content
        )
    )
    workbook = openpyxl.load_workbook(xlsx)
    names = workbook.sheetnames
    assert len({name.lower() for name in names}) == len(names)
    charts = {name: len(workbook[name]._charts) for name in names}
    economy = next(name for name in names if "Turnover and assets in US" in name)
    assert charts[economy] == 1
    # One native chart for each chart of the page and the PDF.
    assert sum(charts.values()) == len(report.tables["charts"]) == 4
    sheet = workbook[economy]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    usd = next(r for r in cells if r[0] == "Turnover, total (USD)")
    assert usd[1:5] == [10_000, None, 100_000, 110_000]


def pdf_text(path: Any) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
