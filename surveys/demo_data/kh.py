"""Cambodia: demo data. Entities, people and figures are invented; places, legal
forms, laws and plans are real."""

from surveys.demo_data.records import (
    ACAD,
    ADAPTED,
    ADDED,
    ASM,
    ASSOC,
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
    GENERAL_LAW,
    GOV,
    IN_REVIEW,
    INFORMAL,
    LOCAL,
    MUTUAL,
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
        ("សហគមន៍កសិកម្មសាមគ្គីត្រាំកក់", "Samaki Tram Kak Agricultural Cooperative"),
        ("KH-21", "Tram Kak district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01", "10"),
        2012,
        (246, 58, M, F),
    ),
    E(
        ("សហគមន៍កសិកម្មរីកចម្រើនបាត់ដំបង", "Rik Chamreun Battambang Agricultural Cooperative"),
        ("KH-2", "Sangkae district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01",),
        2010,
        (412, 52, M, M),
        story=RETURNED_THEN_FIXED,
    ),
    E(
        (
            "សហភាពសហគមន៍កសិកម្មស្រូវសរីរាង្គព្រះវិហារ",
            "Preah Vihear Union of Organic Rice Cooperatives",
        ),
        ("KH-13", "Tbeng Meanchey", RURAL, DISTRICT),
        (COOP, PRODUCER, "KH_AC_UNION", SSE_LAW),
        ("01", "46"),
        2016,
        (14, 36, M, F),
        org_level="SECONDARY",
        disagg=TOTALS,
        note="Members are 14 primary agricultural cooperatives.",
    ),
    E(
        ("សហគមន៍កសិកម្មម្រេចកំពត", "Kampot Pepper Farmers Agricultural Cooperative"),
        ("KH-7", "Dang Tong district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01", "10"),
        2014,
        (380, 45, M, F),
    ),
    E(
        ("សហគមន៍នេសាទពាមក្រសោប", "Peam Krasaop Community Fishery"),
        ("KH-9", "Mondol Seima district", RURAL, VILLAGE),
        (ASSOC, "", "KH_COMMUNITY_FISHERY", GENERAL_LAW),
        ("03",),
        2007,
        (318, 41, M, M),
    ),
    E(
        ("សហគមន៍ព្រៃឈើអូរស្វាយ", "O Svay Community Forestry"),
        ("KH-19", "Siem Bouk district", RURAL, VILLAGE),
        (ASSOC, "", "KH_COMMUNITY_FORESTRY", GENERAL_LAW),
        ("02",),
        2006,
        (205, 47, M, M),
        disagg=PARTIAL,
        targets=(Target.SMALL_FARMERS, Target.ETHNIC_MINORITY),
    ),
    E(
        ("ក្រុមរ៉ែមាសសហគមន៍រមាំង", "Romeang Community Gold Miners' Group"),
        ("KH-13", "Rovieng district", RURAL, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("07",),
        2015,
        (64, 28, M, ""),
        state=IN_REVIEW,
        profile=BORDERLINE_UNKNOWN,
        disagg=TOTALS,
    ),
    E(
        ("ក្រុមជាងសំណង់សាមគ្គី", "Samaki Construction Workers' Group"),
        ("KH-12", "Meanchey section", URBAN, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("43",),
        2019,
        (48, 35, M, M),
        state=SUBMITTED,
        disagg=PARTIAL,
        note="Organised with the support of a building and wood workers' union.",
    ),
    E(
        ("ក្រុមសន្សំលំនៅដ្ឋានសហគមន៍សែនសុខ", "Sen Sok Community Housing Savings Group"),
        ("KH-12", "Sen Sok section", URBAN, VILLAGE),
        (SHG, "", "KH_SAVINGS_GROUP", LOCAL),
        ("41", "64"),
        2013,
        (86, 78, F, F),
        purpose="Members save together and build or upgrade their own houses on "
        "secured land.",
    ),
    E(
        ("ក្រុមសន្សំប្រាក់ស្ត្រីពាមររ", "Peam Ro Women's Savings Group"),
        ("KH-14", "Peam Ro district", RURAL, VILLAGE),
        (SHG, "", "KH_SAVINGS_GROUP", INFORMAL),
        ("64",),
        2016,
        (35, 91, F, F),
    ),
    E(
        ("ក្រុមសន្សំភូមិត្រពាំងព្រីង", "Trapeang Pring Village Savings Group"),
        ("KH-20", "Romeas Haek district", RURAL, VILLAGE),
        (SHG, "", "KH_SAVINGS_GROUP", INFORMAL),
        ("64",),
        2018,
        (27, 85, F, ""),
        state=DRAFT,
        profile=UNASSESSED,
        disagg=TOTALS,
    ),
    E(
        ("ក្រុមតម្បាញសូត្របាទី", "Bati Silk Weavers' Group"),
        ("KH-21", "Bati district", RURAL, VILLAGE),
        (PRECOOP, "", "", LOCAL),
        ("13", "14"),
        2009,
        (42, 95, F, F),
    ),
    E(
        ("សហគ្រាសសង្គមសិប្បកម្មក្រវ៉ាន់", "Kravan Handicrafts Social Enterprise"),
        ("KH-12", "Daun Penh section", URBAN, EXACT),
        (SE_TYPE, "", "", GENERAL_LAW),
        ("14", "47"),
        2004,
        (120, 88, F, F),
        former="KH_NGO",
        employees=22,
        purpose="Fair-trade handicrafts made by women and artisans with disabilities.",
        targets=(Target.WOMEN, Target.PWD),
        note="An NGO until 2009; now a company owned by its artisans' association.",
    ),
    E(
        ("គ្រឹះស្ថានមីក្រូហិរញ្ញវត្ថុសង្ឃឹម", "Sangkheum Microfinance Plc"),
        ("KH-12", "Chamkar Mon section", URBAN, EXACT),
        (OTHER, "", "", GENERAL_LAW),
        ("64",),
        1998,
        (9, 22, M, M),
        former="KH_NGO",
        employees=140,
        turnover_usd=2_400_000,
        state=REJECTED,
        profile=OUTSIDE_P4,
        review="A commercial microfinance company owned by investors since it left "
        "NGO status: outside the SSE. Keep it in the report's section on transformed "
        "NGOs, not as an SSE entity.",
        note="Transformed from a microcredit NGO into a licensed company.",
    ),
    E(
        ("អង្គការជនពិការបាត់ដំបង", "Battambang Disabled People's Organisation"),
        ("KH-2", "Battambang city", URBAN, EXACT),
        (ASSOC, "", "KH_NGO", GENERAL_LAW),
        ("88",),
        2003,
        (160, 46, F, M),
    ),
    E(
        ("សហគមន៍ទេសចរណ៍ធម្មជាតិអូរតូច", "O Toch Community-Based Ecotourism"),
        ("KH-9", "Thma Bang district", RURAL, VILLAGE),
        (ASSOC, "", "", LOCAL),
        ("55", "02"),
        2008,
        (132, 49, M, F),
    ),
    E(
        ("សហគមន៍កសិកម្មដំឡូងមីចំការលើ", "Chamkar Leu Cassava Agricultural Cooperative"),
        ("KH-3", "Chamkar Leu district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01",),
        2015,
        (188, 39, M, M),
        state=IN_REVIEW,
        profile=BORDERLINE_P2,
    ),
    E(
        ("សហគមន៍កសិកម្មស្វាយចន្ទីសណ្ដាន់", "Sandan Cashew Agricultural Cooperative"),
        ("KH-6", "Sandan district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01", "10"),
        2017,
        (264, 44, F, M),
    ),
    E(
        ("សហគមន៍កសិកម្មបន្លែក្រឡាញ់", "Kralanh Vegetable Agricultural Cooperative"),
        ("KH-17", "Kralanh district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01", "47"),
        2014,
        (156, 66, F, F),
        state=SUBMITTED,
    ),
    E(
        ("ភោជនីយដ្ឋានបណ្តុះបណ្តាលបាយសម្ល", "Bay Samlor Training Restaurant"),
        ("KH-17", "Siem Reap city", URBAN, EXACT),
        (SE_TYPE, "", "", GENERAL_LAW),
        ("56", "85"),
        2016,
        (34, 53, F, F),
        employees=28,
    ),
    E(
        ("បណ្តាញទឹកឃ្មុំព្រៃមណ្ឌលគិរី", "Mondulkiri Wild Honey Network"),
        ("KH-11", "Pech Chreada district", RURAL, DISTRICT),
        (ASSOC, "", "", LOCAL),
        ("02", "10"),
        2012,
        (97, 40, M, F),
        targets=(Target.ETHNIC_MINORITY, Target.SMALL_FARMERS),
    ),
    E(
        ("ក្រុមអ្នករុករករ៉ែត្បូងបូកែវ", "Bokeo Zircon Miners' Group"),
        ("KH-16", "Bokeo district", RURAL, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("08",),
        2018,
        (38, 21, M, ""),
        state=RETURNED,
        profile=BORDERLINE_UNKNOWN,
        disagg=TOTALS,
        targets=(Target.ETHNIC_MINORITY, Target.INFORMAL_WORKERS),
        review="Please document the group's rules: who can join and how decisions "
        "are taken. Members by sex are missing.",
        field_comments=(
            (
                "assessment",
                "P1.2 and P2.1 need evidence: interview more than the leader.",
            ),
            ("figures", "Give the 2024 members by sex."),
        ),
    ),
    E(
        (
            "ក្រុមសន្សំអ្នករែងមាសគ្មានបារតរវៀង",
            "Rovieng Mercury-Free Gold Panners' Savings Group",
        ),
        ("KH-13", "Rovieng district", RURAL, VILLAGE),
        (SHG, "", "KH_SAVINGS_GROUP", LOCAL),
        ("07", "64"),
        2020,
        (29, 45, F, F),
        note="Set up during a mercury-free gold processing project.",
    ),
    E(
        ("សហគមន៍កសិកម្មចិញ្ចឹមគោភ្នំស្រុក", "Phnom Srok Cattle Raisers Agricultural Cooperative"),
        ("KH-1", "Phnom Srok district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01",),
        2013,
        (122, 48, M, M),
        profile=OUTSIDE_P3,
        review="Data confirmed. The committee notes it stays outside the SSE until "
        "members elect their own board.",
    ),
    E(
        ("ក្រុមជាងចម្លាក់ថ្មម៉ាបពោធិ៍សាត់", "Pursat Marble Carvers' Group"),
        ("KH-15", "Bakan district", RURAL, VILLAGE),
        (PRECOOP, "", "", LOCAL),
        ("23", "08"),
        2011,
        (31, 19, M, M),
    ),
    E(
        ("ក្រុមស្ត្រីស្មូនឆ្នាំងអណ្តូងឫស្សី", "Andoung Russey Women Potters' Group"),
        ("KH-4", "Rolea B'ier district", RURAL, VILLAGE),
        (PRECOOP, "", "", LOCAL),
        ("23", "08"),
        2010,
        (46, 82, F, F),
        state=SUBMITTED,
    ),
    E(
        ("សមាគមពលករតាមផ្ទះកម្ពុជា", "Cambodian Domestic Workers' Association"),
        ("KH-12", "Toul Kork section", URBAN, DISTRICT),
        (ASSOC, "", "KH_NGO", GENERAL_LAW),
        ("94",),
        2015,
        (420, 93, F, F),
        targets=(Target.WOMEN, Target.INFORMAL_WORKERS, Target.MIGRANTS),
    ),
    E(
        ("មូលនិធិសុខភាពទៅវិញទៅមកអ្នកបើករ៉ឺម៉ក", "Tuk-tuk Drivers' Mutual Health Fund"),
        ("KH-12", "Prampir Meakkakra section", URBAN, DISTRICT),
        (MUTUAL, "", "KH_NGO", GENERAL_LAW),
        ("65",),
        2017,
        (640, 12, M, F),
        state=RETURNED,
        profile=SSE_DONOR,
        disagg=PARTIAL,
        targets=(Target.INFORMAL_WORKERS,),
    ),
    E(
        ("សហគមន៍នេសាទក្តាមកែប", "Kep Crab Fishers Community Fishery"),
        ("KH-23", "Angkaol", RURAL, VILLAGE),
        (ASSOC, "", "KH_COMMUNITY_FISHERY", GENERAL_LAW),
        ("03",),
        2009,
        (104, 37, M, F),
        state=DRAFT,
        story=EDITED_AFTER_VALIDATION,
    ),
    E(
        ("សហគមន៍ទេសចរណ៍សំបូរផ្សោត", "Sambor Dolphin Community-Based Tourism"),
        ("KH-10", "Sambor district", RURAL, VILLAGE),
        (ASSOC, "", "", LOCAL),
        ("55",),
        2009,
        (88, 51, F, M),
        state=REJECTED,
        profile=OUTSIDE_P3,
        review="This is the provincial tourism department's project: the villagers "
        "are its staff and do not run it.",
    ),
    E(
        ("សហគមន៍កសិកម្មកៅស៊ូមេមត់", "Memot Rubber Smallholders Agricultural Cooperative"),
        ("KH-25", "Memot district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01",),
        2018,
        (143, 35, M, M),
        state=RETURNED,
    ),
    E(
        ("ក្រុមសន្សំភូមិបណ្តែតទឹកចុងឃ្នៀស", "Chong Kneas Floating Village Savings Group"),
        ("KH-17", "Chong Kneas", RURAL, VILLAGE),
        (SHG, "", "KH_SAVINGS_GROUP", INFORMAL),
        ("64", "03"),
        2019,
        (31, 87, F, F),
        state=DRAFT,
    ),
    E(
        ("សហគមន៍កសិកម្មស្ករត្នោតថ្ពង", "Thpong Palm Sugar Agricultural Cooperative"),
        ("KH-5", "Thpong district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KH_AC", SSE_LAW),
        ("01", "10"),
        2011,
        (176, 61, F, M),
    ),
    E(
        ("ហាងសហករណ៍កម្មករកាត់ដេរបាវិត", "Bavet Garment Workers' Consumer Shop"),
        ("KH-20", "Bavet city", URBAN, VILLAGE),
        (COOP, CONSUMER, "", LOCAL),
        ("47",),
        2021,
        (530, 84, F, F),
        state=DRAFT,
        profile=BORDERLINE_UNKNOWN,
        disagg=PARTIAL,
        targets=(Target.WOMEN, Target.MIGRANTS),
    ),
)

CASE_STUDIES = (
    DemoCaseStudy(
        title="Women-led savings groups that build homes in Sen Sok",
        entities=("Sen Sok Community Housing Savings Group",),
        area="KH-12",
        sector=CONSTRUCTION,
        sse_type=SHG,
        summary="An urban savings group of 86 members, most of them women, that has "
        "built or upgraded 41 houses since 2013 with its own savings and small loans.",
        context="Families evicted from the city centre resettled in Sen Sok without "
        "services. A federation of urban poor savings groups helped them organise.",
        gender_analysis="Women are 78 % of members and hold the chair and the "
        "treasurer's post. They decide which house is built next, but men do most of "
        "the paid building work; the group now trains women masons.",
        decent_work="Building work is paid at the market day rate; no worker is "
        "covered by the National Social Security Fund.",
        principles_evidence="Open membership in the community, monthly meetings "
        "with one vote per member, savings rules written and read aloud.",
        lessons="Secure land came first: without it the group would not invest.",
    ),
    DemoCaseStudy(
        title="Mercury-free gold: artisanal miners organising in Preah Vihear",
        entities=(
            "Rovieng Mercury-Free Gold Panners' Savings Group",
            "Romeang Community Gold Miners' Group",
        ),
        area="KH-13",
        sector=ASM,
        sse_type=SHG,
        summary="Two groups of gold panners in Rovieng district show how savings and "
        "shared equipment help small miners leave mercury behind.",
        context="Artisanal gold mining is informal; traders used to lend mercury "
        "against the gold. A project introduced shaking tables in 2020.",
        gender_analysis="Women pan and process the ore, men dig. In the savings "
        "group women hold 45 % of places and its leadership; in the informal miners' "
        "group no woman has a say in selling the gold.",
        decent_work="No protective equipment, child labour seen at one site, "
        "incomes depend on one trader's prices.",
        principles_evidence="The savings group has written rules and elects its "
        "committee; the miners' group relies on its leader.",
        lessons="Savings gave the panners the cash to sell together and bargain "
        "for better prices.",
        state=SUBMITTED,
    ),
    DemoCaseStudy(
        title="Kampot pepper: a cooperative behind a geographical indication",
        entities=("Kampot Pepper Farmers Agricultural Cooperative",),
        area="KH-7",
        sector=FARM,
        sse_type=COOP,
        summary="380 smallholders grow, grade and sell pepper under the Kampot "
        "geographical indication through their cooperative.",
        context="The geographical indication, registered in 2010, rewards quality; "
        "the cooperative gives smallholders the grading and packing they could not "
        "afford alone.",
        gender_analysis="Women are 45 % of members and most of the graders; the "
        "manager is a woman, but only two of seven board members are.",
        decent_work="Seasonal pickers are paid per kilogram without contracts; the "
        "cooperative plans a written wage rate.",
        principles_evidence="General assembly every year, one member one vote, "
        "surplus returned in proportion to pepper delivered.",
        lessons="Quality premiums reach farmers only when the cooperative controls "
        "grading.",
    ),
    DemoCaseStudy(
        title="Co-managing mangroves and fishing grounds in Peam Krasaop",
        entities=("Peam Krasaop Community Fishery",),
        area="KH-9",
        sector=FARM,
        sse_type=ASSOC,
        summary="A community fishery that patrols 2 400 hectares of mangrove and "
        "sets the rules for its members' small-scale fishing.",
        context="Recognised by the Fisheries Administration in 2007, it shares the "
        "management of the area with the provincial authorities.",
        gender_analysis="Women process and sell most of the catch but are 41 % of "
        "members and hold one committee seat.",
        decent_work="Fishing is self-employed and unprotected; the community fishery "
        "runs a small emergency fund.",
        principles_evidence="Members elect the committee every five years and vote "
        "the area's fishing rules.",
        lessons="Patrols paid from tourism income kept illegal fishing out.",
        state=RETURNED,
        review="The gender analysis needs the women processors' income: add the "
        "figures you collected in the focus group.",
    ),
)

GAPS = (
    DemoGap(
        title="Most savings and producer groups have no legal form",
        category=Gap.LEGAL_RECOGNITION,
        severity=3,
        priority="KH-PS-3",
        evidence="Of the 34 entities mapped, 9 are informal or recognised only by "
        "the commune; the Law on Agricultural Cooperatives covers farming only.",
        recommendation="A simple registration for non-agricultural producer and "
        "savings groups at commune level.",
        sse_types=(SHG, PRECOOP, OTHER),
        sectors=(FARM, ASM),
        areas=("KH-13", "KH-14", "KH-20"),
    ),
    DemoGap(
        title="Agricultural cooperatives lack working capital at harvest",
        category=Gap.FINANCE,
        severity=3,
        priority="KH-PS-4",
        evidence="Cooperatives buy members' paddy at harvest with loans at 18–24 % "
        "a year; six of nine interviewed had to refuse deliveries.",
        recommendation="A harvest credit line for cooperatives through the "
        "Agricultural and Rural Development Bank.",
        sse_types=(COOP,),
        sectors=(FARM,),
        areas=("KH-2", "KH-3", "KH-21"),
    ),
    DemoGap(
        title="Artisanal miners use mercury and have no safety equipment",
        category=Gap.DECENT_WORK,
        severity=3,
        priority="KH-ASM",
        evidence="Mercury seen at two of three mining sites visited; no helmets, no "
        "first aid.",
        recommendation="Mercury-free processing and safety training delivered "
        "through miners' groups.",
        sse_types=(OTHER, SHG),
        sectors=(ASM,),
        areas=("KH-13", "KH-16"),
        state=IN_REVIEW,
    ),
    DemoGap(
        title="Women hold few board seats in agricultural cooperatives",
        category=Gap.GENDER,
        severity=2,
        priority="KH-GENDER",
        evidence="Women are about half of cooperative members but hold a third of "
        "board seats in the cooperatives mapped.",
        recommendation="Leadership training for women members and a target in "
        "model by-laws.",
        sse_types=(COOP,),
        sectors=(FARM,),
    ),
    DemoGap(
        title="Cooperative accounts kept on paper",
        category=Gap.DIGITAL,
        severity=1,
        priority="KH-PS-1",
        evidence="Most cooperatives visited keep hand-written ledgers; reports to "
        "the department are late.",
        recommendation="Simple bookkeeping software in Khmer and training for "
        "accountants.",
        sse_types=(COOP,),
        state=RETURNED,
        review="Say how many cooperatives: 'most' is not evidence the committee "
        "can validate.",
    ),
    DemoGap(
        title="Construction workers' groups are outside social security",
        category=Gap.DECENT_WORK,
        severity=2,
        priority="KH-NSPF",
        evidence="None of the 48 members of the construction workers' group is "
        "registered with the National Social Security Fund.",
        recommendation="Voluntary NSSF registration through workers' groups.",
        sse_types=(OTHER,),
        sectors=(CONSTRUCTION,),
        areas=("KH-12",),
        state=DRAFT,
    ),
)

KH = DemoCountry(
    code="KH",
    usd_rate=4_100,
    capitals={
        "KH-1": (13.5859, 102.9737),
        "KH-2": (13.0957, 103.2022),
        "KH-3": (11.9934, 105.4635),
        "KH-4": (12.2500, 104.6667),
        "KH-5": (11.4536, 104.5206),
        "KH-6": (12.7111, 104.8887),
        "KH-7": (10.5942, 104.1640),
        "KH-9": (11.6175, 102.9843),
        "KH-10": (12.4881, 106.0188),
        "KH-11": (12.4536, 107.1880),
        "KH-12": (11.5564, 104.9282),
        "KH-13": (13.8047, 104.9806),
        "KH-14": (11.4856, 105.3253),
        "KH-15": (12.5388, 103.9192),
        "KH-16": (13.7394, 106.9873),
        "KH-17": (13.3618, 103.8606),
        "KH-19": (13.5259, 105.9683),
        "KH-20": (11.0879, 105.7993),
        "KH-21": (10.9908, 104.7849),
        "KH-23": (10.4829, 104.3167),
        "KH-25": (11.9128, 105.6550),
    },
    authorities={
        "KH_AC": "MAFF, Department of Agricultural Cooperative Promotion",
        "KH_AC_UNION": "MAFF, Department of Agricultural Cooperative Promotion",
        "KH_COMMUNITY_FISHERY": "Fisheries Administration",
        "KH_COMMUNITY_FORESTRY": "Forestry Administration",
        "KH_NGO": "Ministry of Interior",
        "KH_SAVINGS_GROUP": "Commune council",
        "REG_GENERAL": "Ministry of Commerce, business register",
        "RECOGNISED_LOCAL": "Commune council",
    },
    priorities=(
        DemoPriority(
            "KH-PS-1",
            "Pentagonal Strategy — human capital: skills and vocational training",
            "Pentagonal Strategy – Phase I (2023–2028), Pentagon 1",
            "Skills for young people and workers, including in cooperatives.",
        ),
        DemoPriority(
            "KH-PS-3",
            "Pentagonal Strategy — private sector and jobs: formalising the informal "
            "economy",
            "Pentagonal Strategy – Phase I (2023–2028), Pentagon 3",
            "Bringing informal enterprises and workers into registration and "
            "social protection.",
        ),
        DemoPriority(
            "KH-PS-4",
            "Pentagonal Strategy — rural development: agriculture and agricultural "
            "cooperatives",
            "Pentagonal Strategy – Phase I (2023–2028), Pentagon 4",
            "Modern, inclusive agriculture with stronger agricultural cooperatives.",
        ),
        DemoPriority(
            "KH-NSPF",
            "Social protection for informal workers",
            "National Social Protection Policy Framework 2016–2025",
            "Extending social security to self-employed and informal workers.",
        ),
        DemoPriority(
            "KH-GENDER",
            "Women's economic empowerment",
            "Neary Rattanak strategic plan (Ministry of Women's Affairs)",
            "Women's entrepreneurship, leadership and decent work.",
        ),
        DemoPriority(
            "KH-ASM",
            "Safer, formal artisanal and small-scale mining",
            "Law on Mineral Resource Management and Exploitation; Minamata "
            "Convention national action plan",
            "Formalising artisanal mining and ending mercury use.",
        ),
    ),
    sources=(
        DemoSource(
            Kind.REGISTER,
            "MAFF register of agricultural cooperatives, 2024 extract",
            2024,
            "All registered agricultural cooperatives and unions, by province.",
        ),
        DemoSource(
            Kind.SURVEY,
            "SSE mapping survey, Cambodia, 2025",
            2025,
            "Questionnaire completed with 34 entities in 15 provinces.",
        ),
        DemoSource(
            Kind.INTERVIEW,
            "Key-informant interviews and focus groups, 2025",
            2025,
            "Group leaders and members of informal groups.",
        ),
        DemoSource(
            Kind.SECONDARY,
            "NGO and development partner project reports, 2022–2024",
            2024,
            "Reports on savings groups, community fisheries and mining projects.",
        ),
    ),
    committee=(
        DemoMember(
            "Sok Channary",
            "MAFF, Department of Agricultural Cooperative Promotion",
            GOV,
            F,
        ),
        DemoMember("Chea Vuthy", "Ministry of Labour and Vocational Training", GOV, M),
        DemoMember(
            "Keo Sophea",
            "Cambodian Federation of Employers and Business Associations",
            EMP,
            F,
        ),
        DemoMember("Heng Dara", "Cambodian Labour Confederation", WKR, M),
        DemoMember("Lim Sreymom", "Farmer and Nature Net", SSE_BODY, F),
        DemoMember("Prak Sovann", "Royal University of Agriculture", ACAD, M),
        DemoMember(
            "Ouk Bopha", "Development partners' social protection group", DEV, F
        ),
    ),
    definition=DemoDefinition(
        title="Working definition of the social and solidarity economy in Cambodia",
        text_local="សេដ្ឋកិច្ចសង្គម និងសាមគ្គីភាព រួមមានសហគមន៍កសិកម្ម ក្រុមសន្សំ "
        "សហគមន៍នេសាទ សហគមន៍ព្រៃឈើ សមាគម និងសហគ្រាសសង្គម ដែលធ្វើសកម្មភាពដោយ"
        "ស្ម័គ្រចិត្ត គ្រប់គ្រងតាមបែបប្រជាធិបតេយ្យ និងផ្តល់អាទិភាពដល់មនុស្ស "
        "និងគោលបំណងសង្គមលើសពីដើមទុន។",
        text_en="The social and solidarity economy in Cambodia comprises agricultural "
        "cooperatives, savings groups, community fisheries and forestry, associations "
        "and social enterprises that act voluntarily, are governed democratically and "
        "put people and social purpose before capital, whether they are registered or "
        "recognised by their commune.",
        elements=(
            DemoElement(
                "SCOPE",
                ADAPTED,
                "Includes groups recognised by a commune council, not only "
                "registered bodies.",
                "Most savings and producer groups are not registered; leaving them "
                "out would miss most of the rural SSE.",
            ),
            DemoElement(
                "TYPES",
                ADDED,
                "Community fisheries, community forestry and community protected "
                "areas are named SSE entity types.",
                "They are community-based organisations recognised by the "
                "Fisheries and Forestry laws.",
            ),
            DemoElement(
                "P3",
                ADAPTED,
                "Support from the cooperative promotion department does not breach "
                "autonomy unless officials appoint the board.",
                "Almost every agricultural cooperative was set up with the "
                "department's help.",
            ),
            DemoElement(
                "V3",
                OMITTED,
                "",
                "Khmer has no term for interdependence distinct from solidarity; "
                "the committee folded it into V1.",
            ),
            DemoElement(
                "SECTORS",
                ADAPTED,
                "Priority to small-scale farming, fisheries, artisanal mining and "
                "construction workers' groups.",
                "The sectors where most of the poor work and the SSE is least known.",
            ),
        ),
        state="validated",
    ),
    meeting=DemoMeeting(
        place="Ministry of Labour and Vocational Training, Phnom Penh",
        minutes="Second meeting of the national advisory committee. The committee "
        "reviewed the entities, case studies and capacity gaps submitted by the "
        "national consultant and validated the national working definition. It asked "
        "for figures by sex for the mining and construction groups before their next "
        "review.",
    ),
    entities=ENTITIES,
    case_studies=CASE_STUDIES,
    gaps=GAPS,
)
