"""Thailand: demo data. Entities, people and figures are invented; places, legal
forms, laws and plans are real."""

from surveys.demo_data.records import (
    ACAD,
    ADAPTED,
    ADDED,
    ASM,
    ASSOC,
    BORDERLINE_P2,
    BORDERLINE_UNKNOWN,
    CE,
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

ENTITIES = (
    E(
        ("วิสาหกิจชุมชนทอผ้าบ้านนาต้นจั่น", "Ban Na Ton Chan Weaving Community Enterprise"),
        ("TH-64", "Si Satchanalai district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("13", "55", "01"),
        2004,
        (48, 90, F, F),
        purpose="Hand-weaving cotton grown by members, and homestays for visitors "
        "who come to learn it.",
    ),
    E(
        ("สหกรณ์การเกษตรเมืองน่าน จำกัด", "Mueang Nan Agricultural Cooperative Ltd."),
        ("TH-55", "Mueang Nan district", MIXED, DISTRICT),
        (COOP, PRODUCER, "TH_COOP", SSE_LAW),
        ("01", "47"),
        1975,
        (2860, 47, M, M),
        disagg=PARTIAL,
    ),
    E(
        (
            "บริษัท ฮักเมืองน่าน วิสาหกิจเพื่อสังคม จำกัด",
            "Hug Mueang Nan Social Enterprise Co., Ltd.",
        ),
        ("TH-55", "Mueang Nan district", URBAN, EXACT),
        (SE_TYPE, "", "TH_SE", SSE_LAW),
        ("01", "46"),
        2020,
        (210, 48, F, F),
        employees=12,
        purpose="Buys coffee and fruit grown under forest cover from upland farmers "
        "at a guaranteed price, so they stop clearing forest for maize.",
        note="Registered with OSEP under the Social Enterprise Promotion Act 2019 "
        "(profit-sharing type, dividends capped at 30 %).",
    ),
    E(
        (
            "บริษัท คำแพง วิสาหกิจเพื่อสังคม จำกัด",
            "Kham Phaeng Social Enterprise Co., Ltd.",
        ),
        ("TH-40", "Mueang Khon Kaen district", URBAN, EXACT),
        (SE_TYPE, "", "TH_SE", SSE_LAW),
        ("10", "47", "01"),
        2008,
        (95, 72, F, F),
        former="TH_FOUNDATION",
        employees=18,
        note="Began as a foundation's income project; registered as a social "
        "enterprise under the 2019 Act in 2021.",
    ),
    E(
        ("กลุ่มกิจการเพื่อสังคมกาแฟแม่แจ่ม", "Mae Chaem Coffee Social Enterprise Group"),
        ("TH-50", "Mae Chaem district", RURAL, DISTRICT),
        (SE_TYPE, "", "TH_SE_GROUP", SSE_LAW),
        ("01", "10"),
        2015,
        (134, 51, M, F),
        state=IN_REVIEW,
        profile=BORDERLINE_UNKNOWN,
        targets=(Target.ETHNIC_MINORITY, Target.SMALL_FARMERS),
    ),
    E(
        (
            "สหกรณ์เคหสถานบ้านมั่นคงร่วมใจพัฒนา จำกัด",
            "Ruam Jai Phatthana Baan Mankong Housing Cooperative Ltd.",
        ),
        ("TH-10", "Lat Phrao district", URBAN, VILLAGE),
        (COOP, CONSUMER, "TH_COOP", SSE_LAW),
        ("41", "64"),
        2004,
        (312, 62, F, F),
        purpose="Members own their land collectively and rebuild their houses with "
        "Baan Mankong loans.",
    ),
    E(
        ("กลุ่มช่างชุมชนบ้านมั่นคงขอนแก่น", "Khon Kaen Community Builders' Group"),
        ("TH-40", "Mueang Khon Kaen district", URBAN, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("41", "43"),
        2016,
        (26, 23, M, M),
        state=SUBMITTED,
        disagg=PARTIAL,
    ),
    E(
        ("กลุ่มเกษตรกรทำนาเกลือบ้านแหลม", "Ban Laem Salt Farmers' Group"),
        ("TH-76", "Ban Laem district", RURAL, VILLAGE),
        (PRECOOP, "", "TH_FARMER_GROUP", SSE_LAW),
        ("08",),
        1994,
        (86, 44, M, M),
    ),
    E(
        ("วิสาหกิจชุมชนเกลือสินเธาว์บ่อเกลือ", "Bo Kluea Rock Salt Community Enterprise"),
        ("TH-55", "Bo Kluea district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("08", "10"),
        2009,
        (22, 59, F, M),
        state=RETURNED,
        review="The salt wells belong to the village: say how the enterprise shares "
        "them with families who are not members.",
        field_comments=(
            ("purpose", "Mention the village's customary rules on the wells."),
            ("figures", "2023 turnover looks ten times too high."),
        ),
    ),
    E(
        ("กลุ่มขุดพลอยบ่อพลอย", "Bo Phloi Sapphire Diggers' Group"),
        ("TH-71", "Bo Phloi district", RURAL, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("08",),
        2012,
        (17, 12, M, ""),
        state=DRAFT,
        profile=UNASSESSED,
        disagg=TOTALS,
    ),
    E(
        ("กลุ่มเกษตรกรทำนาข้าวอินทรีย์กุดชุม", "Kut Chum Organic Rice Farmers' Group"),
        ("TH-35", "Kut Chum district", RURAL, VILLAGE),
        (PRECOOP, "", "TH_FARMER_GROUP", SSE_LAW),
        ("01",),
        1997,
        (158, 53, M, F),
    ),
    E(
        ("กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "Ban Nong Bua Savings Group for Production"),
        ("TH-47", "Phanna Nikhom district", RURAL, VILLAGE),
        (SHG, "", "TH_SAVINGS_GROUP", LOCAL),
        ("64",),
        1989,
        (412, 61, F, F),
        disagg=PARTIAL,
    ),
    E(
        ("กลุ่มสัจจะสะสมทรัพย์บ้านน้ำขาว", "Ban Nam Khao Sajja Savings Group"),
        ("TH-90", "Chana district", RURAL, VILLAGE),
        (SHG, "", "", INFORMAL),
        ("64",),
        2002,
        (236, 57, M, F),
        note="Informal, and counted as SSE: Thailand's definition allows informal "
        "groups.",
    ),
    E(
        (
            "วิสาหกิจชุมชนประมงพื้นบ้านบ้านบางปู",
            "Ban Bang Pu Small-Scale Fishers' Community Enterprise",
        ),
        ("TH-94", "Yaring district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("03", "10"),
        2007,
        (64, 34, M, M),
    ),
    E(
        (
            "สหกรณ์กองทุนสวนยางบ้านควนลัง จำกัด",
            "Ban Khuan Lang Rubber Fund Cooperative Ltd.",
        ),
        ("TH-90", "Hat Yai district", RURAL, VILLAGE),
        (COOP, PRODUCER, "TH_COOP", SSE_LAW),
        ("01", "22"),
        1996,
        (145, 38, M, M),
    ),
    E(
        ("วิสาหกิจชุมชนแปรรูปผลไม้คีรีวง", "Khiri Wong Fruit Processing Community Enterprise"),
        ("TH-80", "Lan Saka district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("10", "01"),
        2003,
        (35, 80, F, F),
        state=SUBMITTED,
    ),
    E(
        ("วิสาหกิจชุมชนชาอาข่าดอยแม่สลอง", "Akha Doi Mae Salong Tea Community Enterprise"),
        ("TH-57", "Mae Fa Luang district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("01", "10"),
        2011,
        (58, 55, M, F),
        targets=(Target.ETHNIC_MINORITY, Target.SMALL_FARMERS),
    ),
    E(
        (
            "วิสาหกิจชุมชนผ้าไหมบ้านท่าสว่าง",
            "Ban Tha Sawang Silk Weaving Community Enterprise",
        ),
        ("TH-32", "Mueang Surin district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("13",),
        2001,
        (72, 92, F, F),
        story=RETURNED_THEN_FIXED,
    ),
    E(
        ("มูลนิธิบ้านน้ำใจ", "Baan Nam Jai Foundation"),
        ("TH-41", "Mueang Udon Thani district", URBAN, EXACT),
        (FOUND, "", "TH_FOUNDATION", GENERAL_LAW),
        ("88",),
        1999,
        (15, 73, F, F),
        profile=SSE_DONOR,
        targets=(Target.ELDERLY,),
    ),
    E(
        ("สมาคมผู้ผลิตที่บ้านเชียงใหม่", "Chiang Mai Home-Based Workers' Association"),
        ("TH-50", "Mueang Chiang Mai district", URBAN, DISTRICT),
        (ASSOC, "", "TH_ASSOCIATION", GENERAL_LAW),
        ("94", "14"),
        2010,
        (380, 88, F, F),
        targets=(Target.INFORMAL_WORKERS, Target.WOMEN),
    ),
    E(
        ("สหกรณ์ร้านค้าชุมชนหนองหญ้าไซ จำกัด", "Nong Ya Sai Community Shop Cooperative Ltd."),
        ("TH-30", "Sung Noen district", RURAL, VILLAGE),
        (COOP, CONSUMER, "TH_COOP", SSE_LAW),
        ("47",),
        1982,
        (640, 58, M, F),
        state=IN_REVIEW,
        profile=BORDERLINE_P2,
    ),
    E(
        (
            "สหกรณ์เครดิตยูเนี่ยนร่วมพัฒนาอุบล จำกัด",
            "Ruam Phatthana Ubon Credit Union Cooperative Ltd.",
        ),
        ("TH-34", "Mueang Ubon Ratchathani district", URBAN, EXACT),
        (SCC, "", "TH_COOP", SSE_LAW),
        ("64",),
        1985,
        (3400, 60, F, M),
        disagg=PARTIAL,
    ),
    E(
        ("สหกรณ์นิคมกาญจนบุรี จำกัด", "Kanchanaburi Land Settlement Cooperative Ltd."),
        ("TH-71", "Tha Muang district", RURAL, DISTRICT),
        (COOP, PRODUCER, "TH_COOP", SSE_LAW),
        ("01",),
        1978,
        (890, 36, M, M),
        state=REJECTED,
        profile=OUTSIDE_P3,
        review="Managed by the government settlement officer, who appoints the board: "
        "outside the SSE. Record it with the settlement programme instead.",
    ),
    E(
        ("วิสาหกิจชุมชนสมุนไพรเขาใหญ่", "Khao Yai Herbal Products Community Enterprise"),
        ("TH-30", "Pak Chong district", RURAL, EXACT),
        (CE, "", "TH_CE", SSE_LAW),
        ("10",),
        2017,
        (7, 57, F, F),
        state=REJECTED,
        profile=OUTSIDE_P4,
        review="A family business registered as a community enterprise to obtain "
        "grants; profits go to the owners.",
    ),
    E(
        ("วิสาหกิจชุมชนธนาคารขยะวัดศรี", "Wat Sri Waste Bank Community Enterprise"),
        ("TH-21", "Mueang Rayong district", URBAN, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("38",),
        2014,
        (180, 70, F, F),
        purpose="A community waste bank that buys sorted recyclables from members "
        "and funds a welfare scheme.",
    ),
    E(
        ("สหกรณ์ชาวสวนผลไม้จันทบุรี จำกัด", "Chanthaburi Fruit Growers' Cooperative Ltd."),
        ("TH-22", "Tha Mai district", RURAL, DISTRICT),
        (COOP, PRODUCER, "TH_COOP", SSE_LAW),
        ("01", "46"),
        1990,
        (1120, 41, M, M),
    ),
    E(
        (
            "สหกรณ์บริการช่างชุมชนนครราชสีมา จำกัด",
            "Nakhon Ratchasima Community Builders' Service Cooperative Ltd.",
        ),
        ("TH-30", "Mueang Nakhon Ratchasima district", URBAN, DISTRICT),
        (COOP, WORKER, "TH_COOP", SSE_LAW),
        ("43",),
        2018,
        (44, 14, M, M),
        state=RETURNED,
    ),
    E(
        (
            "วิสาหกิจชุมชนข้าวอินทรีย์บ้านดอนกระเบื้อง",
            "Ban Don Krabueang Organic Rice Community Enterprise",
        ),
        ("TH-72", "Sam Chuk district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("01",),
        2013,
        (31, 45, M, M),
        state=RETURNED,
    ),
    E(
        ("กลุ่มทอผ้าบ้านนาต้นจั่น", "Ban Na Ton Chan Weaving Community Enterprise Group"),
        ("TH-64", "Si Satchanalai district", RURAL, VILLAGE),
        (CE, "", "", INFORMAL),
        ("13",),
        2010,
        (21, 95, F, F),
        state=DRAFT,
        note="Possibly the same group as the Ban Na Ton Chan community enterprise: "
        "check before submitting.",
    ),
    E(
        ("วิสาหกิจชุมชนท่องเที่ยวบ้านป่าเหมี้ยง", "Ban Pa Miang Community Tourism Enterprise"),
        ("TH-52", "Chae Hom district", RURAL, VILLAGE),
        (CE, "", "TH_CE", SSE_LAW),
        ("55", "01"),
        2010,
        (54, 57, F, M),
    ),
    E(
        ("กลุ่มแม่บ้านเกษตรกรบ้านเกาะกลาง", "Koh Klang Women Farmers' Batik Group"),
        ("TH-81", "Mueang Krabi district", RURAL, VILLAGE),
        (PRECOOP, "", "", LOCAL),
        ("14", "13"),
        2005,
        (28, 100, F, F),
        state=SUBMITTED,
    ),
    E(
        ("สหกรณ์โคนมบ้านธิ จำกัด", "Ban Thi Dairy Cooperative Ltd."),
        ("TH-51", "Ban Thi district", RURAL, DISTRICT),
        (COOP, PRODUCER, "TH_COOP", SSE_LAW),
        ("01", "10"),
        1999,
        (164, 33, M, M),
        state=DRAFT,
        story=EDITED_AFTER_VALIDATION,
    ),
    E(
        (
            "บริษัท ปั้นฝัน วิสาหกิจเพื่อสังคม จำกัด",
            "Pan Fun Youth Café Social Enterprise Co., Ltd.",
        ),
        ("TH-10", "Bang Rak district", URBAN, EXACT),
        (SE_TYPE, "", "TH_SE", SSE_LAW),
        ("56", "85"),
        2021,
        (12, 58, F, F),
        employees=16,
        targets=(Target.YOUTH,),
        note="Registered with OSEP under the Social Enterprise Promotion Act 2019 "
        "(non-profit-sharing type).",
    ),
    E(
        (
            "กลุ่มออมทรัพย์วินมอเตอร์ไซค์ลาดพร้าว",
            "Lat Phrao Motorcycle Taxi Drivers' Savings Group",
        ),
        ("TH-10", "Lat Phrao district", URBAN, DISTRICT),
        (SHG, "", "", INFORMAL),
        ("64",),
        2019,
        (58, 9, M, ""),
        state=DRAFT,
        profile=BORDERLINE_UNKNOWN,
        targets=(Target.INFORMAL_WORKERS,),
    ),
)

CASE_STUDIES = (
    DemoCaseStudy(
        title="Ban Na Ton Chan: weaving, cotton and homestays run by women",
        entities=("Ban Na Ton Chan Weaving Community Enterprise",),
        area="TH-64",
        sector=FARM,
        sse_type=CE,
        summary="48 weavers grow their own cotton, weave the village's traditional "
        "patterns and host visitors in their homes.",
        context="Registered as a community enterprise in 2006; a community tourism "
        "award brought visitors and buyers.",
        gender_analysis="Women are 90 % of members and hold every post. Men grow "
        "cotton and guide visitors; young women return from Bangkok to weave because "
        "income is now steady.",
        decent_work="Weavers set their own hours; the enterprise pays into a welfare "
        "fund for members' health costs.",
        principles_evidence="Monthly meetings, one member one vote, a share of "
        "homestay income kept for the village.",
        lessons="Tourism and weaving support each other when the community keeps "
        "control of both.",
    ),
    DemoCaseStudy(
        title="Salt farmers of Ban Laem and Bo Kluea",
        entities=(
            "Ban Laem Salt Farmers' Group",
            "Bo Kluea Rock Salt Community Enterprise",
        ),
        area="TH-76",
        sector=ASM,
        sse_type=PRECOOP,
        summary="Sea salt on the coast and rock salt in the mountains: two salt "
        "producers' groups that sell together and keep prices stable.",
        context="Salt production is classed as mining; both groups use traditional "
        "methods and struggle with falling prices.",
        gender_analysis="Men rake the salt pans, women pack and sell; in Bo Kluea "
        "women boil the brine and chair the enterprise.",
        decent_work="Work in the pans is hot and seasonal; the farmer group "
        "negotiated a minimum price with buyers.",
        principles_evidence="Both groups elect their committees and share income by "
        "the salt each member produces.",
        lessons="Selling together gave small producers a price floor.",
    ),
    DemoCaseStudy(
        title="Baan Mankong: housing cooperatives and community builders",
        entities=(
            "Ruam Jai Phatthana Baan Mankong Housing Cooperative Ltd.",
            "Khon Kaen Community Builders' Group",
        ),
        area="TH-10",
        sector=CONSTRUCTION,
        sse_type=COOP,
        summary="A Bangkok housing cooperative rebuilt 312 homes with its members and "
        "a team of community builders.",
        context="The Baan Mankong programme lends to communities, not individuals, "
        "for secure land and housing.",
        gender_analysis="Women lead the savings and the cooperative's board; "
        "community builders are mostly men, with women doing the accounts.",
        decent_work="Community builders are paid a fair day rate but are not in the "
        "social security system.",
        principles_evidence="Land is held collectively; the general assembly decides "
        "on every building phase.",
        lessons="Collective land tenure kept the community together when land "
        "prices rose.",
        state=SUBMITTED,
    ),
    DemoCaseStudy(
        title="From foundation project to registered social enterprise",
        entities=("Kham Phaeng Social Enterprise Co., Ltd.",),
        area="TH-40",
        sector=FARM,
        sse_type=SE_TYPE,
        summary="How a foundation's food-processing project became a social "
        "enterprise under the 2019 Act.",
        context="The foundation needed a legal form that could trade and attract "
        "impact investors without losing its mission.",
        gender_analysis="Most suppliers and staff are women; the board has two women "
        "of five, and the manager is a woman.",
        decent_work="Staff have contracts and social security; suppliers get a "
        "guaranteed price.",
        principles_evidence="Registered with OSEP; dividends capped, the foundation "
        "keeps a golden share.",
        lessons="The SE Act's tax benefits mattered less than the recognition it "
        "brought with buyers.",
        state=DRAFT,
    ),
)

GAPS = (
    DemoGap(
        title="Few community enterprises know the Social Enterprise Promotion Act",
        category=Gap.AWARENESS,
        severity=2,
        priority="TH-SE",
        evidence="Of 14 community enterprises interviewed, two had heard of the 2019 "
        "Act and none of its tax benefits.",
        recommendation="Provincial information sessions by OSEP with the "
        "Department of Agricultural Extension.",
        sse_types=(CE, SE_TYPE),
    ),
    DemoGap(
        title="Community enterprises cannot sell to government agencies",
        category=Gap.MARKETS_PROCUREMENT,
        severity=3,
        priority="TH-NESDP13",
        evidence="Procurement rules ask for a company registration and VAT number "
        "that community enterprises do not have.",
        recommendation="Let registered community enterprises bid for small local "
        "purchases.",
        sse_types=(CE,),
        sectors=(FARM,),
    ),
    DemoGap(
        title="Informal workers' groups are not enrolled in Section 40 social security",
        category=Gap.DECENT_WORK,
        severity=3,
        priority="TH-INFORMAL",
        evidence="Under a third of members of the savings and builders' groups "
        "mapped contribute under Section 40.",
        recommendation="Group enrolment and contribution collection through savings "
        "groups.",
        sse_types=(SHG, OTHER),
        sectors=(CONSTRUCTION,),
        areas=("TH-10", "TH-40"),
        state=IN_REVIEW,
    ),
    DemoGap(
        title="Salt farmers and gem diggers work without permits",
        category=Gap.LEGAL_RECOGNITION,
        severity=2,
        priority="TH-NSP",
        evidence="Neither the salt groups nor the sapphire diggers hold a mining "
        "permit; they are tolerated, not recognised.",
        recommendation="A community mining permit for traditional small-scale "
        "extraction.",
        sse_types=(PRECOOP, OTHER),
        sectors=(ASM,),
        areas=("TH-76", "TH-71", "TH-55"),
        state=RETURNED,
        review="Check with the Department of Primary Industries and Mines: salt "
        "farming may not need a permit.",
    ),
    DemoGap(
        title="Organic certification costs too much for small farmer groups",
        category=Gap.POLICY_SUPPORT,
        severity=2,
        priority="TH-BCG",
        evidence="Certification costs 20 000–40 000 baht a year per group.",
        recommendation="Recognise participatory guarantee systems in BCG support.",
        sse_types=(PRECOOP, CE),
        sectors=(FARM,),
    ),
    DemoGap(
        title="Women weavers lack digital marketing skills",
        category=Gap.DIGITAL,
        severity=1,
        priority="TH-NESDP13",
        evidence="Weaving groups sell almost only at fairs; few use online shops.",
        recommendation="Training on online sales with the provincial commerce offices.",
        sse_types=(CE,),
        state=DRAFT,
    ),
)

TH = DemoCountry(
    code="TH",
    usd_rate=34,
    capitals={
        "TH-10": (13.7563, 100.5018),
        "TH-21": (12.6814, 101.2816),
        "TH-22": (12.6114, 102.1039),
        "TH-30": (14.9799, 102.0978),
        "TH-32": (14.8818, 103.4936),
        "TH-34": (15.2287, 104.8564),
        "TH-35": (15.7926, 104.1453),
        "TH-40": (16.4322, 102.8236),
        "TH-41": (17.4138, 102.7870),
        "TH-47": (17.1545, 104.1348),
        "TH-50": (18.7883, 98.9853),
        "TH-51": (18.5744, 99.0087),
        "TH-52": (18.2888, 99.4909),
        "TH-55": (18.7756, 100.7730),
        "TH-57": (19.9105, 99.8406),
        "TH-64": (17.0078, 99.8265),
        "TH-71": (14.0228, 99.5328),
        "TH-72": (14.4745, 100.1177),
        "TH-76": (13.1119, 99.9397),
        "TH-80": (8.4304, 99.9631),
        "TH-81": (8.0863, 98.9063),
        "TH-90": (7.1898, 100.5954),
        "TH-94": (6.8696, 101.2501),
    },
    authorities={
        "TH_COOP": "Cooperative Promotion Department, registrar of cooperatives",
        "TH_FARMER_GROUP": "Cooperative Promotion Department",
        "TH_CE": "Department of Agricultural Extension (Community Enterprise "
        "Promotion Board)",
        "TH_SE": "Office of Social Enterprise Promotion (OSEP)",
        "TH_SE_GROUP": "Office of Social Enterprise Promotion (OSEP)",
        "TH_FOUNDATION": "Ministry of Interior, district office",
        "TH_ASSOCIATION": "Ministry of Interior, district office",
        "TH_SAVINGS_GROUP": "Community Development Department",
        "REG_GENERAL": "Department of Business Development",
        "RECOGNISED_LOCAL": "Subdistrict Administrative Organisation",
    },
    priorities=(
        DemoPriority(
            "TH-BCG",
            "Bio-Circular-Green (BCG) economy",
            "BCG Economy Model national agenda (2021–2027)",
            "Value from biodiversity and circular use of resources, with communities.",
        ),
        DemoPriority(
            "TH-NSP",
            "National Strategy — reducing inequality through strong communities",
            "20-Year National Strategy (2018–2037), social equality strategy",
            "Communities that manage their own resources and economy.",
        ),
        DemoPriority(
            "TH-NESDP13",
            "13th Plan — community enterprises and the local economy",
            "13th National Economic and Social Development Plan (2023–2027)",
            "Stronger community enterprises and local markets.",
        ),
        DemoPriority(
            "TH-SE",
            "Growing registered social enterprises",
            "Social Enterprise Promotion Act B.E. 2562 (2019)",
            "More enterprises registered with OSEP and using its support.",
        ),
        DemoPriority(
            "TH-INFORMAL",
            "Social protection for informal workers",
            "Social Security Act, Section 40",
            "Informal workers covered by voluntary social security.",
        ),
    ),
    sources=(
        DemoSource(
            Kind.REGISTER,
            "Community enterprise and OSEP social enterprise registers, 2024",
            2024,
            "Registered community enterprises and social enterprises.",
        ),
        DemoSource(
            Kind.SURVEY,
            "SSE mapping survey, Thailand, 2025",
            2025,
            "Questionnaire with 34 entities in all six regions.",
        ),
        DemoSource(
            Kind.INTERVIEW,
            "Focus groups with informal groups, 2025",
            2025,
            "Savings groups, builders and diggers.",
        ),
        DemoSource(
            Kind.SECONDARY,
            "Cooperative Promotion Department statistics, 2024",
            2024,
            "Members and turnover of cooperatives and farmer groups.",
        ),
    ),
    committee=(
        DemoMember(
            "Siriporn Chaiyasit", "Office of Social Enterprise Promotion", GOV, F
        ),
        DemoMember("Somchai Wongsuwan", "Cooperative Promotion Department", GOV, M),
        DemoMember("Pranee Srisuk", "Employers' Confederation of Thailand", EMP, F),
        DemoMember("Anan Boonma", "Thai Labour Solidarity Committee", WKR, M),
        DemoMember("Wilai Kaewmanee", "Cooperative League of Thailand", SSE_BODY, F),
        DemoMember("Thawatchai Saengthong", "Home-based workers' network", SSE_BODY, M),
        DemoMember(
            "Kittipong Rattanakorn",
            "Thammasat University, Faculty of Social Administration",
            ACAD,
            M,
        ),
        DemoMember(
            "Napaporn Intharasuk", "Development partners' SSE working group", DEV, F
        ),
    ),
    definition=DemoDefinition(
        title="Working definition of the social and solidarity economy in Thailand",
        text_local="เศรษฐกิจสังคมและสมานฉันท์ ประกอบด้วยสหกรณ์ กลุ่มเกษตรกร "
        "วิสาหกิจชุมชน วิสาหกิจเพื่อสังคม มูลนิธิ สมาคม และกลุ่มออมทรัพย์ "
        "ที่รวมตัวกันโดยสมัครใจ บริหารจัดการอย่างเป็นประชาธิปไตย เป็นอิสระ "
        "และให้ความสำคัญกับคนและเป้าหมายทางสังคมเหนือทุน "
        "ทั้งที่จดทะเบียนและกลุ่มที่ไม่เป็นทางการ",
        text_en="The social and solidarity economy comprises cooperatives, farmer "
        "groups, community enterprises, social enterprises, foundations, associations "
        "and savings groups that come together voluntarily, are managed "
        "democratically and autonomously, and put people and social goals before "
        "capital, whether registered or informal.",
        informal_groups_allowed=True,
        elements=(
            DemoElement(
                "SCOPE",
                ADAPTED,
                "Informal groups, such as savings groups for production, are included.",
                "Savings groups are among the oldest and largest SSE entities in "
                "Thailand and most are not registered.",
            ),
            DemoElement(
                "TYPES",
                ADDED,
                "Community enterprises (Community Enterprise Promotion Act 2005) and "
                "social enterprises registered under the Social Enterprise Promotion "
                "Act 2019 are named types.",
                "Both have their own registration and support in Thai law.",
            ),
            DemoElement(
                "P4",
                ADAPTED,
                "A registered profit-sharing social enterprise may distribute up to "
                "30 % of its profits.",
                "The Social Enterprise Promotion Act allows it; the rest must be "
                "reinvested in the social purpose.",
            ),
            DemoElement(
                "V1",
                ADAPTED,
                "Care for people and planet, in the spirit of the Sufficiency "
                "Economy Philosophy.",
                "The committee wanted the Thai framing that communities already use.",
            ),
            DemoElement(
                "SECTORS",
                ADDED,
                "Bio-circular-green activities: organic farming, community forestry "
                "and waste banks.",
                "They link the SSE to the national BCG agenda.",
            ),
        ),
        state="validated",
    ),
    meeting=DemoMeeting(
        place="Office of Social Enterprise Promotion, Bangkok",
        minutes="Third meeting of the national advisory committee. The committee "
        "validated the national working definition, including informal groups, and "
        "reviewed the entities, case studies and capacity gaps on the agenda. It "
        "asked OSEP to check which mapped enterprises could register under the "
        "2019 Act.",
    ),
    entities=ENTITIES,
    case_studies=CASE_STUDIES,
    gaps=GAPS,
)
