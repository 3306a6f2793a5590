"""Reference data: area counts, the Viet Nam 2025 crosswalk, ISIC and legal forms."""

import datetime
import io

import pycountry
import pytest
from django.core.management import call_command

from countries.models import AdminArea, Country, IsicCode, LegalForm, MacroRegion
from countries.reference_data import vietnam_2025
from countries.vocabularies import SseType

BEFORE_REFORM = datetime.date(2025, 6, 30)
AFTER_REFORM = datetime.date(2025, 7, 1)


def load() -> str:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    return {
        "countries": Country.objects.count(),
        "regions": MacroRegion.objects.count(),
        "areas": AdminArea.objects.count(),
        "isic": IsicCode.objects.count(),
        "legal_forms": 9 + 7 + 8 + 13 + 8,
    }


@pytest.fixture
def loaded(db: None) -> None:
    load()


@pytest.mark.django_db
def test_countries_have_local_names_and_currencies(loaded: None) -> None:
    got = {c.code: (c.name_local, c.currency) for c in Country.objects.all()}
    assert got == {
        "KH": ("កម្ពុជា", "KHR"),
        "KG": ("Кыргызстан", "KGS"),
        "MN": ("Монгол Улс", "MNT"),
        "TH": ("ประเทศไทย", "THB"),
        "VN": ("Việt Nam", "VND"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "expected"),
    [("KH", 25), ("KG", 9), ("MN", 22), ("TH", 77), ("VN", 34)],
)
def test_current_first_level_counts(loaded: None, country: str, expected: int) -> None:
    areas = AdminArea.objects.filter(country_id=country, level=1)
    assert areas.current().count() == expected
    assert areas.current(on=AFTER_REFORM).count() == expected


@pytest.mark.django_db
def test_pattaya_is_not_a_province(loaded: None) -> None:
    assert not AdminArea.objects.filter(iso_3166_2="TH-S").exists()
    assert not AdminArea.objects.filter(country_id="TH", code="TH-S").exists()
    bangkok = AdminArea.objects.get(country_id="TH", code="TH-10")
    assert bangkok.name_en == "Bangkok"
    assert bangkok.name_local == "กรุงเทพมหานคร"


@pytest.mark.django_db
@pytest.mark.parametrize("country", ["KH", "KG", "MN", "TH", "VN"])
def test_iso_codes_match_pycountry(loaded: None, country: str) -> None:
    iso = {s.code for s in pycountry.subdivisions.get(country_code=country)} - {"TH-S"}
    ours = set(
        AdminArea.objects.filter(country_id=country)
        .exclude(iso_3166_2="")
        .values_list("iso_3166_2", flat=True)
    )
    assert ours == iso


@pytest.mark.django_db
def test_vietnam_before_and_after_the_reform(loaded: None) -> None:
    vn = AdminArea.objects.filter(country_id="VN")
    old = vn.filter(valid_to=BEFORE_REFORM)
    new = vn.filter(valid_from=AFTER_REFORM)
    assert old.count() == 63
    assert new.count() == 34
    assert vn.count() == 97
    assert vn.current(on=BEFORE_REFORM).count() == 63
    assert set(vn.current(on=BEFORE_REFORM)) == set(old)
    assert set(vn.current()) == set(new)
    assert AdminArea.objects.current().filter(country_id="VN").count() == 34
    assert not old.filter(replaced_by__isnull=True).exists()
    assert not new.filter(replaced_by__isnull=False).exists()
    assert all(area.iso_3166_2 == "" for area in new)
    assert all(area.code.startswith("VN2025-") for area in new)
    assert new.filter(kind="centrally-run city").count() == 6
    assert new.filter(kind="province").count() == 28


@pytest.mark.django_db
def test_every_old_vietnam_unit_resolves_to_a_current_one(loaded: None) -> None:
    current_ids = set(
        AdminArea.objects.current().filter(country_id="VN").values_list("id", flat=True)
    )
    for area in AdminArea.objects.filter(country_id="VN", valid_to=BEFORE_REFORM):
        successor = area.current_successor()
        assert successor.pk in current_ids, area
        assert successor.is_current


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new_name"),
    [
        ("VN-03", "Tuyên Quang"),  # Hà Giang
        ("VN-57", "Thành phố Hồ Chí Minh"),  # Bình Dương
        ("VN-43", "Thành phố Hồ Chí Minh"),  # Bà Rịa-Vũng Tàu
        ("VN-26", "Huế"),  # Thừa Thiên Huế
        ("VN-61", "Hải Phòng"),  # Hải Dương
        ("VN-41", "Tây Ninh"),  # Long An
        ("VN-47", "An Giang"),  # Kiên Giang
        ("VN-HN", "Hà Nội"),
    ],
)
def test_named_successors(loaded: None, old: str, new_name: str) -> None:
    area = AdminArea.objects.get(country_id="VN", code=old)
    assert area.current_successor().name_local == new_name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("new", "predecessors"),
    [
        ("VN2025-18", {"Ninh Bình", "Hà Nam", "Nam Định"}),
        ("VN2025-SG", {"Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa – Vũng Tàu"}),
        ("VN2025-68", {"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}),
        ("VN2025-DN", {"Đà Nẵng", "Quảng Nam"}),
        ("VN2025-30", {"Gia Lai", "Bình Định"}),
        ("VN2025-04", {"Cao Bằng"}),
    ],
)
def test_predecessor_sets(loaded: None, new: str, predecessors: set[str]) -> None:
    area = AdminArea.objects.get(country_id="VN", code=new)
    assert {p.name_local for p in area.predecessors.all()} == predecessors


@pytest.mark.django_db
def test_merger_sizes(loaded: None) -> None:
    sizes = sorted(
        a.predecessors.count()
        for a in AdminArea.objects.current().filter(country_id="VN")
    )
    # 11 unchanged, 17 two-way and 6 three-way mergers.
    assert sizes == [1] * 11 + [2] * 17 + [3] * 6


def test_crosswalk_covers_each_old_unit_once() -> None:
    mapping = vietnam_2025.successor_codes()
    assert len(mapping) == 63
    assert len(set(mapping.values())) == 34


@pytest.mark.django_db
def test_every_area_has_a_macro_region_of_its_country(loaded: None) -> None:
    assert not AdminArea.objects.filter(macro_region__isnull=True).exists()
    for area in AdminArea.objects.select_related("macro_region"):
        assert area.macro_region.country_id == area.country_id, area


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "sizes"),
    [
        (
            "KH",
            {
                "PHNOM_PENH": 1,
                "PLAIN": 6,
                "TONLE_SAP": 8,
                "COASTAL": 4,
                "PLATEAU_MOUNTAIN": 6,
            },
        ),
        (
            "KG",
            {
                "CHUY_BISHKEK": 2,
                "ISSYK_KUL_NARYN": 2,
                "TALAS": 1,
                "JALAL_ABAD": 1,
                "OSH_BATKEN": 3,
            },
        ),
        (
            "MN",
            {"WESTERN": 5, "KHANGAI": 6, "CENTRAL": 7, "EASTERN": 3, "ULAANBAATAR": 1},
        ),
        (
            "TH",
            {
                "NORTH": 9,
                "NORTHEAST": 20,
                "CENTRAL": 22,
                "EAST": 7,
                "WEST": 5,
                "SOUTH": 14,
            },
        ),
    ],
)
def test_macro_region_sizes(loaded: None, country: str, sizes: dict[str, int]) -> None:
    current = AdminArea.objects.current().filter(country_id=country)
    for code, expected in sizes.items():
        assert current.filter(macro_region__code=code).count() == expected, code


@pytest.mark.django_db
def test_vietnam_old_units_keep_the_six_regions(loaded: None) -> None:
    old = AdminArea.objects.filter(country_id="VN", valid_to=BEFORE_REFORM)
    got = {
        code: old.filter(macro_region__code=code).count()
        for code in ("NMM", "RRD", "NCC", "CH", "SE", "MD")
    }
    assert got == {"NMM": 14, "RRD": 11, "NCC": 14, "CH": 5, "SE": 6, "MD": 13}
    assert MacroRegion.objects.filter(country_id="VN").count() == 6


@pytest.mark.django_db
def test_isic_sections_and_divisions(loaded: None) -> None:
    sections = IsicCode.objects.filter(level="section")
    divisions = IsicCode.objects.filter(level="division")
    assert sections.count() == 21
    assert divisions.count() == 88
    assert not divisions.filter(section__isnull=True).exists()
    assert not sections.filter(section__isnull=False).exists()
    # `divisions` holds a section's divisions and classes.
    section_b = IsicCode.objects.get(code="B").divisions.filter(level="division")
    assert [d.code for d in section_b] == [
        "05",
        "06",
        "07",
        "08",
        "09",
    ]
    assert IsicCode.objects.get(code="43").section_id == "F"
    assert IsicCode.objects.get(code="99").section_id == "U"
    assert (
        IsicCode.objects.get(code="C").divisions.filter(level="division").count() == 24
    )


@pytest.mark.django_db
@pytest.mark.parametrize("country", ["KH", "KG", "MN", "TH", "VN"])
def test_legal_forms_per_country(loaded: None, country: str) -> None:
    forms = LegalForm.objects.filter(country_id=country)
    assert 5 <= forms.count() <= 14
    # The NGOs that became companies need a company form to record.
    assert forms.filter(default_sse_type=SseType.OTHER).exists()
    assert all(form.to_be_confirmed for form in forms)
    assert {form.default_sse_type for form in forms} <= set(SseType.values)
    assert forms.filter(default_sse_type=SseType.COOP).exists()


@pytest.mark.django_db
def test_key_legal_forms(loaded: None) -> None:
    ce = LegalForm.objects.get(country_id="TH", code="TH_CE")
    assert ce.default_sse_type == SseType.CE
    assert "2548" in ce.governing_law
    tht = LegalForm.objects.get(country_id="VN", code="VN_THT")
    assert tht.name_local == "Tổ hợp tác"
    assert tht.default_sse_type == SseType.PRECOOP


@pytest.mark.django_db
def test_running_twice_changes_nothing(db: None) -> None:
    load()
    first = table_counts()
    snapshot = list(
        AdminArea.objects.order_by("pk").values(
            "pk", "code", "name_en", "replaced_by", "macro_region", "valid_to"
        )
    )
    load()
    assert table_counts() == first
    assert first == {
        "countries": 5,
        "regions": 27,
        "areas": 25 + 9 + 22 + 77 + 97,
        "isic": 21 + 88 + 419,
        "legal_forms": 9 + 7 + 8 + 13 + 8,
    }
    assert (
        list(
            AdminArea.objects.order_by("pk").values(
                "pk", "code", "name_en", "replaced_by", "macro_region", "valid_to"
            )
        )
        == snapshot
    )


@pytest.mark.django_db
def test_reloading_repairs_edited_rows(loaded: None) -> None:
    AdminArea.objects.filter(country_id="KH", code="KH-2").update(
        name_en="Baat Dambang"
    )
    LegalForm.objects.filter(code="VN_HTX").update(to_be_confirmed=False)
    load()
    assert AdminArea.objects.get(country_id="KH", code="KH-2").name_en == "Battambang"
    assert LegalForm.objects.get(code="VN_HTX").to_be_confirmed


@pytest.mark.django_db
def test_summary_lists_each_country(db: None) -> None:
    out = load()
    assert "TH Thailand: 77 current areas, 0 former" in out
    assert "VN Viet Nam: 34 current areas, 63 former" in out
    assert "ISIC Rev.4: 21 sections, 88 divisions" in out


@pytest.mark.django_db
def test_a_retired_macro_region_without_areas_is_dropped(db: None) -> None:
    load()
    MacroRegion.objects.create(country_id="KG", code="NORTH", name_en="North")
    load()
    assert not MacroRegion.objects.filter(country_id="KG", code="NORTH").exists()
    assert MacroRegion.objects.filter(country_id="KG").count() == 5


@pytest.mark.django_db
def test_kyrgyz_areas_and_forms_carry_their_russian_names(db: None) -> None:
    load()
    assert AdminArea.objects.get(code="KG-Y").name_ru == "Иссык-Кульская область"
    assert not AdminArea.objects.filter(country_id="KG", name_ru="").exists()
    assert not LegalForm.objects.filter(country_id="KG", name_ru="").exists()


@pytest.mark.django_db
def test_every_isic_rev4_class_is_loaded_under_its_division(loaded: None) -> None:
    classes = IsicCode.objects.filter(level="class")
    assert classes.count() == 419
    divisions = dict(
        IsicCode.objects.filter(level="division").values_list("code", "section")
    )
    assert len(divisions) == 88
    for isic in classes:
        assert divisions[isic.code[:2]] == isic.section_id
