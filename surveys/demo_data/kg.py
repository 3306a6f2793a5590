"""Kyrgyzstan: demo data. Entities, people and figures are invented; places, legal
forms, laws and plans are real."""

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
    DEREGISTERED,
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
    MIXED,
    OTHER,
    OUTSIDE_P3,
    OUTSIDE_P4,
    PARTIAL,
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
        (
            "«Ак-Суу Агро» айыл чарба кооперативи",
            "Ak-Suu Agro Agricultural Cooperative",
        ),
        ("KG-Y", "Ak-Suu district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01", "10"),
        2011,
        (64, 38, M, M),
    ),
    E(
        ("«Нарын Жүн» кооперативи", "Naryn Jun Wool Cooperative"),
        ("KG-N", "Naryn city", URBAN, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01", "13"),
        2014,
        (48, 71, F, F),
        state=DRAFT,
    ),
    E(
        ("«Алтын-Таш» кредиттик союзу", "Altyn-Tash Credit Union"),
        ("KG-J", "Suzak district", MIXED, DISTRICT),
        (SCC, "", "KG_CREDIT_UNION", SSE_LAW),
        ("64",),
        2002,
        (1240, 46, M, F),
        disagg=PARTIAL,
    ),
    E(
        (
            "«Кара-Кулжа» суу пайдалануучулар ассоциациясы",
            "Kara-Kulja Water Users' Association",
        ),
        ("KG-O", "Kara-Kulja district", RURAL, DISTRICT),
        (ASSOC, "", "KG_WUA", GENERAL_LAW),
        ("01",),
        2003,
        (1850, 22, M, M),
        disagg=PARTIAL,
        purpose="Operating and maintaining the irrigation canals of 14 villages, "
        "with water fees set by the members.",
    ),
    E(
        ("Ат-Башы жайыт комитети", "At-Bashy Pasture Committee"),
        ("KG-N", "At-Bashy district", RURAL, DISTRICT),
        (ASSOC, "", "KG_PASTURE_COMMITTEE", LOCAL),
        ("01",),
        2010,
        (2300, 31, M, M),
        profile=OUTSIDE_P3,
        disagg=TOTALS,
        targets=(Target.HERDERS,),
        review="Data confirmed. The ayil okmotu appoints the committee's chair, so it "
        "stays outside the SSE while that lasts.",
    ),
    E(
        ("«Тоо-Муз» жамааты", "Too-Muz Jamaat"),
        ("KG-B", "Leilek district", RURAL, VILLAGE),
        (ASSOC, "", "KG_JAMAAT", LOCAL),
        ("01", "64"),
        2008,
        (46, 63, F, ""),
    ),
    E(
        ("«Алтын Кум» старателдер тобу", "Altyn Kum Artisanal Gold Miners' Group"),
        ("KG-T", "Kara-Buura district", RURAL, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("07",),
        2017,
        (36, 8, M, ""),
        state=IN_REVIEW,
        disagg=TOTALS,
        note="Informal: outside the SSE under the draft national rule until it "
        "registers.",
    ),
    E(
        ("«Чаткал Алтын» кооперативи", "Chatkal Altyn Gold Miners' Cooperative"),
        ("KG-J", "Chatkal district", RURAL, DISTRICT),
        (COOP, WORKER, "KG_COOP", SSE_LAW),
        ("07",),
        2019,
        (42, 12, M, M),
    ),
    E(
        ("«Сүлүктү Көмүр» кооперативи", "Sulukta Coal Miners' Artel"),
        ("KG-B", "Sulukta", URBAN, VILLAGE),
        (COOP, WORKER, "KG_COOP", SSE_LAW),
        ("05",),
        2012,
        (58, 5, M, M),
        state=RETURNED,
        profile=BORDERLINE_P2,
        review="Votes follow the shares each miner holds; the committee needs the "
        "statutes to judge P2.2.",
        field_comments=(
            ("assessment", "P2.2: attach the statutes' voting rule."),
            ("figures", "No employees? Artels usually hire seasonal workers."),
        ),
    ),
    E(
        (
            "«Курулуш Биримдиги» курулуш кооперативи",
            "Kurulush Birimdigi Construction Cooperative",
        ),
        ("KG-GB", "Sverdlov district", URBAN, EXACT),
        (COOP, WORKER, "KG_COOP", SSE_LAW),
        ("41", "43"),
        2016,
        (27, 11, M, M),
        targets=(Target.MIGRANTS, Target.INFORMAL_WORKERS),
        note="Founded by builders who came back from work in Russia.",
    ),
    E(
        ("«Ош Усталары» курулушчулар тобу", "Osh Ustalary Builders' Group"),
        ("KG-GO", "Osh city", URBAN, DISTRICT),
        (OTHER, "", "", INFORMAL),
        ("43",),
        2020,
        (19, 0, M, ""),
        state=DRAFT,
        profile=UNASSESSED,
        disagg=TOTALS,
    ),
    E(
        ("«Шырдак Үйү» кийизчилер кооперативи", "Shyrdak Uyu Felt Makers' Cooperative"),
        ("KG-N", "Kochkor district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("13", "01"),
        2005,
        (37, 97, F, F),
        targets=(Target.WOMEN, Target.HERDERS),
    ),
    E(
        ("«Ырыс» нан бышыруучу социалдык ишкана", "Yrys Social Enterprise Bakery"),
        ("KG-GB", "Pervomay district", URBAN, EXACT),
        (SE_TYPE, "", "", GENERAL_LAW),
        ("10", "56"),
        2010,
        (18, 61, F, F),
        former="KG_NCO",
        employees=24,
        targets=(Target.PWD,),
        purpose="A bakery that trains and employs people with disabilities.",
        note="A public foundation until 2018, then a limited liability company "
        "owned by the foundation.",
    ),
    E(
        ("«Сезим» кризистик борбору", "Sezim Crisis Centre"),
        ("KG-GB", "Leninsky district", URBAN, DISTRICT),
        (ASSOC, "", "KG_NCO", GENERAL_LAW),
        ("88",),
        1997,
        (22, 86, F, F),
        targets=(Target.WOMEN,),
    ),
    E(
        ("«Талас Ынтымак» керектөө кооперативи", "Talas Yntymak Consumer Cooperative"),
        ("KG-T", "Talas city", URBAN, VILLAGE),
        (COOP, CONSUMER, "KG_COOP", DEREGISTERED),
        ("47",),
        2009,
        (310, 58, M, F),
        state=DRAFT,
        profile=BORDERLINE_UNKNOWN,
        note="Struck off the register in 2022 for not filing reports; the shop is "
        "still open.",
    ),
    E(
        ("«Баткен Өрүгү» кооперативи", "Batken Apricot Processors' Cooperative"),
        ("KG-B", "Batken city", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("10", "01"),
        2013,
        (88, 55, F, M),
    ),
    E(
        ("«Суусамыр Бал» аарычылар бирикмеси", "Suusamyr Beekeepers' Association"),
        ("KG-C", "Jayil district", RURAL, DISTRICT),
        (ASSOC, "", "KG_NCO", GENERAL_LAW),
        ("01",),
        2012,
        (54, 24, M, M),
        state=SUBMITTED,
    ),
    E(
        ("«Арстанбап Жаңгагы» кооперативи", "Arslanbob Walnut Collectors' Cooperative"),
        ("KG-J", "Bazar-Korgon district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("02", "10"),
        2015,
        (126, 52, M, F),
    ),
    E(
        (
            "«Жети-Өгүз» жамааттык туризм тобу",
            "Jeti-Oguz Community-Based Tourism Group",
        ),
        ("KG-Y", "Jeti-Oguz district", RURAL, VILLAGE),
        (ASSOC, "", "KG_NCO", GENERAL_LAW),
        ("55",),
        2004,
        (29, 69, F, F),
    ),
    E(
        ("«Ынтымак-Кредит» кредиттик союзу", "Yntymak-Kredit Credit Union"),
        ("KG-C", "Kemin district", RURAL, DISTRICT),
        (SCC, "", "KG_CREDIT_UNION", SSE_LAW),
        ("64",),
        2001,
        (640, 39, M, M),
        state=REJECTED,
        profile=OUTSIDE_P4,
        review="Dividends follow share capital and there is no asset lock: a lending "
        "company in practice.",
    ),
    E(
        ("«Сүт Булагы» сүт кооперативи", "Sut Bulagy Dairy Cooperative"),
        ("KG-C", "Ysyk-Ata district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01", "10"),
        2017,
        (112, 60, F, M),
        state=SUBMITTED,
    ),
    E(
        ("«Үрөн» үрөнчүлөр кооперативи", "Uron Seed Growers' Cooperative"),
        ("KG-T", "Manas district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01",),
        2018,
        (39, 28, M, M),
        state=IN_REVIEW,
        profile=BORDERLINE_P1,
    ),
    E(
        ("«Каракол Картөшкөсү» кооперативи", "Karakol Potato Growers' Cooperative"),
        ("KG-Y", "Karakol", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01",),
        2010,
        (71, 34, M, M),
        story=RETURNED_THEN_FIXED,
    ),
    E(
        ("«Нур Тигүү» тигүүчүлөр кооперативи", "Nur Tiguu Sewing Cooperative"),
        ("KG-GO", "Osh city", URBAN, EXACT),
        (COOP, WORKER, "KG_COOP", SSE_LAW),
        ("14",),
        2014,
        (23, 91, F, F),
    ),
    E(
        ("«Кызыл-Жар» жамааты", "Kyzyl-Jar Jamaat"),
        ("KG-O", "Uzgen district", RURAL, VILLAGE),
        (ASSOC, "", "KG_JAMAAT", LOCAL),
        ("01", "42"),
        2006,
        (64, 48, M, ""),
        purpose="Villagers pool labour and money to repair the village road and "
        "irrigation ditches and run a seed fund.",
    ),
    E(
        (
            "«Мээрим» мүмкүнчүлүгү чектелген балдардын ата-энелер ассоциациясы",
            "Meerim Parents' Association of Children with Disabilities",
        ),
        ("KG-J", "Jalal-Abad city", URBAN, DISTRICT),
        (ASSOC, "", "KG_NCO", GENERAL_LAW),
        ("88",),
        2009,
        (85, 79, F, F),
    ),
    E(
        (
            "«Таза Шаар» таштанды чогултуучулар кооперативи",
            "Taza Shaar Waste Pickers' Cooperative",
        ),
        ("KG-GB", "Oktyabr district", URBAN, DISTRICT),
        (COOP, WORKER, "KG_COOP", SSE_LAW),
        ("38",),
        2021,
        (33, 45, F, M),
        state=RETURNED,
    ),
    E(
        ("«Сары-Жаз Топоз» кооперативи", "Sary-Jaz Yak Herders' Cooperative"),
        ("KG-Y", "Ak-Suu district", RURAL, DISTRICT),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01",),
        2016,
        (52, 19, M, M),
        targets=(Target.HERDERS,),
    ),
    E(
        ("«Ала-Тоо Асыл Тукум» кооперативи", "Ala-Too Livestock Breeding Cooperative"),
        ("KG-C", "Sokuluk district", RURAL, DISTRICT),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01",),
        2019,
        (140, 30, M, M),
        state=REJECTED,
        profile=OUTSIDE_P3,
        review="Set up and run by the district administration, which appoints its "
        "director: not an autonomous cooperative.",
    ),
    E(
        ("«Кыял» кол өнөрчүлүк ишканасы", "Kyial Handicrafts Social Enterprise"),
        ("KG-GB", "Pervomay district", URBAN, EXACT),
        (SE_TYPE, "", "", GENERAL_LAW),
        ("13", "47"),
        2012,
        (150, 92, F, F),
        employees=9,
        note="Buys felt from 150 rural women artisans and sells it abroad.",
    ),
    E(
        ("«Балыкчы» балыкчылар бирикмеси", "Balykchy Fishers' Association"),
        ("KG-Y", "Balykchy", URBAN, VILLAGE),
        (ASSOC, "", "KG_NCO", GENERAL_LAW),
        ("03",),
        2013,
        (41, 10, M, M),
        state=DRAFT,
        story=EDITED_AFTER_VALIDATION,
    ),
    E(
        ("«Береке» өз ара жардам тобу", "Bereke Self-Help Group"),
        ("KG-J", "Nooken district", RURAL, VILLAGE),
        (SHG, "", "", LOCAL),
        ("64",),
        2015,
        (18, 100, F, F),
        profile=SSE_DONOR,
    ),
    E(
        ("«Талас Буурчагы» кооперативи", "Talas Bean Growers' Cooperative"),
        ("KG-T", "Bakay-Ata district", RURAL, VILLAGE),
        (COOP, PRODUCER, "KG_COOP", SSE_LAW),
        ("01", "46"),
        2012,
        (96, 41, M, F),
        state=RETURNED,
    ),
    E(
        ("«Чүй Кум-Шагыл» кооперативи", "Chüy Sand and Gravel Cooperative"),
        ("KG-C", "Alamüdün district", RURAL, DISTRICT),
        (COOP, WORKER, "KG_COOP", SSE_LAW),
        ("08",),
        2015,
        (21, 14, M, M),
        state=SUBMITTED,
    ),
)

CASE_STUDIES = (
    DemoCaseStudy(
        title="Felt makers of Kochkor: shyrdak from members' own flocks",
        entities=("Shyrdak Uyu Felt Makers' Cooperative",),
        area="KG-N",
        sector=FARM,
        sse_type=COOP,
        summary="37 women turn the wool of their families' sheep into felt carpets "
        "sold through fair-trade buyers.",
        context="Wool prices collapsed after 1991; felt gave herding families a "
        "cash income in winter.",
        gender_analysis="Almost all members are women and they run the cooperative. "
        "Men shear and sell the wool; the cooperative now pays women directly, which "
        "changed who decides on household spending.",
        decent_work="Piece rates are written and paid within a month; work is at "
        "home, without social insurance.",
        principles_evidence="One member one vote at the annual meeting; the chair is "
        "elected for three years.",
        lessons="Buying wool from members' own flocks kept quality up and money in "
        "the village.",
    ),
    DemoCaseStudy(
        title="Licensed gold cooperatives and informal miners in Chatkal and Talas",
        entities=(
            "Chatkal Altyn Gold Miners' Cooperative",
            "Altyn Kum Artisanal Gold Miners' Group",
        ),
        area="KG-J",
        sector=ASM,
        sse_type=COOP,
        summary="A licensed miners' cooperative and an informal group of gold panners "
        "compared: what the licence changes.",
        context="Artisanal gold mining needs a licence from the State Agency for "
        "Geology and Mineral Resources; most panners work without one.",
        gender_analysis="Women are few in both, mostly cooking and washing gravel; "
        "none sits on the cooperative's board. The informal group pays women less.",
        decent_work="The cooperative insures its members and bans mercury; the "
        "informal group has no protection.",
        principles_evidence="The cooperative's statutes give one vote per member; "
        "the informal group follows its leader.",
        lessons="The licence brought safety rules and a bank account, but costs "
        "that small groups cannot meet alone.",
    ),
    DemoCaseStudy(
        title="Returned migrants building a construction cooperative in Bishkek",
        entities=("Kurulush Birimdigi Construction Cooperative",),
        area="KG-GB",
        sector=CONSTRUCTION,
        sse_type=COOP,
        summary="27 builders who worked in Russia pooled their tools and now bid "
        "for school and house repairs.",
        context="Remittance-dependent families needed work at home when migrants "
        "returned in 2020.",
        gender_analysis="Three women members do the accounts and the finishing work; "
        "the cooperative trains two women as plasterers each year.",
        decent_work="Written contracts, insurance through the cooperative and a "
        "safety officer on every site.",
        principles_evidence="Members elect the board; surplus goes to a tool fund "
        "and is shared by days worked.",
        lessons="Public tenders remain closed to cooperatives without a track record.",
        state=SUBMITTED,
    ),
    DemoCaseStudy(
        title="Water users' associations running irrigation in Osh region",
        entities=("Kara-Kulja Water Users' Association", "Kyzyl-Jar Jamaat"),
        area="KG-O",
        sector=FARM,
        sse_type=ASSOC,
        summary="How a water users' association and a jamaat keep canals working "
        "for 1 850 farming households.",
        context="Irrigation systems were handed to water users after 2002.",
        gender_analysis="Women farm most plots while men migrate, but hold one of "
        "eleven council seats; fees are recorded in the husband's name.",
        decent_work="Canal workers are seasonal and unregistered.",
        principles_evidence="Members elect the council; fees and repairs are voted "
        "at the annual meeting.",
        lessons="Fee collection rose when members could see the accounts.",
        state=DRAFT,
    ),
)

GAPS = (
    DemoGap(
        title="No simple legal form for informal miners' and builders' groups",
        category=Gap.LEGAL_RECOGNITION,
        severity=3,
        priority="KG-MINING",
        evidence="Two of the three mining groups and the builders' group mapped are "
        "informal; registering a cooperative costs more than their yearly surplus.",
        recommendation="A simplified cooperative registration for groups under 50 "
        "members.",
        sse_types=(OTHER,),
        sectors=(ASM, CONSTRUCTION),
        areas=("KG-T", "KG-GO"),
    ),
    DemoGap(
        title="Cooperatives pay the same taxes as companies",
        category=Gap.POLICY_SUPPORT,
        severity=2,
        priority="KG-NDP-AGRI",
        evidence="Surplus returned to members is taxed as profit; cooperatives "
        "interviewed keep it as 'prices' instead.",
        recommendation="Tax patronage refunds as members' income, not as the "
        "cooperative's profit.",
        sse_types=(COOP,),
        sectors=(FARM,),
    ),
    DemoGap(
        title="Credit unions cannot lend long enough for orchards and livestock",
        category=Gap.FINANCE,
        severity=2,
        priority="KG-NDP-AGRI",
        evidence="Loans are capped at 24 months; apricot and walnut trees take five "
        "years to bear.",
        recommendation="A refinancing line for credit unions with longer terms.",
        sse_types=(SCC,),
        sectors=(FARM,),
        state=IN_REVIEW,
    ),
    DemoGap(
        title="Women are absent from pasture committees and water users' councils",
        category=Gap.GENDER,
        severity=3,
        priority="KG-GENDER",
        evidence="One woman among 11 council members in Kara-Kulja; none on the "
        "At-Bashy pasture committee.",
        recommendation="Seats reserved for women in model statutes.",
        sse_types=(ASSOC,),
        sectors=(FARM,),
        areas=("KG-O", "KG-N"),
    ),
    DemoGap(
        title="Construction cooperatives are shut out of public tenders",
        category=Gap.MARKETS_PROCUREMENT,
        severity=2,
        priority="KG-NDP-REGIONS",
        evidence="Tenders ask for three years of audited accounts.",
        recommendation="A lot reserved for local cooperatives in school repairs.",
        sse_types=(COOP,),
        sectors=(CONSTRUCTION,),
        state=RETURNED,
        review="Name the tenders: the committee wants at least two examples.",
    ),
    DemoGap(
        title="No statistics on cooperatives' members and jobs",
        category=Gap.DATA_VISIBILITY,
        severity=1,
        priority="KG-NDS",
        evidence="The register has no figures on members; the statistics committee "
        "does not count cooperatives separately.",
        recommendation="Add cooperatives to the annual enterprise survey.",
        state=DRAFT,
    ),
)

KG = DemoCountry(
    code="KG",
    usd_rate=87,
    capitals={
        "KG-B": (40.0625, 70.8194),
        "KG-C": (42.8421, 75.3015),
        "KG-GB": (42.8746, 74.5698),
        "KG-GO": (40.5140, 72.8161),
        "KG-J": (40.9333, 73.0000),
        "KG-N": (41.4287, 75.9911),
        "KG-O": (40.5283, 72.7985),
        "KG-T": (42.5228, 72.2427),
        "KG-Y": (42.4907, 78.3936),
    },
    authorities={
        "KG_COOP": "Ministry of Justice, register of legal entities",
        "KG_CREDIT_UNION": "National Bank of the Kyrgyz Republic",
        "KG_NCO": "Ministry of Justice, register of legal entities",
        "KG_JAMAAT": "Ayil okmotu",
        "KG_WUA": "Ministry of Justice; Water Resources Service",
        "KG_PASTURE_COMMITTEE": "Ayil okmotu",
        "REG_GENERAL": "Ministry of Justice, register of legal entities",
        "RECOGNISED_LOCAL": "Ayil okmotu",
    },
    priorities=(
        DemoPriority(
            "KG-NDP-AGRI",
            "National Development Programme to 2026 — agriculture, processing and "
            "farmers' cooperation",
            "National Development Programme of the Kyrgyz Republic until 2026",
            "Raising smallholders' incomes through cooperatives and processing.",
        ),
        DemoPriority(
            "KG-NDP-REGIONS",
            "National Development Programme to 2026 — regional development and jobs",
            "National Development Programme of the Kyrgyz Republic until 2026",
            "Jobs outside Bishkek, including for returning migrants.",
        ),
        DemoPriority(
            "KG-NDS",
            "National Development Strategy 2018–2040 — a socially responsible economy",
            "National Development Strategy of the Kyrgyz Republic 2018–2040",
            "An economy that serves people, with reliable statistics.",
        ),
        DemoPriority(
            "KG-MINING",
            "Legal, safe artisanal gold mining",
            "National Development Programme until 2026; Law on Subsoil",
            "Licensing artisanal miners and ending mercury use.",
        ),
        DemoPriority(
            "KG-GENDER",
            "Women's economic empowerment",
            "National Strategy for Achieving Gender Equality until 2030",
            "Women's leadership in economic and community organisations.",
        ),
    ),
    sources=(
        DemoSource(
            Kind.REGISTER,
            "Ministry of Justice register of legal entities, 2024 extract",
            2024,
            "Cooperatives, credit unions and non-commercial organisations.",
        ),
        DemoSource(
            Kind.SURVEY,
            "SSE mapping survey, Kyrgyzstan, 2025",
            2025,
            "Questionnaire with 34 entities in all seven regions and both cities.",
        ),
        DemoSource(
            Kind.INTERVIEW,
            "Interviews with ayil okmotu staff and group leaders, 2025",
            2025,
            "Informal and locally recognised groups.",
        ),
        DemoSource(
            Kind.SECONDARY,
            "Reports of cooperative unions and donor projects, 2023–2024",
            2024,
            "Felt, walnut, apricot and gold-mining projects.",
        ),
    ),
    committee=(
        DemoMember(
            "Aigul Toktogulova",
            "Ministry of Labour, Social Security and Migration",
            GOV,
            F,
        ),
        DemoMember(
            "Nurlan Abdyldaev",
            "Ministry of Water Resources, Agriculture and Processing Industry",
            GOV,
            M,
        ),
        DemoMember(
            "Bakyt Sydykov", "National Alliance of Business Associations", EMP, M
        ),
        DemoMember(
            "Cholpon Asanova", "Federation of Trade Unions of Kyrgyzstan", WKR, F
        ),
        DemoMember(
            "Eldiyar Mamytov", "National association of pasture users", SSE_BODY, M
        ),
        DemoMember("Gulnara Ismailova", "Kyrgyz National Agrarian University", ACAD, F),
        DemoMember(
            "Timur Ermekov", "Development partners' coordination council", DEV, M
        ),
    ),
    definition=DemoDefinition(
        title="Working definition of the social and solidarity economy in the "
        "Kyrgyz Republic",
        text_local="Социалдык жана тилектештик экономикасы — бул ыктыярдуу "
        "биригүүгө, демократиялык башкарууга жана капиталдан мурда адамдарга жана "
        "социалдык максаттарга артыкчылык берүүгө негизделген кооперативдер, "
        "кредиттик союздар, жамааттар, суу жана жайыт пайдалануучулар бирикмелери, "
        "коомдук бирикмелер жана социалдык ишканалар.",
        text_en="The social and solidarity economy is made up of cooperatives, credit "
        "unions, jamaats, water and pasture users' associations, public associations "
        "and social enterprises founded on voluntary association and democratic "
        "governance, which put people and social goals before capital.",
        informal_groups_allowed=False,
        elements=(
            DemoElement(
                "SCOPE",
                ADAPTED,
                "Legal entities and groups recognised by an ayil okmotu; informal "
                "groups are recorded and counted apart until they register.",
                "Kyrgyz law gives rights and public support only to recognised bodies.",
            ),
            DemoElement(
                "TYPES",
                ADDED,
                "Jamaats, water users' associations and pasture users' associations "
                "are named SSE entity types.",
                "They manage common resources for most rural households.",
            ),
            DemoElement(
                "P3",
                ADAPTED,
                "A pasture committee is autonomous only if the pasture users elect "
                "its chair.",
                "The Law on Pastures lets ayil okmotus dominate some committees.",
            ),
            DemoElement(
                "P4",
                ADAPTED,
                "A credit union may pay a dividend on shares capped at the National "
                "Bank's policy rate.",
                "Credit unions need share capital to lend; an uncapped dividend "
                "would reward capital.",
            ),
        ),
        state=DRAFT,
    ),
    meeting=DemoMeeting(
        place="Ministry of Labour, Social Security and Migration, Bishkek",
        minutes="First review meeting of the national advisory committee. The "
        "committee reviewed entities, case studies and capacity gaps and discussed "
        "the draft national definition, in particular whether informal groups can "
        "count as SSE entities; the draft stays open for comments.",
    ),
    entities=ENTITIES,
    case_studies=CASE_STUDIES,
    gaps=GAPS,
)
