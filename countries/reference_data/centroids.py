"""An approximate centre (latitude, longitude) of every first-level unit, by `code`.

Used to flag entities whose coordinates lie far from their area (more than
`surveys.entities.derived.GEO_MISMATCH_KM`), so two decimals (about 1 km) are plenty. The
point is the seat of the unit's government, which is where most entities cluster, with
one exception noted below. For Viet Nam's 34 current units it is the seat chosen in the
2025 merger, which is not always the namesake's old capital: new Lào Cai is run from
Yên Bái, new Gia Lai from Quy Nhơn, An Giang from Rạch Giá.

A seat can sit well off the middle of a large unit (Mongolia's aimags,
Kanchanaburi, Viet Nam's merged provinces), so a genuine entity near the far edge may be flagged: the flag asks
for a check, it does not reject.
"""

CENTROIDS: dict[str, tuple[float, float]] = {
    # --- Cambodia: provincial towns ---------------------------------------------------
    "KH-1": (13.59, 102.97),  # Banteay Meanchey: Serei Saophoan
    "KH-2": (13.10, 103.20),  # Battambang
    "KH-3": (11.99, 105.46),  # Kampong Cham
    "KH-4": (12.25, 104.67),  # Kampong Chhnang
    "KH-5": (11.45, 104.52),  # Kampong Speu: Chbar Mon
    "KH-6": (12.71, 104.89),  # Kampong Thom: Stueng Saen
    "KH-7": (10.59, 104.16),  # Kampot
    "KH-8": (11.48, 104.94),  # Kandal: Ta Khmau
    "KH-9": (11.62, 102.98),  # Koh Kong: Khemarak Phoumin
    "KH-10": (12.49, 106.02),  # Kratie
    "KH-11": (12.45, 107.19),  # Mondulkiri: Sen Monorom
    "KH-12": (11.56, 104.93),  # Phnom Penh
    "KH-13": (13.80, 104.98),  # Preah Vihear: Tbeng Meanchey
    "KH-14": (11.49, 105.33),  # Prey Veng
    "KH-15": (12.54, 103.92),  # Pursat
    "KH-16": (13.74, 106.99),  # Ratanakiri: Banlung
    "KH-17": (13.36, 103.86),  # Siem Reap
    "KH-18": (10.63, 103.52),  # Preah Sihanouk: Sihanoukville
    "KH-19": (13.53, 105.97),  # Stung Treng
    "KH-20": (11.09, 105.80),  # Svay Rieng
    "KH-21": (10.99, 104.78),  # Takeo: Doun Kaev
    "KH-22": (14.18, 103.52),  # Oddar Meanchey: Samraong
    "KH-23": (10.48, 104.32),  # Kep
    "KH-24": (12.85, 102.61),  # Pailin
    "KH-25": (11.91, 105.66),  # Tbong Khmum: Suong
    # --- Kyrgyzstan: regional centres -------------------------------------------------
    "KG-B": (40.06, 70.82),  # Batken
    # Chüy is governed from Bishkek, which is not part of it; this point is the middle
    # of the valley west of Bishkek, so both ends of the region stay within range.
    "KG-C": (42.80, 74.50),  # Chüy
    "KG-GB": (42.87, 74.59),  # Bishkek
    "KG-GO": (40.52, 72.80),  # Osh City
    "KG-J": (40.93, 73.00),  # Jalal-Abad
    "KG-N": (41.43, 75.99),  # Naryn
    "KG-O": (40.53, 72.80),  # Osh region: Osh
    "KG-T": (42.52, 72.24),  # Talas
    "KG-Y": (42.49, 78.39),  # Issyk-Kul: Karakol
    # --- Mongolia: aimag centres ------------------------------------------------------
    "MN-1": (47.92, 106.92),  # Ulaanbaatar
    "MN-035": (49.03, 104.08),  # Orkhon: Erdenet
    "MN-037": (49.49, 105.92),  # Darkhan-Uul: Darkhan
    "MN-039": (47.32, 110.65),  # Khentii: Chinggis (Öndörkhaan)
    "MN-041": (49.63, 100.16),  # Khövsgöl: Mörön
    "MN-043": (48.01, 91.64),  # Khovd
    "MN-046": (49.98, 92.07),  # Uvs: Ulaangom
    "MN-047": (47.71, 106.95),  # Töv: Zuunmod
    "MN-049": (50.23, 106.21),  # Selenge: Sükhbaatar
    "MN-051": (46.68, 113.28),  # Sükhbaatar: Baruun-Urt
    "MN-053": (43.57, 104.43),  # Ömnögovi: Dalanzadgad
    "MN-055": (46.26, 102.78),  # Övörkhangai: Arvaikheer
    "MN-057": (47.74, 96.84),  # Zavkhan: Uliastai
    "MN-059": (45.76, 106.27),  # Dundgovi: Mandalgovi
    "MN-061": (48.07, 114.51),  # Dornod: Choibalsan
    "MN-063": (44.89, 110.14),  # Dornogovi: Sainshand
    "MN-064": (46.36, 108.36),  # Govisümber: Choir
    "MN-065": (46.37, 96.26),  # Govi-Altai: Altai
    "MN-067": (48.81, 103.53),  # Bulgan
    "MN-069": (46.19, 100.72),  # Bayankhongor
    "MN-071": (48.97, 89.96),  # Bayan-Ölgii: Ölgii
    "MN-073": (47.48, 101.45),  # Arkhangai: Tsetserleg
    # --- Thailand: provincial capitals (amphoe mueang) --------------------------------
    "TH-10": (13.75, 100.50),  # Bangkok
    "TH-11": (13.60, 100.60),  # Samut Prakan
    "TH-12": (13.86, 100.51),  # Nonthaburi
    "TH-13": (14.02, 100.53),  # Pathum Thani
    "TH-14": (14.35, 100.57),  # Phra Nakhon Si Ayutthaya
    "TH-15": (14.59, 100.45),  # Ang Thong
    "TH-16": (14.80, 100.65),  # Lop Buri
    "TH-17": (14.89, 100.40),  # Sing Buri
    "TH-18": (15.19, 100.13),  # Chai Nat
    "TH-19": (14.53, 100.91),  # Saraburi
    "TH-20": (13.36, 100.98),  # Chon Buri
    "TH-21": (12.68, 101.28),  # Rayong
    "TH-22": (12.61, 102.10),  # Chanthaburi
    "TH-23": (12.24, 102.52),  # Trat
    "TH-24": (13.69, 101.07),  # Chachoengsao
    "TH-25": (14.05, 101.37),  # Prachin Buri
    "TH-26": (14.20, 101.21),  # Nakhon Nayok
    "TH-27": (13.82, 102.07),  # Sa Kaeo
    "TH-30": (14.98, 102.10),  # Nakhon Ratchasima
    "TH-31": (14.99, 103.10),  # Buri Ram
    "TH-32": (14.88, 103.49),  # Surin
    "TH-33": (15.12, 104.32),  # Si Sa Ket
    "TH-34": (15.24, 104.85),  # Ubon Ratchathani
    "TH-35": (15.79, 104.15),  # Yasothon
    "TH-36": (15.81, 102.03),  # Chaiyaphum
    "TH-37": (15.86, 104.63),  # Amnat Charoen
    "TH-38": (18.36, 103.65),  # Bueng Kan
    "TH-39": (17.20, 102.44),  # Nong Bua Lam Phu
    "TH-40": (16.43, 102.83),  # Khon Kaen
    "TH-41": (17.41, 102.79),  # Udon Thani
    "TH-42": (17.49, 101.72),  # Loei
    "TH-43": (17.88, 102.74),  # Nong Khai
    "TH-44": (16.18, 103.30),  # Maha Sarakham
    "TH-45": (16.05, 103.65),  # Roi Et
    "TH-46": (16.43, 103.51),  # Kalasin
    "TH-47": (17.16, 104.15),  # Sakon Nakhon
    "TH-48": (17.41, 104.78),  # Nakhon Phanom
    "TH-49": (16.54, 104.72),  # Mukdahan
    "TH-50": (18.79, 98.98),  # Chiang Mai
    "TH-51": (18.58, 99.01),  # Lamphun
    "TH-52": (18.29, 99.49),  # Lampang
    "TH-53": (17.62, 100.10),  # Uttaradit
    "TH-54": (18.15, 100.14),  # Phrae
    "TH-55": (18.78, 100.78),  # Nan
    "TH-56": (19.17, 99.90),  # Phayao
    "TH-57": (19.91, 99.83),  # Chiang Rai
    "TH-58": (19.30, 97.97),  # Mae Hong Son
    "TH-60": (15.70, 100.14),  # Nakhon Sawan
    "TH-61": (15.38, 100.02),  # Uthai Thani
    "TH-62": (16.48, 99.52),  # Kamphaeng Phet
    "TH-63": (16.88, 99.13),  # Tak
    "TH-64": (17.01, 99.82),  # Sukhothai
    "TH-65": (16.82, 100.26),  # Phitsanulok
    "TH-66": (16.44, 100.35),  # Phichit
    "TH-67": (16.42, 101.16),  # Phetchabun
    "TH-70": (13.54, 99.82),  # Ratchaburi
    "TH-71": (14.00, 99.55),  # Kanchanaburi
    "TH-72": (14.47, 100.12),  # Suphan Buri
    "TH-73": (13.82, 100.06),  # Nakhon Pathom
    "TH-74": (13.55, 100.27),  # Samut Sakhon
    "TH-75": (13.41, 100.00),  # Samut Songkhram
    "TH-76": (13.11, 99.94),  # Phetchaburi
    "TH-77": (11.81, 99.80),  # Prachuap Khiri Khan
    "TH-80": (8.43, 99.96),  # Nakhon Si Thammarat
    "TH-81": (8.09, 98.91),  # Krabi
    "TH-82": (8.45, 98.53),  # Phang Nga
    "TH-83": (7.89, 98.39),  # Phuket
    "TH-84": (9.14, 99.33),  # Surat Thani
    "TH-85": (9.96, 98.64),  # Ranong
    "TH-86": (10.49, 99.18),  # Chumphon
    "TH-90": (7.19, 100.59),  # Songkhla
    "TH-91": (6.62, 100.07),  # Satun
    "TH-92": (7.56, 99.61),  # Trang
    "TH-93": (7.62, 100.08),  # Phatthalung
    "TH-94": (6.87, 101.25),  # Pattani
    "TH-95": (6.54, 101.28),  # Yala
    "TH-96": (6.43, 101.82),  # Narathiwat
    # --- Viet Nam since 1 July 2025: seats of the 34 units ----------------------------
    "VN2025-HN": (21.03, 105.85),  # Hà Nội
    "VN2025-26": (16.46, 107.59),  # Huế
    "VN2025-01": (22.40, 103.46),  # Lai Châu
    "VN2025-71": (21.39, 103.02),  # Điện Biên: Điện Biên Phủ
    "VN2025-05": (21.33, 103.91),  # Sơn La
    "VN2025-09": (21.85, 106.76),  # Lạng Sơn
    "VN2025-13": (20.95, 107.08),  # Quảng Ninh: Hạ Long
    "VN2025-21": (19.81, 105.78),  # Thanh Hóa
    "VN2025-22": (18.67, 105.69),  # Nghệ An: Vinh
    "VN2025-23": (18.34, 105.91),  # Hà Tĩnh
    "VN2025-04": (22.67, 106.26),  # Cao Bằng
    "VN2025-07": (21.82, 105.21),  # Tuyên Quang
    "VN2025-02": (21.72, 104.91),  # Lào Cai: seat in Yên Bái
    "VN2025-69": (21.59, 105.85),  # Thái Nguyên
    "VN2025-68": (21.32, 105.40),  # Phú Thọ: Việt Trì
    "VN2025-56": (21.27, 106.19),  # Bắc Ninh: seat in Bắc Giang
    "VN2025-66": (20.65, 106.05),  # Hưng Yên
    "VN2025-HP": (20.86, 106.68),  # Hải Phòng
    "VN2025-18": (20.25, 105.97),  # Ninh Bình
    "VN2025-25": (17.47, 106.62),  # Quảng Trị: seat in Đồng Hới
    "VN2025-DN": (16.05, 108.20),  # Đà Nẵng
    "VN2025-29": (15.12, 108.80),  # Quảng Ngãi
    "VN2025-30": (13.78, 109.22),  # Gia Lai: seat in Quy Nhơn
    "VN2025-34": (12.24, 109.19),  # Khánh Hòa: Nha Trang
    "VN2025-35": (11.94, 108.44),  # Lâm Đồng: Đà Lạt
    "VN2025-33": (12.67, 108.04),  # Đắk Lắk: Buôn Ma Thuột
    "VN2025-SG": (10.78, 106.70),  # Hồ Chí Minh City
    "VN2025-39": (10.95, 106.82),  # Đồng Nai: Biên Hòa
    "VN2025-37": (10.54, 106.41),  # Tây Ninh: seat in Tân An
    "VN2025-CT": (10.03, 105.78),  # Cần Thơ
    "VN2025-49": (10.25, 105.97),  # Vĩnh Long
    "VN2025-45": (10.36, 106.36),  # Đồng Tháp: seat in Mỹ Tho
    "VN2025-59": (9.18, 105.15),  # Cà Mau
    "VN2025-44": (10.01, 105.09),  # An Giang: seat in Rạch Giá
    # --- Viet Nam until 30 June 2025: capitals of the 63 units ------------------------
    "VN-01": (22.40, 103.46),  # Lai Châu
    "VN-02": (22.49, 103.97),  # Lào Cai
    "VN-03": (22.82, 104.98),  # Hà Giang
    "VN-04": (22.67, 106.26),  # Cao Bằng
    "VN-05": (21.33, 103.91),  # Sơn La
    "VN-06": (21.72, 104.91),  # Yên Bái
    "VN-07": (21.82, 105.21),  # Tuyên Quang
    "VN-09": (21.85, 106.76),  # Lạng Sơn
    "VN-13": (20.95, 107.08),  # Quảng Ninh: Hạ Long
    "VN-14": (20.81, 105.34),  # Hòa Bình
    "VN-18": (20.25, 105.97),  # Ninh Bình
    "VN-20": (20.45, 106.34),  # Thái Bình
    "VN-21": (19.81, 105.78),  # Thanh Hóa
    "VN-22": (18.67, 105.69),  # Nghệ An: Vinh
    "VN-23": (18.34, 105.91),  # Hà Tĩnh
    "VN-24": (17.47, 106.62),  # Quảng Bình: Đồng Hới
    "VN-25": (16.82, 107.10),  # Quảng Trị: Đông Hà
    "VN-26": (16.46, 107.59),  # Thừa Thiên Huế: Huế
    "VN-27": (15.57, 108.47),  # Quảng Nam: Tam Kỳ
    "VN-28": (14.35, 108.00),  # Kon Tum
    "VN-29": (15.12, 108.80),  # Quảng Ngãi
    "VN-30": (13.98, 108.00),  # Gia Lai: Pleiku
    "VN-31": (13.78, 109.22),  # Bình Định: Quy Nhơn
    "VN-32": (13.09, 109.30),  # Phú Yên: Tuy Hòa
    "VN-33": (12.67, 108.04),  # Đắk Lắk: Buôn Ma Thuột
    "VN-34": (12.24, 109.19),  # Khánh Hòa: Nha Trang
    "VN-35": (11.94, 108.44),  # Lâm Đồng: Đà Lạt
    "VN-36": (11.56, 108.99),  # Ninh Thuận: Phan Rang–Tháp Chàm
    "VN-37": (11.31, 106.10),  # Tây Ninh
    "VN-39": (10.95, 106.82),  # Đồng Nai: Biên Hòa
    "VN-40": (10.93, 108.10),  # Bình Thuận: Phan Thiết
    "VN-41": (10.54, 106.41),  # Long An: Tân An
    "VN-43": (10.50, 107.17),  # Bà Rịa – Vũng Tàu: Bà Rịa
    "VN-44": (10.39, 105.44),  # An Giang: Long Xuyên
    "VN-45": (10.46, 105.63),  # Đồng Tháp: Cao Lãnh
    "VN-46": (10.36, 106.36),  # Tiền Giang: Mỹ Tho
    "VN-47": (10.01, 105.09),  # Kiên Giang: Rạch Giá
    "VN-49": (10.25, 105.97),  # Vĩnh Long
    "VN-50": (10.24, 106.38),  # Bến Tre
    "VN-51": (9.93, 106.35),  # Trà Vinh
    "VN-52": (9.60, 105.97),  # Sóc Trăng
    "VN-53": (22.15, 105.83),  # Bắc Kạn
    "VN-54": (21.27, 106.19),  # Bắc Giang
    "VN-55": (9.29, 105.72),  # Bạc Liêu
    "VN-56": (21.19, 106.07),  # Bắc Ninh
    "VN-57": (10.98, 106.65),  # Bình Dương: Thủ Dầu Một
    "VN-58": (11.53, 106.89),  # Bình Phước: Đồng Xoài
    "VN-59": (9.18, 105.15),  # Cà Mau
    "VN-61": (20.94, 106.33),  # Hải Dương
    "VN-63": (20.54, 105.91),  # Hà Nam: Phủ Lý
    "VN-66": (20.65, 106.05),  # Hưng Yên
    "VN-67": (20.42, 106.17),  # Nam Định
    "VN-68": (21.32, 105.40),  # Phú Thọ: Việt Trì
    "VN-69": (21.59, 105.85),  # Thái Nguyên
    "VN-70": (21.31, 105.60),  # Vĩnh Phúc: Vĩnh Yên
    "VN-71": (21.39, 103.02),  # Điện Biên: Điện Biên Phủ
    "VN-72": (12.00, 107.69),  # Đắk Nông: Gia Nghĩa
    "VN-73": (9.78, 105.47),  # Hậu Giang: Vị Thanh
    "VN-CT": (10.03, 105.78),  # Cần Thơ
    "VN-DN": (16.05, 108.20),  # Đà Nẵng
    "VN-HN": (21.03, 105.85),  # Hà Nội
    "VN-HP": (20.86, 106.68),  # Hải Phòng
    "VN-SG": (10.78, 106.70),  # Hồ Chí Minh City
}
