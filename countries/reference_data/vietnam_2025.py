"""Viet Nam's first-level units before and after the reform of 1 July 2025.

The National Assembly's resolution of 12 June 2025 replaced the 63 provinces and
centrally-run cities with 34 (28 provinces and 6 centrally-run cities) from 1 July 2025.
Both sets are loaded so that data recorded against an old unit still aggregates:

- The 63 pre-reform units keep their ISO 3166-2 code (pycountry 26.2.16) as both `code`
  and `iso_3166_2`, have `valid_to` = 2025-06-30 and `replaced_by` = the one current
  unit that took over their territory. The 11 units that were not merged are closed
  and replaced too, by a current unit of the same name and territory, so that every
  query can filter on validity dates alone.
- The 34 current units have `valid_from` = 2025-07-01 and no ISO code yet.

Code scheme for the current units: ``VN2025-<suffix>``, where ``<suffix>`` is the ISO
3166-2 suffix of the pre-reform unit whose name the new unit kept (the merger
resolution names the first-listed unit as the successor). So Hà Nội is ``VN2025-HN``,
Tuyên Quang (VN-07, merged with Hà Giang) is ``VN2025-07``, Hồ Chí Minh City (VN-SG)
is ``VN2025-SG`` and Huế (VN-26) is ``VN2025-26``. The scheme is derived, so it never
needs inventing, is unique, and will not change when ISO issues new codes: those will
go into `iso_3166_2`.

Macro-regions are the six socio-economic regions. The old units follow the long-standing
assignment (14 + 11 + 14 + 5 + 6 + 13). A current unit whose predecessors sat in
different regions is placed where the GSO has grouped it since the reform (e.g.
Gia Lai, which absorbed Bình Định, in the Central Highlands; Tây Ninh, which absorbed
Long An, in the Southeast); national consultants should confirm that grouping.
"""

import datetime

from countries.reference_data.records import AreaSeed

LAST_DAY_BEFORE_REFORM = datetime.date(2025, 6, 30)
REFORM_DATE = datetime.date(2025, 7, 1)
NEW_CODE_PREFIX = "VN2025-"

PROVINCE = "province"
CITY = "centrally-run city"

# Pre-reform units: (ISO 3166-2 code, English name, Vietnamese name, kind, region).
# Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025; it keeps its
# ISO name here because almost all older data uses it.
OLD_UNITS: tuple[tuple[str, str, str, str, str], ...] = (
    ("VN-01", "Lai Chau", "Lai Châu", PROVINCE, "NMM"),
    ("VN-02", "Lao Cai", "Lào Cai", PROVINCE, "NMM"),
    ("VN-03", "Ha Giang", "Hà Giang", PROVINCE, "NMM"),
    ("VN-04", "Cao Bang", "Cao Bằng", PROVINCE, "NMM"),
    ("VN-05", "Son La", "Sơn La", PROVINCE, "NMM"),
    ("VN-06", "Yen Bai", "Yên Bái", PROVINCE, "NMM"),
    ("VN-07", "Tuyen Quang", "Tuyên Quang", PROVINCE, "NMM"),
    ("VN-09", "Lang Son", "Lạng Sơn", PROVINCE, "NMM"),
    ("VN-13", "Quang Ninh", "Quảng Ninh", PROVINCE, "RRD"),
    ("VN-14", "Hoa Binh", "Hòa Bình", PROVINCE, "NMM"),
    ("VN-18", "Ninh Binh", "Ninh Bình", PROVINCE, "RRD"),
    ("VN-20", "Thai Binh", "Thái Bình", PROVINCE, "RRD"),
    ("VN-21", "Thanh Hoa", "Thanh Hóa", PROVINCE, "NCC"),
    ("VN-22", "Nghe An", "Nghệ An", PROVINCE, "NCC"),
    ("VN-23", "Ha Tinh", "Hà Tĩnh", PROVINCE, "NCC"),
    ("VN-24", "Quang Binh", "Quảng Bình", PROVINCE, "NCC"),
    ("VN-25", "Quang Tri", "Quảng Trị", PROVINCE, "NCC"),
    ("VN-26", "Thua Thien Hue", "Thừa Thiên Huế", PROVINCE, "NCC"),
    ("VN-27", "Quang Nam", "Quảng Nam", PROVINCE, "NCC"),
    ("VN-28", "Kon Tum", "Kon Tum", PROVINCE, "CH"),
    ("VN-29", "Quang Ngai", "Quảng Ngãi", PROVINCE, "NCC"),
    ("VN-30", "Gia Lai", "Gia Lai", PROVINCE, "CH"),
    ("VN-31", "Binh Dinh", "Bình Định", PROVINCE, "NCC"),
    ("VN-32", "Phu Yen", "Phú Yên", PROVINCE, "NCC"),
    ("VN-33", "Dak Lak", "Đắk Lắk", PROVINCE, "CH"),
    ("VN-34", "Khanh Hoa", "Khánh Hòa", PROVINCE, "NCC"),
    ("VN-35", "Lam Dong", "Lâm Đồng", PROVINCE, "CH"),
    ("VN-36", "Ninh Thuan", "Ninh Thuận", PROVINCE, "NCC"),
    ("VN-37", "Tay Ninh", "Tây Ninh", PROVINCE, "SE"),
    ("VN-39", "Dong Nai", "Đồng Nai", PROVINCE, "SE"),
    ("VN-40", "Binh Thuan", "Bình Thuận", PROVINCE, "NCC"),
    ("VN-41", "Long An", "Long An", PROVINCE, "MD"),
    ("VN-43", "Ba Ria-Vung Tau", "Bà Rịa – Vũng Tàu", PROVINCE, "SE"),
    ("VN-44", "An Giang", "An Giang", PROVINCE, "MD"),
    ("VN-45", "Dong Thap", "Đồng Tháp", PROVINCE, "MD"),
    ("VN-46", "Tien Giang", "Tiền Giang", PROVINCE, "MD"),
    # pycountry spells this "Kiến Giang"; the province is Kiên Giang.
    ("VN-47", "Kien Giang", "Kiên Giang", PROVINCE, "MD"),
    ("VN-49", "Vinh Long", "Vĩnh Long", PROVINCE, "MD"),
    ("VN-50", "Ben Tre", "Bến Tre", PROVINCE, "MD"),
    ("VN-51", "Tra Vinh", "Trà Vinh", PROVINCE, "MD"),
    ("VN-52", "Soc Trang", "Sóc Trăng", PROVINCE, "MD"),
    ("VN-53", "Bac Kan", "Bắc Kạn", PROVINCE, "NMM"),
    ("VN-54", "Bac Giang", "Bắc Giang", PROVINCE, "NMM"),
    ("VN-55", "Bac Lieu", "Bạc Liêu", PROVINCE, "MD"),
    ("VN-56", "Bac Ninh", "Bắc Ninh", PROVINCE, "RRD"),
    ("VN-57", "Binh Duong", "Bình Dương", PROVINCE, "SE"),
    ("VN-58", "Binh Phuoc", "Bình Phước", PROVINCE, "SE"),
    ("VN-59", "Ca Mau", "Cà Mau", PROVINCE, "MD"),
    ("VN-61", "Hai Duong", "Hải Dương", PROVINCE, "RRD"),
    ("VN-63", "Ha Nam", "Hà Nam", PROVINCE, "RRD"),
    ("VN-66", "Hung Yen", "Hưng Yên", PROVINCE, "RRD"),
    ("VN-67", "Nam Dinh", "Nam Định", PROVINCE, "RRD"),
    ("VN-68", "Phu Tho", "Phú Thọ", PROVINCE, "NMM"),
    ("VN-69", "Thai Nguyen", "Thái Nguyên", PROVINCE, "NMM"),
    ("VN-70", "Vinh Phuc", "Vĩnh Phúc", PROVINCE, "RRD"),
    ("VN-71", "Dien Bien", "Điện Biên", PROVINCE, "NMM"),
    ("VN-72", "Dak Nong", "Đắk Nông", PROVINCE, "CH"),
    ("VN-73", "Hau Giang", "Hậu Giang", PROVINCE, "MD"),
    ("VN-CT", "Can Tho", "Cần Thơ", CITY, "MD"),
    ("VN-DN", "Da Nang", "Đà Nẵng", CITY, "NCC"),
    ("VN-HN", "Hanoi", "Hà Nội", CITY, "RRD"),
    ("VN-HP", "Hai Phong", "Hải Phòng", CITY, "RRD"),
    ("VN-SG", "Ho Chi Minh City", "Thành phố Hồ Chí Minh", CITY, "SE"),
)

# Current units: (English name, Vietnamese name, kind, region, predecessors). The first
# predecessor is the unit whose name the new unit kept; its ISO suffix gives the code.
NEW_UNITS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    # Not merged.
    ("Hanoi", "Hà Nội", CITY, "RRD", ("VN-HN",)),
    ("Hue", "Huế", CITY, "NCC", ("VN-26",)),
    ("Lai Chau", "Lai Châu", PROVINCE, "NMM", ("VN-01",)),
    ("Dien Bien", "Điện Biên", PROVINCE, "NMM", ("VN-71",)),
    ("Son La", "Sơn La", PROVINCE, "NMM", ("VN-05",)),
    ("Lang Son", "Lạng Sơn", PROVINCE, "NMM", ("VN-09",)),
    ("Quang Ninh", "Quảng Ninh", PROVINCE, "RRD", ("VN-13",)),
    ("Thanh Hoa", "Thanh Hóa", PROVINCE, "NCC", ("VN-21",)),
    ("Nghe An", "Nghệ An", PROVINCE, "NCC", ("VN-22",)),
    ("Ha Tinh", "Hà Tĩnh", PROVINCE, "NCC", ("VN-23",)),
    ("Cao Bang", "Cao Bằng", PROVINCE, "NMM", ("VN-04",)),
    # Merged.
    ("Tuyen Quang", "Tuyên Quang", PROVINCE, "NMM", ("VN-07", "VN-03")),
    ("Lao Cai", "Lào Cai", PROVINCE, "NMM", ("VN-02", "VN-06")),
    ("Thai Nguyen", "Thái Nguyên", PROVINCE, "NMM", ("VN-69", "VN-53")),
    ("Phu Tho", "Phú Thọ", PROVINCE, "NMM", ("VN-68", "VN-70", "VN-14")),
    ("Bac Ninh", "Bắc Ninh", PROVINCE, "RRD", ("VN-56", "VN-54")),
    ("Hung Yen", "Hưng Yên", PROVINCE, "RRD", ("VN-66", "VN-20")),
    ("Hai Phong", "Hải Phòng", CITY, "RRD", ("VN-HP", "VN-61")),
    ("Ninh Binh", "Ninh Bình", PROVINCE, "RRD", ("VN-18", "VN-63", "VN-67")),
    ("Quang Tri", "Quảng Trị", PROVINCE, "NCC", ("VN-25", "VN-24")),
    ("Da Nang", "Đà Nẵng", CITY, "NCC", ("VN-DN", "VN-27")),
    ("Quang Ngai", "Quảng Ngãi", PROVINCE, "NCC", ("VN-29", "VN-28")),
    ("Gia Lai", "Gia Lai", PROVINCE, "CH", ("VN-30", "VN-31")),
    ("Khanh Hoa", "Khánh Hòa", PROVINCE, "NCC", ("VN-34", "VN-36")),
    ("Lam Dong", "Lâm Đồng", PROVINCE, "CH", ("VN-35", "VN-72", "VN-40")),
    ("Dak Lak", "Đắk Lắk", PROVINCE, "CH", ("VN-33", "VN-32")),
    (
        "Ho Chi Minh City",
        "Thành phố Hồ Chí Minh",
        CITY,
        "SE",
        ("VN-SG", "VN-57", "VN-43"),
    ),
    ("Dong Nai", "Đồng Nai", PROVINCE, "SE", ("VN-39", "VN-58")),
    ("Tay Ninh", "Tây Ninh", PROVINCE, "SE", ("VN-37", "VN-41")),
    ("Can Tho", "Cần Thơ", CITY, "MD", ("VN-CT", "VN-52", "VN-73")),
    ("Vinh Long", "Vĩnh Long", PROVINCE, "MD", ("VN-49", "VN-50", "VN-51")),
    ("Dong Thap", "Đồng Tháp", PROVINCE, "MD", ("VN-45", "VN-46")),
    ("Ca Mau", "Cà Mau", PROVINCE, "MD", ("VN-59", "VN-55")),
    ("An Giang", "An Giang", PROVINCE, "MD", ("VN-44", "VN-47")),
)


def new_code(namesake_iso_code: str) -> str:
    """The code of a current unit, from the ISO code of the unit whose name it kept."""
    return NEW_CODE_PREFIX + namesake_iso_code.removeprefix("VN-")


def successor_codes() -> dict[str, str]:
    """Old ISO code → code of the current unit that replaced it."""
    mapping: dict[str, str] = {}
    for *_, predecessors in NEW_UNITS:
        for old in predecessors:
            if old in mapping:
                raise ValueError(f"{old} is merged into two units")
            mapping[old] = new_code(predecessors[0])
    missing = {code for code, *_ in OLD_UNITS} - mapping.keys()
    if missing:
        raise ValueError(f"No successor for {sorted(missing)}")
    return mapping


def _areas() -> tuple[AreaSeed, ...]:
    current = tuple(
        AreaSeed(
            country="VN",
            code=new_code(predecessors[0]),
            iso_3166_2="",
            kind=kind,
            name_en=name_en,
            name_local=name_local,
            macro_region=region,
            valid_from=REFORM_DATE,
        )
        for name_en, name_local, kind, region, predecessors in NEW_UNITS
    )
    successors = successor_codes()
    former = tuple(
        AreaSeed(
            country="VN",
            code=code,
            iso_3166_2=code,
            kind=kind,
            name_en=name_en,
            name_local=name_local,
            macro_region=region,
            valid_to=LAST_DAY_BEFORE_REFORM,
            replaced_by=successors[code],
        )
        for code, name_en, name_local, kind, region in OLD_UNITS
    )
    return current + former


# Current units come first so that a loader can resolve `replaced_by` in one pass.
AREAS: tuple[AreaSeed, ...] = _areas()
