"""First-level administrative units of Cambodia, Kyrgyzstan, Mongolia and Thailand.

Seeded from ISO 3166-2 as published in pycountry 26.2.16 and corrected
(notes/sse-domain.md §4):

- The `code` of each unit is its ISO 3166-2 code, so it is stable and matches what
  other systems exchange; tests check the codes against pycountry.
- TH has 77 units (Bangkok plus 76 provinces). ISO's TH-S "Phatthaya" is left out:
  Pattaya is a special self-governing city inside Chon Buri (TH-20), not a province.
- English names use the common spelling rather than ISO's UNGEGN romanisation where
  they differ (KH-2 "Baat Dambang" is Battambang, MN-057 "Dzavhan" is Zavkhan, TH-10
  "Krung Thep Maha Nakhon" is Bangkok). Local names are in Khmer, Kyrgyz, Mongolian
  Cyrillic and Thai script.

Viet Nam, with its 2025 reform, is in `vietnam_2025`.
"""

from countries.reference_data.records import AreaSeed

# (ISO 3166-2 code, English name, local name, kind, macro-region code)
_Row = tuple[str, str, str, str, str]

_KH: tuple[_Row, ...] = (
    ("KH-1", "Banteay Meanchey", "បន្ទាយមានជ័យ", "province", "TONLE_SAP"),
    ("KH-2", "Battambang", "បាត់ដំបង", "province", "TONLE_SAP"),
    ("KH-3", "Kampong Cham", "កំពង់ចាម", "province", "PLAIN"),
    ("KH-4", "Kampong Chhnang", "កំពង់ឆ្នាំង", "province", "TONLE_SAP"),
    ("KH-5", "Kampong Speu", "កំពង់ស្ពឺ", "province", "PLATEAU_MOUNTAIN"),
    ("KH-6", "Kampong Thom", "កំពង់ធំ", "province", "TONLE_SAP"),
    ("KH-7", "Kampot", "កំពត", "province", "COASTAL"),
    ("KH-8", "Kandal", "កណ្ដាល", "province", "PLAIN"),
    ("KH-9", "Koh Kong", "កោះកុង", "province", "COASTAL"),
    ("KH-10", "Kratie", "ក្រចេះ", "province", "PLATEAU_MOUNTAIN"),
    ("KH-11", "Mondulkiri", "មណ្ឌលគិរី", "province", "PLATEAU_MOUNTAIN"),
    ("KH-12", "Phnom Penh", "ភ្នំពេញ", "autonomous municipality", "PHNOM_PENH"),
    ("KH-13", "Preah Vihear", "ព្រះវិហារ", "province", "PLATEAU_MOUNTAIN"),
    ("KH-14", "Prey Veng", "ព្រៃវែង", "province", "PLAIN"),
    ("KH-15", "Pursat", "ពោធិ៍សាត់", "province", "TONLE_SAP"),
    ("KH-16", "Ratanakiri", "រតនគិរី", "province", "PLATEAU_MOUNTAIN"),
    ("KH-17", "Siem Reap", "សៀមរាប", "province", "TONLE_SAP"),
    ("KH-18", "Preah Sihanouk", "ព្រះសីហនុ", "province", "COASTAL"),
    ("KH-19", "Stung Treng", "ស្ទឹងត្រែង", "province", "PLATEAU_MOUNTAIN"),
    ("KH-20", "Svay Rieng", "ស្វាយរៀង", "province", "PLAIN"),
    ("KH-21", "Takeo", "តាកែវ", "province", "PLAIN"),
    ("KH-22", "Oddar Meanchey", "ឧត្តរមានជ័យ", "province", "TONLE_SAP"),
    ("KH-23", "Kep", "កែប", "province", "COASTAL"),
    ("KH-24", "Pailin", "ប៉ៃលិន", "province", "TONLE_SAP"),
    ("KH-25", "Tbong Khmum", "ត្បូងឃ្មុំ", "province", "PLAIN"),
)

_KG: tuple[_Row, ...] = (
    ("KG-B", "Batken", "Баткен облусу", "region", "OSH_BATKEN"),
    ("KG-C", "Chüy", "Чүй облусу", "region", "CHUY_BISHKEK"),
    ("KG-GB", "Bishkek", "Бишкек шаары", "city", "CHUY_BISHKEK"),
    ("KG-GO", "Osh City", "Ош шаары", "city", "OSH_BATKEN"),
    ("KG-J", "Jalal-Abad", "Жалал-Абад облусу", "region", "JALAL_ABAD"),
    ("KG-N", "Naryn", "Нарын облусу", "region", "ISSYK_KUL_NARYN"),
    ("KG-O", "Osh", "Ош облусу", "region", "OSH_BATKEN"),
    ("KG-T", "Talas", "Талас облусу", "region", "TALAS"),
    ("KG-Y", "Issyk-Kul", "Ысык-Көл облусу", "region", "ISSYK_KUL_NARYN"),
)

_MN: tuple[_Row, ...] = (
    ("MN-1", "Ulaanbaatar", "Улаанбаатар", "capital city", "ULAANBAATAR"),
    ("MN-035", "Orkhon", "Орхон", "aimag", "KHANGAI"),
    ("MN-037", "Darkhan-Uul", "Дархан-Уул", "aimag", "CENTRAL"),
    ("MN-039", "Khentii", "Хэнтий", "aimag", "EASTERN"),
    ("MN-041", "Khövsgöl", "Хөвсгөл", "aimag", "KHANGAI"),
    ("MN-043", "Khovd", "Ховд", "aimag", "WESTERN"),
    ("MN-046", "Uvs", "Увс", "aimag", "WESTERN"),
    ("MN-047", "Töv", "Төв", "aimag", "CENTRAL"),
    ("MN-049", "Selenge", "Сэлэнгэ", "aimag", "CENTRAL"),
    ("MN-051", "Sükhbaatar", "Сүхбаатар", "aimag", "EASTERN"),
    ("MN-053", "Ömnögovi", "Өмнөговь", "aimag", "CENTRAL"),
    ("MN-055", "Övörkhangai", "Өвөрхангай", "aimag", "KHANGAI"),
    ("MN-057", "Zavkhan", "Завхан", "aimag", "WESTERN"),
    ("MN-059", "Dundgovi", "Дундговь", "aimag", "CENTRAL"),
    ("MN-061", "Dornod", "Дорнод", "aimag", "EASTERN"),
    ("MN-063", "Dornogovi", "Дорноговь", "aimag", "CENTRAL"),
    ("MN-064", "Govisümber", "Говьсүмбэр", "aimag", "CENTRAL"),
    ("MN-065", "Govi-Altai", "Говь-Алтай", "aimag", "WESTERN"),
    ("MN-067", "Bulgan", "Булган", "aimag", "KHANGAI"),
    ("MN-069", "Bayankhongor", "Баянхонгор", "aimag", "KHANGAI"),
    ("MN-071", "Bayan-Ölgii", "Баян-Өлгий", "aimag", "WESTERN"),
    ("MN-073", "Arkhangai", "Архангай", "aimag", "KHANGAI"),
)

# Thai names are pycountry's Thai translations, plus Bangkok and Bueng Kan, which it
# lacks.
_TH: tuple[_Row, ...] = (
    ("TH-10", "Bangkok", "กรุงเทพมหานคร", "special administrative area", "CENTRAL"),
    ("TH-11", "Samut Prakan", "สมุทรปราการ", "province", "CENTRAL"),
    ("TH-12", "Nonthaburi", "นนทบุรี", "province", "CENTRAL"),
    ("TH-13", "Pathum Thani", "ปทุมธานี", "province", "CENTRAL"),
    ("TH-14", "Phra Nakhon Si Ayutthaya", "พระนครศรีอยุธยา", "province", "CENTRAL"),
    ("TH-15", "Ang Thong", "อ่างทอง", "province", "CENTRAL"),
    ("TH-16", "Lop Buri", "ลพบุรี", "province", "CENTRAL"),
    ("TH-17", "Sing Buri", "สิงห์บุรี", "province", "CENTRAL"),
    ("TH-18", "Chai Nat", "ชัยนาท", "province", "CENTRAL"),
    ("TH-19", "Saraburi", "สระบุรี", "province", "CENTRAL"),
    ("TH-20", "Chon Buri", "ชลบุรี", "province", "EAST"),
    ("TH-21", "Rayong", "ระยอง", "province", "EAST"),
    ("TH-22", "Chanthaburi", "จันทบุรี", "province", "EAST"),
    ("TH-23", "Trat", "ตราด", "province", "EAST"),
    ("TH-24", "Chachoengsao", "ฉะเชิงเทรา", "province", "EAST"),
    ("TH-25", "Prachin Buri", "ปราจีนบุรี", "province", "EAST"),
    ("TH-26", "Nakhon Nayok", "นครนายก", "province", "CENTRAL"),
    ("TH-27", "Sa Kaeo", "สระแก้ว", "province", "EAST"),
    ("TH-30", "Nakhon Ratchasima", "นครราชสีมา", "province", "NORTHEAST"),
    ("TH-31", "Buri Ram", "บุรีรัมย์", "province", "NORTHEAST"),
    ("TH-32", "Surin", "สุรินทร์", "province", "NORTHEAST"),
    ("TH-33", "Si Sa Ket", "ศรีสะเกษ", "province", "NORTHEAST"),
    ("TH-34", "Ubon Ratchathani", "อุบลราชธานี", "province", "NORTHEAST"),
    ("TH-35", "Yasothon", "ยโสธร", "province", "NORTHEAST"),
    ("TH-36", "Chaiyaphum", "ชัยภูมิ", "province", "NORTHEAST"),
    ("TH-37", "Amnat Charoen", "อำนาจเจริญ", "province", "NORTHEAST"),
    ("TH-38", "Bueng Kan", "บึงกาฬ", "province", "NORTHEAST"),
    ("TH-39", "Nong Bua Lam Phu", "หนองบัวลำพู", "province", "NORTHEAST"),
    ("TH-40", "Khon Kaen", "ขอนแก่น", "province", "NORTHEAST"),
    ("TH-41", "Udon Thani", "อุดรธานี", "province", "NORTHEAST"),
    ("TH-42", "Loei", "เลย", "province", "NORTHEAST"),
    ("TH-43", "Nong Khai", "หนองคาย", "province", "NORTHEAST"),
    ("TH-44", "Maha Sarakham", "มหาสารคาม", "province", "NORTHEAST"),
    ("TH-45", "Roi Et", "ร้อยเอ็ด", "province", "NORTHEAST"),
    ("TH-46", "Kalasin", "กาฬสินธุ์", "province", "NORTHEAST"),
    ("TH-47", "Sakon Nakhon", "สกลนคร", "province", "NORTHEAST"),
    ("TH-48", "Nakhon Phanom", "นครพนม", "province", "NORTHEAST"),
    ("TH-49", "Mukdahan", "มุกดาหาร", "province", "NORTHEAST"),
    ("TH-50", "Chiang Mai", "เชียงใหม่", "province", "NORTH"),
    ("TH-51", "Lamphun", "ลำพูน", "province", "NORTH"),
    ("TH-52", "Lampang", "ลำปาง", "province", "NORTH"),
    ("TH-53", "Uttaradit", "อุตรดิตถ์", "province", "NORTH"),
    ("TH-54", "Phrae", "แพร่", "province", "NORTH"),
    ("TH-55", "Nan", "น่าน", "province", "NORTH"),
    ("TH-56", "Phayao", "พะเยา", "province", "NORTH"),
    ("TH-57", "Chiang Rai", "เชียงราย", "province", "NORTH"),
    ("TH-58", "Mae Hong Son", "แม่ฮ่องสอน", "province", "NORTH"),
    ("TH-60", "Nakhon Sawan", "นครสวรรค์", "province", "CENTRAL"),
    ("TH-61", "Uthai Thani", "อุทัยธานี", "province", "CENTRAL"),
    ("TH-62", "Kamphaeng Phet", "กำแพงเพชร", "province", "CENTRAL"),
    ("TH-63", "Tak", "ตาก", "province", "WEST"),
    ("TH-64", "Sukhothai", "สุโขทัย", "province", "CENTRAL"),
    ("TH-65", "Phitsanulok", "พิษณุโลก", "province", "CENTRAL"),
    ("TH-66", "Phichit", "พิจิตร", "province", "CENTRAL"),
    ("TH-67", "Phetchabun", "เพชรบูรณ์", "province", "CENTRAL"),
    ("TH-70", "Ratchaburi", "ราชบุรี", "province", "WEST"),
    ("TH-71", "Kanchanaburi", "กาญจนบุรี", "province", "WEST"),
    ("TH-72", "Suphan Buri", "สุพรรณบุรี", "province", "CENTRAL"),
    ("TH-73", "Nakhon Pathom", "นครปฐม", "province", "CENTRAL"),
    ("TH-74", "Samut Sakhon", "สมุทรสาคร", "province", "CENTRAL"),
    ("TH-75", "Samut Songkhram", "สมุทรสงคราม", "province", "CENTRAL"),
    ("TH-76", "Phetchaburi", "เพชรบุรี", "province", "WEST"),
    ("TH-77", "Prachuap Khiri Khan", "ประจวบคีรีขันธ์", "province", "WEST"),
    ("TH-80", "Nakhon Si Thammarat", "นครศรีธรรมราช", "province", "SOUTH"),
    ("TH-81", "Krabi", "กระบี่", "province", "SOUTH"),
    ("TH-82", "Phang Nga", "พังงา", "province", "SOUTH"),
    ("TH-83", "Phuket", "ภูเก็ต", "province", "SOUTH"),
    ("TH-84", "Surat Thani", "สุราษฎร์ธานี", "province", "SOUTH"),
    ("TH-85", "Ranong", "ระนอง", "province", "SOUTH"),
    ("TH-86", "Chumphon", "ชุมพร", "province", "SOUTH"),
    ("TH-90", "Songkhla", "สงขลา", "province", "SOUTH"),
    ("TH-91", "Satun", "สตูล", "province", "SOUTH"),
    ("TH-92", "Trang", "ตรัง", "province", "SOUTH"),
    ("TH-93", "Phatthalung", "พัทลุง", "province", "SOUTH"),
    ("TH-94", "Pattani", "ปัตตานี", "province", "SOUTH"),
    ("TH-95", "Yala", "ยะลา", "province", "SOUTH"),
    ("TH-96", "Narathiwat", "นราธิวาส", "province", "SOUTH"),
)


def _seeds(country: str, rows: tuple[_Row, ...]) -> tuple[AreaSeed, ...]:
    return tuple(
        AreaSeed(
            country=country,
            code=code,
            iso_3166_2=code,
            kind=kind,
            name_en=name_en,
            name_local=name_local,
            macro_region=region,
        )
        for code, name_en, name_local, kind, region in rows
    )


AREAS: tuple[AreaSeed, ...] = (
    *_seeds("KH", _KH),
    *_seeds("KG", _KG),
    *_seeds("MN", _MN),
    *_seeds("TH", _TH),
)
