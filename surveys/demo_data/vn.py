"""Viet Nam: demo data. Entities, people and figures are invented; places, legal
forms, laws and plans are real. A few entities are recorded against provinces that
the reform of 1 July 2025 merged (codes VN-xx, valid until 30 June 2025), so that the
crosswalk to the current units (VN2025-xx) shows."""

from surveys.demo_data.records import (
    ACAD,
    ADAPTED,
    ADDED,
    ASM,
    ASSOC,
    BORDERLINE_P1,
    BORDERLINE_P2,
    BORDERLINE_UNKNOWN,
    CONSTRUCTION,
    CONSUMER,
    COOP,
    DEV,
    DISTRICT,
    DRAFT,
    EDITED_AFTER_VALIDATION,
    EMP,
    EXACT,
    FARM,
    FOUND,
    GENERAL_LAW,
    GOV,
    IN_REVIEW,
    INFORMAL,
    LOCAL,
    MIXED,
    MULTI,
    OMITTED,
    OTHER,
    OUTSIDE_P3,
    OUTSIDE_P4,
    PARTIAL,
    PRECOOP,
    PRODUCER,
    REJECTED,
    RETURNED,
    RETURNED_THEN_FIXED,
    RURAL,
    SCC,
    SE_TYPE,
    SHG,
    SSE_BODY,
    SSE_DONOR,
    SSE_LAW,
    SUBMITTED,
    TOTALS,
    UNASSESSED,
    URBAN,
    VILLAGE,
    WKR,
    WORKER,
    DemoCaseStudy,
    DemoCountry,
    DemoDefinition,
    DemoElement,
    DemoEntity,
    DemoGap,
    DemoMeeting,
    DemoMember,
    DemoPriority,
    DemoSource,
    F,
    Gap,
    Kind,
    M,
    Target,
)

E = DemoEntity
MINORITY = (Target.ETHNIC_MINORITY,)

ENTITIES = (
    E(
        ("Hợp tác xã Nông nghiệp Tân Lập", "Tan Lap Agricultural Cooperative"),
        ("VN2025-HN", "Tân Lập, Đan Phượng", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01", "47"),
        1997,
        (1840, 52, M, M),
        disagg=PARTIAL,
    ),
    E(
        (
            "Hợp tác xã Chè Shan Tuyết Hoàng Su Phì",
            "Hoang Su Phi Shan Tuyet Tea Cooperative",
        ),
        ("VN-03", "Hoàng Su Phì", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01", "10"),
        2015,
        (64, 58, F, F),
        targets=MINORITY,
        note="Recorded against Hà Giang province, merged into Tuyên Quang on "
        "1 July 2025.",
    ),
    E(
        (
            "Hợp tác xã Dịch vụ Xây dựng Thuận An",
            "Thuan An Construction Services Cooperative",
        ),
        ("VN-57", "Thuận An", URBAN, DISTRICT),
        (COOP, WORKER, "VN_HTX", SSE_LAW),
        ("41", "43"),
        2012,
        (36, 14, M, M),
        targets=(Target.MIGRANTS, Target.INFORMAL_WORKERS),
        note="Recorded against Bình Dương province, part of Ho Chi Minh City since "
        "1 July 2025.",
    ),
    E(
        ("Hợp tác xã Sản xuất Muối Bạch Long", "Bach Long Salt Producers' Cooperative"),
        ("VN2025-18", "Bạch Long, Giao Thủy", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("08",),
        2004,
        (142, 47, M, M),
    ),
    E(
        ("Hợp tác xã Khai thác Đá Đông Sơn", "Dong Son Stone Quarrying Cooperative"),
        ("VN2025-21", "Đông Sơn", RURAL, DISTRICT),
        (COOP, WORKER, "VN_HTX", SSE_LAW),
        ("08",),
        2008,
        (48, 10, M, M),
        state=IN_REVIEW,
        profile=BORDERLINE_P2,
    ),
    E(
        ("Tổ hợp tác Đãi vàng Phước Sơn", "Phuoc Son Gold Panners' Cooperative Group"),
        ("VN-27", "Phước Sơn", RURAL, DISTRICT),
        (PRECOOP, "", "VN_THT", LOCAL),
        ("07",),
        2018,
        (22, 36, M, ""),
        state=RETURNED,
        profile=BORDERLINE_UNKNOWN,
        review="Show the group's cooperation contract and who holds the mining "
        "licence.",
        field_comments=(
            ("registration_authority", "Attach the commune's confirmation."),
            ("assessment", "P2 and P4 rest on one interview."),
        ),
        note="Recorded against Quảng Nam province, merged into Đà Nẵng on 1 July 2025.",
    ),
    E(
        ("Quỹ tín dụng nhân dân Quỳnh Lưu", "Quynh Luu People's Credit Fund"),
        ("VN2025-22", "Quỳnh Lưu", MIXED, DISTRICT),
        (SCC, "", "VN_QTDND", SSE_LAW),
        ("64",),
        1995,
        (3900, 49, M, F),
        disagg=PARTIAL,
    ),
    E(
        ("Doanh nghiệp xã hội Bếp Xanh", "Bep Xanh Social Enterprise"),
        ("VN2025-HN", "Hoàn Kiếm", URBAN, EXACT),
        (SE_TYPE, "", "VN_DNXH", GENERAL_LAW),
        ("56", "85"),
        2010,
        (19, 63, F, F),
        former="VN_HOI",
        employees=27,
        targets=(Target.YOUTH,),
        note="A project of a local association until 2016, then registered as a "
        "social enterprise under the Law on Enterprises.",
    ),
    E(
        ("Doanh nghiệp xã hội Gốm Tâm", "Gom Tam Pottery Social Enterprise"),
        ("VN2025-SG", "Bình Thạnh", URBAN, EXACT),
        (SE_TYPE, "", "VN_DNXH", GENERAL_LAW),
        ("23",),
        2017,
        (15, 60, F, M),
        employees=22,
        targets=(Target.PWD,),
        purpose="Pottery workshop that trains and employs people with disabilities.",
    ),
    E(
        (
            "Hội Người khuyết tật thành phố Đà Nẵng",
            "Da Nang Association of People with Disabilities",
        ),
        ("VN2025-DN", "Hải Châu", URBAN, DISTRICT),
        (ASSOC, "", "VN_HOI", GENERAL_LAW),
        ("88",),
        2006,
        (520, 44, M, F),
    ),
    E(
        ("Quỹ Tình thương hỗ trợ phụ nữ nghèo", "Tinh Thuong Fund for Poor Women"),
        ("VN2025-26", "Huế", URBAN, EXACT),
        (FOUND, "", "VN_QUY", GENERAL_LAW),
        ("64", "88"),
        2001,
        (11, 91, F, F),
        profile=SSE_DONOR,
        targets=(Target.WOMEN,),
    ),
    E(
        ("Hợp tác xã Nông nghiệp Thạnh Lợi", "Thanh Loi Agricultural Cooperative"),
        ("VN2025-CT", "Vĩnh Thạnh", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01",),
        2000,
        (320, 31, M, M),
    ),
    E(
        ("Hợp tác xã Xoài Hòa Lộc", "Hoa Loc Mango Cooperative"),
        ("VN-46", "Cái Bè", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01", "46"),
        2011,
        (96, 28, M, M),
        note="Recorded against Tiền Giang province, merged into Đồng Tháp on "
        "1 July 2025.",
    ),
    E(
        ("Hợp tác xã Tôm – Lúa Phước Long", "Phuoc Long Shrimp-Rice Cooperative"),
        ("VN2025-59", "Phước Long", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("03", "01"),
        2016,
        (88, 26, M, M),
        state=DRAFT,
    ),
    E(
        (
            "Hợp tác xã Cà phê Công bằng Ea Kiết",
            "Ea Kiet Fair Trade Coffee Cooperative",
        ),
        ("VN2025-33", "Ea Kiết, Cư M'gar", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01", "10"),
        2013,
        (246, 42, M, F),
        state=SUBMITTED,
        targets=MINORITY,
    ),
    E(
        (
            "Hợp tác xã Rau hoa Xuân Hương",
            "Xuan Huong Vegetable and Flower Cooperative",
        ),
        ("VN2025-35", "Đà Lạt", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01",),
        2018,
        (57, 61, F, M),
        state=SUBMITTED,
    ),
    E(
        ("Tổ hợp tác Dệt lanh Lùng Tám", "Lung Tam Hemp Weaving Cooperative Group"),
        ("VN2025-07", "Lùng Tám, Quản Bạ", RURAL, VILLAGE),
        (PRECOOP, "", "VN_THT", LOCAL),
        ("13", "01"),
        2001,
        (38, 97, F, F),
        targets=(Target.ETHNIC_MINORITY, Target.WOMEN),
        purpose="Growing hemp and weaving Hmong linen and brocade for sale.",
    ),
    E(
        (
            "Hợp tác xã Dịch vụ Điện nước Yên Phong",
            "Yen Phong Electricity and Water Services Cooperative",
        ),
        ("VN2025-56", "Yên Phong", RURAL, DISTRICT),
        (COOP, CONSUMER, "VN_HTX", SSE_LAW),
        ("35", "36"),
        1998,
        (2100, 45, M, M),
        profile=OUTSIDE_P3,
        disagg=TOTALS,
        review="Data confirmed. The commune People's Committee appoints its director, "
        "so it is classified outside the SSE.",
    ),
    E(
        ("Hợp tác xã Thương mại Phú Mỹ", "Phu My Trading Cooperative"),
        ("VN2025-39", "Phú Mỹ", URBAN, EXACT),
        (COOP, MULTI, "VN_HTX", SSE_LAW),
        ("46",),
        2019,
        (7, 43, M, F),
        state=REJECTED,
        profile=OUTSIDE_P4,
        review="Seven relatives hold all the capital and share profits by capital: "
        "a family company registered as a cooperative.",
    ),
    E(
        ("Tổ hợp tác Thợ xây Quang Minh", "Quang Minh Builders' Cooperative Group"),
        ("VN2025-HP", "An Dương", URBAN, DISTRICT),
        (PRECOOP, "", "VN_THT", LOCAL),
        ("43",),
        2019,
        (21, 5, M, M),
        state=SUBMITTED,
        disagg=PARTIAL,
    ),
    E(
        ("Nhóm tiết kiệm phụ nữ bản Mường Phăng", "Muong Phang Women's Savings Group"),
        ("VN2025-71", "Mường Phăng", RURAL, VILLAGE),
        (SHG, "", "", INFORMAL),
        ("64",),
        2017,
        (24, 100, F, ""),
        targets=(Target.ETHNIC_MINORITY, Target.WOMEN),
        note="Not registered, and counted as SSE: Viet Nam's definition does not "
        "require registration.",
    ),
    E(
        ("Nhóm người nhặt rác Phú Nhuận", "Phu Nhuan Waste Pickers' Group"),
        ("VN2025-SG", "Phú Nhuận", URBAN, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("38",),
        2020,
        (31, 74, F, ""),
        state=DRAFT,
        profile=UNASSESSED,
        disagg=TOTALS,
    ),
    E(
        (
            "Liên hiệp Hợp tác xã Nông nghiệp Sơn La",
            "Son La Union of Agricultural Cooperatives",
        ),
        ("VN2025-05", "Sơn La", URBAN, EXACT),
        (COOP, MULTI, "VN_LHHTX", SSE_LAW),
        ("46", "01"),
        2019,
        (9, 33, M, F),
        org_level="SECONDARY",
        disagg=TOTALS,
        note="Members are nine primary cooperatives.",
    ),
    E(
        ("Hợp tác xã Nông nghiệp Mai Sơn", "Mai Son Plum and Longan Cooperative"),
        ("VN2025-05", "Mai Sơn", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01",),
        2012,
        (112, 44, M, M),
        story=RETURNED_THEN_FIXED,
        targets=MINORITY,
    ),
    E(
        ("Hợp tác xã Mây tre đan Ninh Sở", "Ninh So Rattan and Bamboo Cooperative"),
        ("VN2025-HN", "Ninh Sở, Thường Tín", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("16", "32"),
        2009,
        (74, 76, F, F),
        state=RETURNED,
    ),
    E(
        ("Hợp tác xã Chè La Bằng", "La Bang Tea Cooperative"),
        ("VN2025-69", "La Bằng, Đại Từ", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01", "10"),
        2014,
        (48, 63, F, F),
        state=IN_REVIEW,
        profile=BORDERLINE_P1,
    ),
    E(
        ("Hợp tác xã Bưởi Đoan Hùng", "Doan Hung Pomelo Cooperative"),
        ("VN2025-68", "Đoan Hùng", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01",),
        2016,
        (69, 39, M, M),
        state=RETURNED,
    ),
    E(
        ("Hợp tác xã Khai thác Hải sản Vĩnh Lương", "Vinh Luong Fishing Cooperative"),
        ("VN2025-34", "Vĩnh Lương, Nha Trang", URBAN, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("03",),
        2017,
        (53, 6, M, M),
        targets=(Target.FISHERS,),
    ),
    E(
        (
            "Hợp tác xã Dệt thổ cẩm Chăm Châu Giang",
            "Chau Giang Cham Brocade Cooperative",
        ),
        ("VN2025-44", "Châu Phong, Tân Châu", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("13",),
        2012,
        (27, 93, F, F),
        targets=(Target.ETHNIC_MINORITY, Target.WOMEN),
    ),
    E(
        ("Hợp tác xã Nhãn lồng Hưng Yên", "Hung Yen Longan Cooperative"),
        ("VN2025-66", "Hồng Nam", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01",),
        2015,
        (61, 41, M, F),
        state=DRAFT,
        story=EDITED_AFTER_VALIDATION,
    ),
    E(
        ("Hợp tác xã Nông nghiệp Hoài Hương", "Hoai Huong Agricultural Cooperative"),
        ("VN-31", "Hoài Nhơn", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01",),
        2008,
        (1250, 48, M, M),
        disagg=PARTIAL,
        note="Recorded against Bình Định province, merged into Gia Lai on 1 July 2025.",
    ),
    E(
        (
            "Hợp tác xã Du lịch cộng đồng Bình Liêu",
            "Binh Lieu Community Tourism Cooperative",
        ),
        ("VN2025-13", "Bình Liêu", RURAL, VILLAGE),
        (COOP, WORKER, "VN_HTX", SSE_LAW),
        ("55",),
        2019,
        (18, 56, F, F),
        state=DRAFT,
        targets=MINORITY,
    ),
    E(
        ("Hợp tác xã Gạch gốm Mang Thít", "Mang Thit Brick and Pottery Cooperative"),
        ("VN2025-49", "Mang Thít", RURAL, VILLAGE),
        (COOP, WORKER, "VN_HTX", SSE_LAW),
        ("23", "08"),
        2018,
        (33, 42, M, M),
        state=REJECTED,
        review="The kilns closed in 2023 and the cooperative is being dissolved: "
        "record it as dissolved, not as an active SSE entity.",
    ),
    E(
        ("Hợp tác xã Thảo dược Sa Pa", "Sa Pa Herbal Medicine Cooperative"),
        ("VN2025-02", "Sa Pa", RURAL, VILLAGE),
        (COOP, PRODUCER, "VN_HTX", SSE_LAW),
        ("01", "21"),
        2016,
        (42, 71, F, F),
        targets=MINORITY,
    ),
)

CASE_STUDIES = (
    DemoCaseStudy(
        title="Shan Tuyet tea growers across the 2025 provincial merger",
        entities=("Hoang Su Phi Shan Tuyet Tea Cooperative",),
        area="VN2025-07",
        sector=FARM,
        sse_type=COOP,
        summary="A cooperative of Dao and Tày tea growers, registered in Hà Giang "
        "before the merger and now in Tuyên Quang.",
        context="Ancient Shan Tuyet tea trees grow on the mountains; the "
        "cooperative processes and brands the tea under an OCOP rating.",
        gender_analysis="Women pick and process the tea and chair the cooperative; "
        "men handle transport. Ethnic minority women gained bank accounts through "
        "the cooperative's payments.",
        decent_work="Seasonal pickers are members' relatives, unpaid or paid in "
        "kind; the cooperative has started paying a daily rate.",
        principles_evidence="One member one vote; indivisible fund kept under the "
        "Law on Cooperatives 2023.",
        lessons="Re-registering after the merger took four months: records should "
        "follow the cooperative, not the province.",
    ),
    DemoCaseStudy(
        title="Salt and stone: cooperatives in small-scale mining",
        entities=(
            "Bach Long Salt Producers' Cooperative",
            "Dong Son Stone Quarrying Cooperative",
        ),
        area="VN2025-18",
        sector=ASM,
        sse_type=COOP,
        summary="A salt producers' cooperative and a quarry workers' cooperative "
        "compared on safety, income and governance.",
        context="Salt and stone are classed as mining; both cooperatives hold "
        "provincial licences.",
        gender_analysis="Women are half of salt producers but a tenth of quarry "
        "workers, mostly in sorting; neither cooperative has a woman director.",
        decent_work="Quarry work is dangerous; the cooperative provides helmets but "
        "no accident insurance.",
        principles_evidence="The salt cooperative votes per member; the quarry "
        "cooperative's votes follow capital, a point under review.",
        lessons="Joint sales raised the salt price; safety needs outside support.",
    ),
    DemoCaseStudy(
        title="Builders' cooperatives in the industrial suburbs of Ho Chi Minh City",
        entities=("Thuan An Construction Services Cooperative",),
        area="VN2025-SG",
        sector=CONSTRUCTION,
        sse_type=COOP,
        summary="Migrant builders organised a cooperative to take repair and "
        "finishing contracts in the industrial zones.",
        context="Registered in Bình Dương before it became part of Ho Chi Minh City "
        "in 2025.",
        gender_analysis="Five women members do tiling and the accounts; the "
        "cooperative pays the same day rate to women and men.",
        decent_work="Members have contracts and accident insurance through the "
        "cooperative; most builders outside it have neither.",
        principles_evidence="Elected board; surplus shared by days worked.",
        lessons="A cooperative lets migrants get contracts that individuals cannot.",
        state=SUBMITTED,
    ),
    DemoCaseStudy(
        title="Ethnic minority women weaving for a living",
        entities=(
            "Lung Tam Hemp Weaving Cooperative Group",
            "Chau Giang Cham Brocade Cooperative",
        ),
        area="VN2025-07",
        sector=FARM,
        sse_type=PRECOOP,
        summary="Hmong hemp weavers in the north and Cham brocade weavers in the "
        "Mekong Delta.",
        context="Both groups started with tourism and now sell to designers.",
        gender_analysis="Women run both groups; weaving income gives them a say in "
        "household spending, but the work adds to their unpaid care.",
        decent_work="Piece rates; no social insurance.",
        principles_evidence="Open membership in the village; decisions at monthly "
        "meetings.",
        lessons="Buyers pay more when the groups tell the story of the cloth.",
        state=DRAFT,
    ),
)

GAPS = (
    DemoGap(
        title="Cooperative groups cannot borrow without collateral",
        category=Gap.FINANCE,
        severity=3,
        priority="VN-RES20",
        evidence="None of the cooperative groups mapped has a bank loan; land use "
        "certificates are in members' names.",
        recommendation="Group guarantees through the Cooperative Development "
        "Support Fund.",
        sse_types=(PRECOOP,),
        sectors=(FARM, CONSTRUCTION),
    ),
    DemoGap(
        title="Cooperatives lost records in the 2025 administrative merger",
        category=Gap.DATA_VISIBILITY,
        severity=2,
        priority="VN-SEDS",
        evidence="Four cooperatives mapped are still registered under provinces "
        "that no longer exist.",
        recommendation="Transfer the registration files to the successor "
        "provinces with the cooperatives' codes unchanged.",
        sse_types=(COOP,),
        areas=("VN2025-07", "VN2025-SG", "VN2025-30", "VN2025-45"),
    ),
    DemoGap(
        title="Quarry and construction cooperatives lack safety training",
        category=Gap.DECENT_WORK,
        severity=3,
        priority="VN-NTP-POVERTY",
        evidence="No accident insurance and no safety training in the quarry; "
        "helmets only.",
        recommendation="Occupational safety training through the Vietnam "
        "Cooperative Alliance.",
        sse_types=(COOP, PRECOOP),
        sectors=(ASM, CONSTRUCTION),
        state=IN_REVIEW,
    ),
    DemoGap(
        title="Few women direct cooperatives",
        category=Gap.GENDER,
        severity=2,
        priority="VN-GENDER",
        evidence="Women direct 9 of the 26 cooperatives mapped although they are "
        "half of the members.",
        recommendation="Leadership training with the Women's Union.",
        sse_types=(COOP,),
    ),
    DemoGap(
        title="OCOP certification is out of reach for small cooperative groups",
        category=Gap.MARKETS_PROCUREMENT,
        severity=2,
        priority="VN-OCOP",
        evidence="Packaging and testing cost more than a small group's yearly surplus.",
        recommendation="Shared packaging and testing through cooperative unions.",
        sse_types=(PRECOOP, COOP),
        sectors=(FARM,),
        state=RETURNED,
        review="Give the cost figures you collected.",
    ),
    DemoGap(
        title="Social enterprises are unknown to local officials",
        category=Gap.AWARENESS,
        severity=1,
        priority="VN-SEDS",
        evidence="Officials interviewed in three provinces did not know the social "
        "enterprise status of the Law on Enterprises.",
        recommendation="Guidance for provincial business registration offices.",
        sse_types=(SE_TYPE,),
        state=DRAFT,
    ),
)

VN = DemoCountry(
    code="VN",
    usd_rate=25_400,
    capitals={
        "VN-03": (22.8233, 104.9836),
        "VN-27": (15.5736, 108.4740),
        "VN-31": (13.7830, 109.2197),
        "VN-46": (10.3600, 106.3600),
        "VN-57": (10.9804, 106.6519),
        "VN2025-02": (21.7229, 104.9113),
        "VN2025-05": (21.3256, 103.9188),
        "VN2025-07": (21.8236, 105.2140),
        "VN2025-13": (20.9599, 107.0425),
        "VN2025-18": (20.2506, 105.9745),
        "VN2025-21": (19.8067, 105.7852),
        "VN2025-22": (18.6796, 105.6813),
        "VN2025-26": (16.4637, 107.5909),
        "VN2025-33": (12.6667, 108.0500),
        "VN2025-34": (12.2388, 109.1967),
        "VN2025-35": (11.9404, 108.4583),
        "VN2025-39": (10.9574, 106.8426),
        "VN2025-44": (10.0125, 105.0809),
        "VN2025-49": (10.2537, 105.9722),
        "VN2025-56": (21.2731, 106.1946),
        "VN2025-59": (9.1769, 105.1524),
        "VN2025-66": (20.6464, 106.0511),
        "VN2025-68": (21.3227, 105.4019),
        "VN2025-69": (21.5942, 105.8482),
        "VN2025-71": (21.3860, 103.0230),
        "VN2025-CT": (10.0452, 105.7469),
        "VN2025-DN": (16.0544, 108.2022),
        "VN2025-HN": (21.0285, 105.8542),
        "VN2025-HP": (20.8449, 106.6881),
        "VN2025-SG": (10.7769, 106.7009),
    },
    authorities={
        "VN_HTX": "Provincial business registration office (cooperatives)",
        "VN_THT": "Commune People's Committee",
        "VN_LHHTX": "Provincial business registration office (cooperatives)",
        "VN_QTDND": "State Bank of Viet Nam",
        "VN_DNXH": "Provincial business registration office",
        "VN_HOI": "Provincial Department of Home Affairs",
        "VN_QUY": "Provincial Department of Home Affairs",
        "REG_GENERAL": "Provincial business registration office",
        "RECOGNISED_LOCAL": "Commune People's Committee",
    },
    priorities=(
        DemoPriority(
            "VN-SEDS",
            "Socio-Economic Development Strategy 2021–2030: collective economy",
            "Socio-Economic Development Strategy 2021–2030",
            "A stronger collective economy with cooperatives at its core.",
        ),
        DemoPriority(
            "VN-RES20",
            "A new-type collective economy and cooperatives",
            "Resolution 20-NQ/TW (2022) on the collective economy",
            "Cooperatives that are modern, autonomous and well financed.",
        ),
        DemoPriority(
            "VN-NTP-RURAL",
            "New rural development",
            "National Target Programme on New Rural Development 2021–2025",
            "Rural infrastructure, incomes and services.",
        ),
        DemoPriority(
            "VN-NTP-POVERTY",
            "Sustainable poverty reduction",
            "National Target Programme on Sustainable Poverty Reduction 2021–2025",
            "Decent jobs and livelihoods for poor and ethnic minority households.",
        ),
        DemoPriority(
            "VN-OCOP",
            "One Commune One Product (OCOP)",
            "OCOP programme 2021–2025",
            "Local products certified and marketed by cooperatives.",
        ),
        DemoPriority(
            "VN-GENDER",
            "Gender equality in economic life",
            "National Strategy on Gender Equality 2021–2030",
            "More women in leadership of economic organisations.",
        ),
    ),
    sources=(
        DemoSource(
            Kind.REGISTER,
            "National business and cooperative registration portal, 2024 extract",
            2024,
            "Cooperatives, unions of cooperatives and social enterprises.",
        ),
        DemoSource(
            Kind.SURVEY,
            "SSE mapping survey, Viet Nam, 2025",
            2025,
            "Questionnaire with 34 entities in all six regions.",
        ),
        DemoSource(
            Kind.INTERVIEW,
            "Interviews with commune officials and group leaders, 2025",
            2025,
            "Cooperative groups and informal groups.",
        ),
        DemoSource(
            Kind.SECONDARY,
            "Vietnam Cooperative Alliance annual report, 2024",
            2024,
            "Members, revenue and jobs of cooperatives by province.",
        ),
    ),
    committee=(
        DemoMember(
            "Nguyễn Thị Thu Hà", "Ministry of Finance, cooperative economy", GOV, F
        ),
        DemoMember(
            "Trần Văn Minh", "Ministry of Home Affairs, labour and employment", GOV, M
        ),
        DemoMember("Lê Thị Lan", "Vietnam Chamber of Commerce and Industry", EMP, F),
        DemoMember("Phạm Quốc Hùng", "Vietnam General Confederation of Labour", WKR, M),
        DemoMember("Đỗ Thị Mai", "Vietnam Cooperative Alliance", SSE_BODY, F),
        DemoMember("Hoàng Văn Nam", "National Economics University", ACAD, M),
        DemoMember(
            "Vũ Thị Hồng", "Development partners' cooperative working group", DEV, F
        ),
    ),
    definition=DemoDefinition(
        title="Working definition of the social and solidarity economy in Viet Nam",
        text_local="Kinh tế xã hội và đoàn kết bao gồm hợp tác xã, liên hiệp hợp tác "
        "xã, tổ hợp tác, quỹ tín dụng nhân dân, doanh nghiệp xã hội, hội và quỹ xã "
        "hội hoạt động trên cơ sở tự nguyện, quản lý dân chủ, tự chủ và đặt con "
        "người cùng mục tiêu xã hội lên trên vốn; việc đăng ký không phải là điều "
        "kiện bắt buộc.",
        text_en="The social and solidarity economy comprises cooperatives, unions of "
        "cooperatives, cooperative groups, people's credit funds, social enterprises, "
        "associations and social funds that operate voluntarily, are managed "
        "democratically and autonomously, and put people and social goals before "
        "capital; registration is not required.",
        registration_required=False,
        elements=(
            DemoElement(
                "SCOPE",
                ADAPTED,
                "Registration is not required: cooperative groups and informal "
                "savings groups count.",
                "Most rural collective activity happens in groups that never register.",
            ),
            DemoElement(
                "TYPES",
                ADDED,
                "Cooperative groups (tổ hợp tác) and people's credit funds are named "
                "SSE entity types.",
                "Both are recognised by the Law on Cooperatives 2023.",
            ),
            DemoElement(
                "P3",
                ADAPTED,
                "Support from mass organisations and the state does not breach "
                "autonomy; the appointment of the director by a People's Committee "
                "does.",
                "State support for cooperatives is national policy under Resolution "
                "20-NQ/TW.",
            ),
            DemoElement(
                "P4",
                ADAPTED,
                "The indivisible common assets required by the Law on Cooperatives "
                "2023 meet the asset lock.",
                "The law already forbids dividing them among members.",
            ),
            DemoElement(
                "V4",
                OMITTED,
                "",
                "Covered by P2 and P3 in Vietnamese law; the committee saw no need to "
                "repeat it.",
            ),
        ),
        state="validated",
    ),
    meeting=DemoMeeting(
        place="Vietnam Cooperative Alliance, Hà Nội",
        minutes="Second meeting of the national advisory committee. The committee "
        "validated the national working definition without a registration "
        "requirement, reviewed the entities, case studies and capacity gaps on the "
        "agenda, and asked that entities still recorded against pre-2025 provinces "
        "be kept as they are, since the crosswalk aggregates them.",
    ),
    entities=ENTITIES,
    case_studies=CASE_STUDIES,
    gaps=GAPS,
)
