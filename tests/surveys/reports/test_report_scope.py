"""The scope of every statistic in a country report, against a small fixture computed
by hand.

Thailand, five validated entities, each with 2024 figures:

| entity          | level     | classification | members (women, men) |
|-----------------|-----------|----------------|----------------------|
| Coop A          | primary   | SSE            | 30 (10, 20)          |
| Coop B          | not given | SSE            | 20 (20, 0)           |
| Federation      | secondary | SSE            | 14 (its member coops)|
| Borderline SHG  | primary   | borderline     | 7 (7, 0)             |
| Outside company | primary   | outside        | 100 (50, 50)         |

Headline people totals: 30 + 20 = 50 members, 30 women, 20 men (the federation's 14
are its member organisations, already counted). The borderline 7 are beside, the
outside 100 nowhere but the annex. Coop A, coop B and the borderline SHG are recorded
as members of the federation: 3 of its 14 declared members mapped, 2 in the SSE,
whose 50 members are already in the people totals.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from countries.models import Country
from countries.vocabularies import Rating, WorkflowState
from surveys.entities import affiliations
from surveys.models import Entity
from surveys.principles.reasons import reasons_text
from surveys.records import services as records_services
from surveys.reports.country import Scope, country_tables
from tests.surveys.reports.test_reports import (
    add_figures,
    assess,
    by_row,
    find,
    make_entity,
    validate,
)

pytestmark = pytest.mark.django_db

BORDERLINE = "Borderline (not in the total)"


@pytest.fixture
def scoped(th_consultant: User) -> dict[str, Entity]:
    def entity(name: str, members: tuple[int, int, int], **data: Any) -> Entity:
        ratings = data.pop("ratings", {})
        found = make_entity(th_consultant, "TH", name_en=name, **data)
        total, women, men = members
        add_figures(
            found,
            th_consultant,
            2024,
            members_total=total,
            members_women=women,
            members_men=men,
        )
        assess(found, th_consultant, **ratings)
        return found

    found = {
        "coop_a": entity("Coop A", (30, 10, 20), org_level="PRIMARY"),
        "coop_b": entity("Coop B", (20, 20, 0)),
        "federation": entity(
            "Federation", (14, 0, 0), org_level="SECONDARY", sse_type="COOP"
        ),
        "borderline": entity(
            "Borderline SHG",
            (7, 7, 0),
            sse_type="SHG",
            ratings={"p2_2": Rating.NOT_MET},
        ),
        "outside": entity(
            "Outside company",
            (100, 50, 50),
            sse_type="SE",
            ratings={"p3_1": Rating.NOT_MET, "p4_2": Rating.NOT_MET},
        ),
    }
    for member in ("coop_a", "coop_b", "borderline"):
        affiliations.affiliation_add(
            member=found[member],
            federation=found["federation"],
            year=2020,
            by=th_consultant,
            expected_version=None,
        )
    validate(*found.values())
    return found


def compile_th() -> dict[str, Any]:
    return country_tables(Scope(Country.objects.get(pk="TH"), timezone.now()))


def test_the_fixture_is_classified_as_the_table_says(
    scoped: dict[str, Entity],
) -> None:
    classes = {
        key: Entity.objects.get(pk=e.pk).classification for key, e in scoped.items()
    }
    assert classes == {
        "coop_a": "SSE",
        "coop_b": "SSE",
        "federation": "SSE",
        "borderline": "BORDERLINE",
        "outside": "OUTSIDE",
    }


def test_an_outside_entity_and_a_federation_change_no_people_total(
    scoped: dict[str, Entity],
) -> None:
    table = find(compile_th(), "members_by_type")
    rows = by_row(table)
    total = rows["Total"]
    assert (total["Members"], total["Women"], total["Men"]) == (50, 30, 20)
    assert total["Entities reporting"] == 2
    assert rows["Cooperative"]["Members"] == 50
    assert table["basis"]["n"] == 2
    assert "federations" in table["basis"]["scope"]
    assert "1 outside the SSE" in table["basis"]["scope"]
    area_total = by_row(find(compile_th(), "members_by_area"))["Total"]
    assert area_total["Members"] == 50
    assert by_row(find(compile_th(), "key_figures"))["Members"]["Number"] == 50


def test_a_federation_counts_as_an_organisation(scoped: dict[str, Entity]) -> None:
    rows = by_row(find(compile_th(), "type_by_registration"))
    assert rows["Cooperative"]["Total"] == 3  # coop A, coop B and the federation
    assert rows["Total"]["Total"] == 3


def test_a_borderline_entity_appears_in_its_own_column_and_row(
    scoped: dict[str, Entity],
) -> None:
    tables = compile_th()
    entities = by_row(find(tables, "type_by_registration"))
    assert entities["Self-help or savings group"]["Total"] == 0
    assert entities["Self-help or savings group"][BORDERLINE] == 1
    assert entities["Total"][BORDERLINE] == 1
    assert "Social enterprise" not in entities  # the outside company: nowhere
    members = by_row(find(tables, "members_by_type"))
    assert members[BORDERLINE]["Members"] == 7
    assert "1 borderline" in find(tables, "type_by_registration")["basis"]["scope"]
    listed = find(tables, "borderline")
    assert [r["cells"][2] for r in listed["rows"]] == ["Borderline SHG"]


def test_entities_outside_the_sse_are_listed_in_the_annex_with_their_reasons(
    scoped: dict[str, Entity],
) -> None:
    tables = compile_th()
    annex = tables["sections"][-1]
    assert annex["key"] == "annexes"
    listed = annex["tables"][0]
    assert listed["key"] == "outside"
    assert [r["cells"][2] for r in listed["rows"]] == ["Outside company"]
    reasons = reasons_text(
        Entity.objects.get(pk=scoped["outside"].pk).classification_reasons
    )
    assert reasons
    assert listed["rows"][0]["cells"][5] == " ".join(reasons)
    key = by_row(find(tables, "key_figures"))
    assert key["Validated entities"]["Number"] == 5
    assert key["Outside the SSE (left out)"]["Number"] == 1
    assert key["Classified as SSE"]["Number"] == 3


def test_a_long_annex_lists_the_first_codes_in_order_and_says_how_many(
    scoped: dict[str, Entity], th_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("surveys.reports.listings.LIST_LIMIT", 2)
    more = []
    # Codes in the reverse order of entry: the mill's is the first of the three.
    for name, code in (
        ("Outside trader", "TH-A3"),
        ("Outside shop", "TH-A2"),
        ("Outside mill", "TH-A1"),
    ):
        found = make_entity(th_consultant, "TH", name_en=name, sse_type="SE")
        Entity.objects.filter(pk=found.pk).update(code=code)
        assess(found, th_consultant, p3_1=Rating.NOT_MET, p4_2=Rating.NOT_MET)
        more.append(found)
    validate(*more)
    codes = sorted(
        Entity.objects.filter(country="TH", classification="OUTSIDE").values_list(
            "code", flat=True
        )
    )
    assert len(codes) == 4
    listed = find(compile_th(), "outside")
    assert [r["cells"][0] for r in listed["rows"]] == codes[:2]
    assert [r["cells"][2] for r in listed["rows"]] == [
        "Outside company",
        "Outside mill",
    ]
    assert "The first 2 of 4 are listed." in listed["notes"]


def test_the_provisional_marker_appears_exactly_when_no_definition_is_validated(
    scoped: dict[str, Entity], th_consultant: User
) -> None:
    from surveys.reports.render import html_document

    meta = {
        "title": "Thailand",
        "subtitle": "",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    provisional = compile_th()
    assert provisional["provisional"] is True
    for key in ("type_by_registration", "members_by_type", "classification_by_type"):
        assert find(provisional, key)["basis"]["provisional"] is True
    assert not find(provisional, "principles_by_type")["basis"].get("provisional")
    assert "Provisional classification" in html_document(provisional, meta)

    definition = records_services.national_definition_create(
        country=Country.objects.get(pk="TH"),
        by=th_consultant,
        data={"title": "Thai SSE definition"},
    )
    validate(definition)
    settled = compile_th()
    assert settled["provisional"] is False
    for key in ("type_by_registration", "members_by_type", "classification_by_type"):
        assert find(settled, key)["basis"]["provisional"] is False
    assert "Provisional classification" not in html_document(settled, meta)


def test_federations_are_reported_with_the_coverage_of_their_membership(
    scoped: dict[str, Entity],
) -> None:
    table = find(compile_th(), "federations")
    labels = [c["label"] for c in table["columns"]]
    (federation, total) = [
        dict(zip(labels, r["cells"], strict=True)) for r in table["rows"]
    ]
    assert federation["Name (English)"] == "Federation"
    assert federation["Member organisations declared"] == 14
    assert federation["Member organisations mapped"] == 3
    assert federation["Of which in the SSE"] == 2
    assert federation["Coverage (mapped ÷ declared)"] == pytest.approx(3 / 14, abs=1e-4)
    assert federation["Members of its SSE primary member organisations"] == 50
    assert total["Member organisations mapped"] == 3
    assert table["basis"]["n"] == 1


def test_a_member_validated_after_the_cutoff_is_not_yet_mapped(
    scoped: dict[str, Entity], th_consultant: User
) -> None:
    Entity.objects.filter(pk=scoped["coop_b"].pk).update(
        workflow_state=WorkflowState.DRAFT
    )
    table = find(compile_th(), "federations")
    assert table["rows"][0]["cells"][6:8] == [2, 1]  # coop A and the SHG


def test_the_workbook_has_a_native_chart_for_every_chart_and_unique_sheet_names(
    scoped: dict[str, Entity], tmp_path: Any
) -> None:
    import openpyxl

    from surveys.reports.charts import country_charts
    from surveys.reports.render import write_xlsx

    tables = compile_th()
    tables["charts"] = country_charts(tables)
    shown = [
        key
        for section in tables["sections"]
        for key in [
            *section["charts"],
            *[t.get("chart") for t in section["tables"] if not t.get("workbook_only")],
        ]
        if key in tables["charts"]
    ]
    assert len(shown) == len(tables["charts"]) == 11  # no capacity gaps: no gap chart
    # The map alone has no native chart: the workbook has the table by area.
    native = [key for key, chart in tables["charts"].items() if "data" in chart]
    assert len(native) == 10
    assert "coverage_map" not in native
    path = tmp_path / "report.xlsx"
    meta = {
        "title": "Thailand",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    write_xlsx(tables, meta, path)
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    assert names[:2] == ["About", "Contents"]
    assert len({name.lower() for name in names}) == len(names)
    assert all(len(name) <= 31 for name in names)
    found = {name: len(workbook[name]._charts) for name in names}
    assert sum(found.values()) == 10
    members = next(name for name in names if name.endswith(". Members by type"))
    assert found[members] == 1
    (chart,) = workbook[members]._charts
    assert len(chart.series) == 3  # women, men, not disaggregated
    key_figures = next(name for name in names if "Key figures" in name)
    assert found[key_figures] == 2  # the summary's types and classification
    contents = workbook["Contents"]
    listed = [row[0].value for row in contents.iter_rows(min_row=4)]
    assert listed == names[2:]
    assert contents.cell(row=4, column=1).hyperlink is not None


def test_without_federations_or_borderline_figures_nothing_empty_is_shown(
    th_consultant: User,
) -> None:
    coop = make_entity(th_consultant, "TH", name_en="Lone coop")
    add_figures(coop, th_consultant, 2024, members_total=12, members_women=6)
    assess(coop, th_consultant)
    validate(coop)
    tables = compile_th()
    federations = find(tables, "federations")
    assert federations["rows"] == []
    assert "No union, federation or apex body is recorded." in federations["notes"]
    members = by_row(find(tables, "members_by_type"))
    assert BORDERLINE not in members
    assert members["Total"]["Members"] == 12
    entities = by_row(find(tables, "type_by_registration"))
    assert entities["Total"][BORDERLINE] == 0  # the column stays, saying none


def test_the_number_of_queries_does_not_grow_with_federations_and_classes(
    scoped: dict[str, Entity], th_consultant: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        compile_th()
    more = []
    for index in range(6):
        ratings = [{}, {"p2_2": Rating.NOT_MET}, {"p3_1": Rating.NOT_MET}][index % 3]
        entity = make_entity(
            th_consultant,
            "TH",
            name_en=f"More {index}",
            org_level="SECONDARY" if index % 2 else "PRIMARY",
        )
        add_figures(entity, th_consultant, 2024, members_total=10 + index)
        assess(entity, th_consultant, **ratings)
        affiliations.affiliation_add(
            member=entity,
            federation=scoped["federation"],
            year=2021,
            by=th_consultant,
            expected_version=None,
        )
        more.append(entity)
    validate(*more)
    with CaptureQueriesContext(connection) as many:
        tables = compile_th()
    assert find(tables, "federations")["rows"][0]["cells"][6] == 9
    assert len(many) == len(few)


def test_the_pdf_is_tagged_for_screen_readers(
    scoped: dict[str, Entity], tmp_path: Any
) -> None:
    import shutil
    import subprocess

    from surveys.reports.render import html_document, write_pdf

    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo is not installed (apt-get install poppler-utils)")
    meta = {
        "title": "Country mapping report: Thailand",
        "subtitle": "",
        "version": 1,
        "cutoff_label": "today",
        "compiled_label": "today",
        "requested_by": "staff",
        "built_from": "validated records",
    }
    path = tmp_path / "report.pdf"
    write_pdf(html_document(compile_th(), meta), path)
    info = subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert "Tagged:          yes" in info
