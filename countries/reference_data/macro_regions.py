"""Macro-regions per country, to check that case selection covers the whole country.

Schemes (notes/sse-domain.md §4):

- KH: the five agro-ecological zones used by the National Institute of Statistics in the
  Cambodia Socio-Economic Survey (Phnom Penh, Plain, Tonle Sap, Coastal, Plateau and
  Mountain).
- KG: five groups of oblasts (Chüy with Bishkek, Issyk-Kul with Naryn, Talas,
  Jalal-Abad, Osh with Osh City and Batken), fine enough for regionally balanced case
  selection where the North/South split is not.
- MN: the five regions of the National Statistics Office (Western, Khangai, Central,
  Eastern, Ulaanbaatar).
- TH: the standard six-region geographic scheme (North, Northeast, Central including
  Bangkok, East, West, South).
- VN: the six socio-economic regions of the General Statistics Office; the same six hold
  both the 63 pre-July-2025 units and the 34 current ones.

Codes are stable identifiers; the names are for people.
"""

from countries.reference_data.records import MacroRegionSeed

MACRO_REGIONS: tuple[MacroRegionSeed, ...] = (
    MacroRegionSeed("KH", "PHNOM_PENH", "Phnom Penh", "ភ្នំពេញ"),
    MacroRegionSeed("KH", "PLAIN", "Plain", "តំបន់វាលទំនាប"),
    MacroRegionSeed("KH", "TONLE_SAP", "Tonle Sap", "តំបន់បឹងទន្លេសាប"),
    MacroRegionSeed("KH", "COASTAL", "Coastal", "តំបន់ឆ្នេរសមុទ្រ"),
    MacroRegionSeed("KH", "PLATEAU_MOUNTAIN", "Plateau and Mountain", "តំបន់ខ្ពង់រាប និងភ្នំ"),
    MacroRegionSeed("KG", "CHUY_BISHKEK", "Chüy and Bishkek", "Чүй жана Бишкек"),
    MacroRegionSeed(
        "KG", "ISSYK_KUL_NARYN", "Issyk-Kul and Naryn", "Ысык-Көл жана Нарын"
    ),
    MacroRegionSeed("KG", "TALAS", "Talas", "Талас"),
    MacroRegionSeed("KG", "JALAL_ABAD", "Jalal-Abad", "Жалал-Абад"),
    MacroRegionSeed("KG", "OSH_BATKEN", "Osh and Batken", "Ош жана Баткен"),
    MacroRegionSeed("MN", "WESTERN", "Western region", "Баруун бүс"),
    MacroRegionSeed("MN", "KHANGAI", "Khangai region", "Хангайн бүс"),
    MacroRegionSeed("MN", "CENTRAL", "Central region", "Төвийн бүс"),
    MacroRegionSeed("MN", "EASTERN", "Eastern region", "Зүүн бүс"),
    MacroRegionSeed("MN", "ULAANBAATAR", "Ulaanbaatar", "Улаанбаатар"),
    MacroRegionSeed("TH", "NORTH", "North", "ภาคเหนือ"),
    MacroRegionSeed("TH", "NORTHEAST", "Northeast", "ภาคตะวันออกเฉียงเหนือ"),
    MacroRegionSeed("TH", "CENTRAL", "Central", "ภาคกลาง"),
    MacroRegionSeed("TH", "EAST", "East", "ภาคตะวันออก"),
    MacroRegionSeed("TH", "WEST", "West", "ภาคตะวันตก"),
    MacroRegionSeed("TH", "SOUTH", "South", "ภาคใต้"),
    MacroRegionSeed(
        "VN",
        "NMM",
        "Northern Midlands and Mountains",
        "Trung du và miền núi phía Bắc",
    ),
    MacroRegionSeed("VN", "RRD", "Red River Delta", "Đồng bằng sông Hồng"),
    MacroRegionSeed(
        "VN",
        "NCC",
        "North Central and Central Coast",
        "Bắc Trung Bộ và duyên hải miền Trung",
    ),
    MacroRegionSeed("VN", "CH", "Central Highlands", "Tây Nguyên"),
    MacroRegionSeed("VN", "SE", "Southeast", "Đông Nam Bộ"),
    MacroRegionSeed("VN", "MD", "Mekong Delta", "Đồng bằng sông Cửu Long"),
)
