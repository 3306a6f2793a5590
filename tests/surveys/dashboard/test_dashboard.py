"""The country dashboard: counts, what needs attention, and the coverage matrix."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import AdminArea, Country, IsicCode
from countries.vocabularies import Classification, SseType, WorkflowState
from surveys.entities import services as entities_services
from surveys.models import CapacityGap, CaseStudy, Entity
from surveys.records import services as records_services

pytestmark = pytest.mark.django_db

SECTOR_COLUMNS = ("FARM_SMALL", "ASM", "CONSTRUCTION", "WOMEN_LED")


def entity(by: User, name: str, country: str = "KH", **data: Any) -> Entity:
    area = data.pop("area", "KH-9" if country == "KH" else None)
    return entities_services.entity_create(
        country=Country.objects.get(pk=country),
        by=by,
        data={
            "name_en": name,
            "sse_type": "COOP",
            "area": AdminArea.objects.get(code=area) if area else None,
            **data,
        },
    )


def case_study(by: User, country: str = "KH", **data: Any) -> CaseStudy:
    return records_services.record_create(  # type: ignore[return-value]
        model=CaseStudy,
        country=Country.objects.get(pk=country),
        by=by,
        data={"title": "A case study", **data},
    )


def dashboard(client: Client, code: str = "KH") -> str:
    response = client.get(reverse("country-detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def sector_row(page: str, region: str) -> dict[str, tuple[str, str]]:
    """The region's row of the region × sector table: column → (css class, text)."""
    table = page.split('data-testid="coverage-sectors"')[1].split("</table>")[0]
    row = re.search(rf'<tr data-region="{region}">(.*?)</tr>', table, re.S)
    assert row, f"no row for {region}"
    cells = re.findall(r'<td class="([^"]*)"[^>]*>(.*?)</td>', row.group(1), re.S)
    return {
        column: (css, re.sub(r"<[^>]+>", "", text).strip())
        for column, (css, text) in zip(SECTOR_COLUMNS, cells, strict=True)
    }


def test_a_case_study_of_a_mining_entity_fills_its_region_and_sector_cell(
    client: Client, kh_consultant: User
) -> None:
    gold = entity(
        kh_consultant,
        "Koh Kong gold panners",
        main_activity=IsicCode.objects.get(pk="07"),
        sse_type=SseType.PRECOOP,
    )
    case_study(
        kh_consultant,
        title="Gold panners",
        area=AdminArea.objects.get(code="KH-7"),  # Kampot, also coastal
        entities=[gold],
    )
    client.force_login(kh_consultant)
    page = dashboard(client)

    coastal = sector_row(page, "COASTAL")
    assert coastal["ASM"] == ("text-center", "1")
    assert "cell-empty" in coastal["FARM_SMALL"][0]
    assert coastal["FARM_SMALL"][1] == "0"
    plain = sector_row(page, "PLAIN")
    assert all("cell-empty" in css for css, _text in plain.values())
    # The filled cell leads to the case studies it counts.
    cell_link = re.search(r'href="([^"]*sector=ASM[^"]*)"', page)
    assert cell_link
    listing = client.get(cell_link.group(1).replace("&amp;", "&"))
    assert "Gold panners" in listing.content.decode()
    # The type table counts the entity's type in the same region.
    types = page.split('data-testid="coverage-types"')[1].split("</table>")[0]
    precoop = re.search(r'<tr data-sse-type="PRECOOP">(.*?)</tr>', types, re.S)
    assert precoop and ">1</a>" in precoop.group(1)
    assert (
        "14 of 15 macro-region × priority sector cells have no case study yet" in page
    )


def test_the_dashboard_counts_only_its_own_countrys_records(
    client: Client, kh_consultant: User, th_consultant: User
) -> None:
    returned = entity(kh_consultant, "Returned cooperative")
    duplicate = entity(kh_consultant, "Maybe a duplicate", area="KH-2")
    borderline = entity(kh_consultant, "Borderline association", area="KH-3")
    entity(kh_consultant, "Plain draft", area="KH-12")
    Entity.objects.filter(pk=returned.pk).update(workflow_state=WorkflowState.RETURNED)
    Entity.objects.filter(pk=duplicate.pk).update(
        flag_possible_duplicate=True, flag_geo_mismatch=True
    )
    Entity.objects.filter(pk=borderline.pk).update(
        classification=Classification.BORDERLINE
    )
    entity(th_consultant, "Thai entity", country="TH")
    Entity.objects.filter(country="TH").update(
        workflow_state=WorkflowState.RETURNED,
        classification=Classification.BORDERLINE,
    )
    case_study(kh_consultant, gender_analysis="Written")
    case_study(kh_consultant, title="No gender analysis yet")
    records_services.record_create(
        model=CapacityGap,
        country=Country.objects.get(pk="KH"),
        by=kh_consultant,
        data={"title": "Critical gap", "category": "FINANCE", "severity": 3},
    )
    client.force_login(kh_consultant)
    page = dashboard(client)

    def count(testid: str) -> str:
        found = re.search(rf'data-testid="{testid}">(?:<a[^>]*>)?(\d+)', page)
        assert found, testid
        return found.group(1)

    assert count("total-entities") == "4"
    assert count("total-case-studies") == "2"
    assert count("total-capacity-gaps") == "1"

    def state_count(attribute: str, value: str) -> str:
        row = re.search(rf'<tr {attribute}="{value}">(.*?)</tr>', page, re.S)
        assert row, value
        return re.findall(r'<td class="text-end">(\d+)</td>', row.group(1))[0]

    assert state_count("data-state", "draft") == "3"
    assert state_count("data-state", "returned") == "1"
    assert state_count("data-classification", "BORDERLINE") == "1"

    def attention(key: str) -> tuple[str | None, str]:
        item = re.search(rf'data-attention="{key}">(.*?)</li>', page, re.S)
        assert item, key
        link = re.search(r'href="([^"]+)"', item.group(1))
        badge = re.search(r"badge[^>]*>(\d+)<", item.group(1))
        assert badge
        return (link.group(1).replace("&amp;", "&") if link else None, badge.group(1))

    entities_url = reverse("entity-list", args=["KH"])
    assert attention("returned") == (f"{entities_url}?workflow_state=returned", "1")
    assert attention("BORDERLINE") == (f"{entities_url}?classification=BORDERLINE", "1")
    assert attention("POSSIBLE_DUPLICATE") == (
        f"{entities_url}?flag=POSSIBLE_DUPLICATE",
        "1",
    )
    assert attention("GEO_MISMATCH") == (f"{entities_url}?flag=GEO_MISMATCH", "1")
    assert attention("DISAGG_INCONSISTENT") == (None, "0")
    assert attention("no-gender-analysis")[1] == "1"


def test_a_consultant_sees_quick_links_to_add_records_and_a_committee_member_does_not(
    client: Client, kh_consultant: User, kh_committee: User
) -> None:
    client.force_login(kh_consultant)
    page = dashboard(client)
    for name in ("entity-create", "case-study-create", "capacity-gap-create"):
        assert f'href="{reverse(name, args=["KH"])}"' in page
    assert f'href="{reverse("definition-list", args=["KH"])}"' in page
    assert f'href="{reverse("country-reference", args=["KH"])}"' in page

    client.force_login(kh_committee)
    page = dashboard(client)
    assert reverse("case-study-create", args=["KH"]) not in page
    assert f'href="{reverse("definition-list", args=["KH"])}"' in page


def test_a_user_of_one_country_has_its_pages_in_the_navigation(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    page = dashboard(client)
    nav = page.split('id="main-nav"')[1].split("</ul>")[0]
    for name in (
        "country-detail",
        "entity-list",
        "case-study-list",
        "capacity-gap-list",
        "definition-list",
    ):
        assert f'href="{reverse(name, args=["KH"])}"' in nav
    assert 'aria-current="page"' in nav.split(reverse("country-detail", args=["KH"]))[0]


def test_staff_reach_each_countrys_pages_from_the_country_list(
    client: Client, staff: User
) -> None:
    client.force_login(staff)
    page = client.get(reverse("country-list")).content.decode()
    row = page.split('data-country="TH"')[1].split("</tr>")[0]
    for name in (
        "country-detail",
        "entity-list",
        "case-study-list",
        "capacity-gap-list",
        "definition-list",
        "country-reference",
    ):
        assert f'href="{reverse(name, args=["TH"])}"' in row
    assert "Thailand" in dashboard(client, "TH")


def test_the_reference_data_moved_to_its_own_page(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    assert f'href="{reverse("country-reference", args=["KH"])}"' in dashboard(client)
    page = client.get(reverse("country-reference", args=["KH"])).content.decode()
    assert "Battambang" in page
    assert "Legal forms" in page


def test_the_dashboard_reads_in_a_fixed_number_of_queries(
    client: Client,
    kh_consultant: User,
    django_assert_max_num_queries: Any,
) -> None:
    for number in range(5):
        case_study(kh_consultant, title=f"Study {number}")
    client.force_login(kh_consultant)
    with django_assert_max_num_queries(30):
        dashboard(client)


def test_a_case_study_in_a_merged_vietnamese_unit_counts_in_its_successors_region(
    staff: User,
) -> None:
    from surveys.dashboard.selectors import coverage_matrix

    binh_dinh = AdminArea.objects.get(code="VN-31")
    assert binh_dinh.macro_region.code != binh_dinh.replaced_by.macro_region.code
    CaseStudy.objects.create(
        country_id="VN",
        title="Fishers of Quy Nhơn",
        area=binh_dinh,
        priority_sector="CONSTRUCTION",
        created_by=staff,
        updated_by=staff,
    )
    matrix = coverage_matrix(country=Country.objects.get(pk="VN"))
    counted = {row["region"].code: sum(row["by_sector"]) for row in matrix["rows"]}
    assert counted[binh_dinh.replaced_by.macro_region.code] == 1
    assert counted[binh_dinh.macro_region.code] == 0
