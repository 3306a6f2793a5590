"""ISIC Rev.4 sections (21) and divisions (88) with their English titles (UN, 2008),
marked for the catalogues: they are shown in the reader's language
(`countries.names.isic_title`).

The classes (four digits) are in isic_classes.py.
"""

from django.utils.translation import gettext_noop

from countries.reference_data.records import IsicSeed

SECTIONS: tuple[IsicSeed, ...] = (
    IsicSeed("A", gettext_noop("Agriculture, forestry and fishing")),
    IsicSeed("B", gettext_noop("Mining and quarrying")),
    IsicSeed("C", gettext_noop("Manufacturing")),
    IsicSeed("D", gettext_noop("Electricity, gas, steam and air conditioning supply")),
    IsicSeed(
        "E",
        gettext_noop(
            "Water supply; sewerage, waste management and remediation activities"
        ),
    ),
    IsicSeed("F", gettext_noop("Construction")),
    IsicSeed(
        "G",
        gettext_noop(
            "Wholesale and retail trade; repair of motor vehicles and motorcycles"
        ),
    ),
    IsicSeed("H", gettext_noop("Transportation and storage")),
    IsicSeed("I", gettext_noop("Accommodation and food service activities")),
    IsicSeed("J", gettext_noop("Information and communication")),
    IsicSeed("K", gettext_noop("Financial and insurance activities")),
    IsicSeed("L", gettext_noop("Real estate activities")),
    IsicSeed("M", gettext_noop("Professional, scientific and technical activities")),
    IsicSeed("N", gettext_noop("Administrative and support service activities")),
    IsicSeed(
        "O",
        gettext_noop("Public administration and defence; compulsory social security"),
    ),
    IsicSeed("P", gettext_noop("Education")),
    IsicSeed("Q", gettext_noop("Human health and social work activities")),
    IsicSeed("R", gettext_noop("Arts, entertainment and recreation")),
    IsicSeed("S", gettext_noop("Other service activities")),
    IsicSeed(
        "T",
        gettext_noop(
            "Activities of households as employers; undifferentiated goods- and "
            "services-producing activities of households for own use"
        ),
    ),
    IsicSeed(
        "U", gettext_noop("Activities of extraterritorial organizations and bodies")
    ),
)

# (section, division, title)
_DIVISIONS: tuple[tuple[str, str, str], ...] = (
    (
        "A",
        "01",
        gettext_noop(
            "Crop and animal production, hunting and related service activities"
        ),
    ),
    ("A", "02", gettext_noop("Forestry and logging")),
    ("A", "03", gettext_noop("Fishing and aquaculture")),
    ("B", "05", gettext_noop("Mining of coal and lignite")),
    ("B", "06", gettext_noop("Extraction of crude petroleum and natural gas")),
    ("B", "07", gettext_noop("Mining of metal ores")),
    ("B", "08", gettext_noop("Other mining and quarrying")),
    ("B", "09", gettext_noop("Mining support service activities")),
    ("C", "10", gettext_noop("Manufacture of food products")),
    ("C", "11", gettext_noop("Manufacture of beverages")),
    ("C", "12", gettext_noop("Manufacture of tobacco products")),
    ("C", "13", gettext_noop("Manufacture of textiles")),
    ("C", "14", gettext_noop("Manufacture of wearing apparel")),
    ("C", "15", gettext_noop("Manufacture of leather and related products")),
    (
        "C",
        "16",
        gettext_noop(
            "Manufacture of wood and of products of wood and cork, except furniture; "
            "manufacture of articles of straw and plaiting materials"
        ),
    ),
    ("C", "17", gettext_noop("Manufacture of paper and paper products")),
    ("C", "18", gettext_noop("Printing and reproduction of recorded media")),
    ("C", "19", gettext_noop("Manufacture of coke and refined petroleum products")),
    ("C", "20", gettext_noop("Manufacture of chemicals and chemical products")),
    (
        "C",
        "21",
        gettext_noop(
            "Manufacture of basic pharmaceutical products and pharmaceutical preparations"
        ),
    ),
    ("C", "22", gettext_noop("Manufacture of rubber and plastics products")),
    ("C", "23", gettext_noop("Manufacture of other non-metallic mineral products")),
    ("C", "24", gettext_noop("Manufacture of basic metals")),
    (
        "C",
        "25",
        gettext_noop(
            "Manufacture of fabricated metal products, except machinery and equipment"
        ),
    ),
    (
        "C",
        "26",
        gettext_noop("Manufacture of computer, electronic and optical products"),
    ),
    ("C", "27", gettext_noop("Manufacture of electrical equipment")),
    ("C", "28", gettext_noop("Manufacture of machinery and equipment n.e.c.")),
    (
        "C",
        "29",
        gettext_noop("Manufacture of motor vehicles, trailers and semi-trailers"),
    ),
    ("C", "30", gettext_noop("Manufacture of other transport equipment")),
    ("C", "31", gettext_noop("Manufacture of furniture")),
    ("C", "32", gettext_noop("Other manufacturing")),
    ("C", "33", gettext_noop("Repair and installation of machinery and equipment")),
    ("D", "35", gettext_noop("Electricity, gas, steam and air conditioning supply")),
    ("E", "36", gettext_noop("Water collection, treatment and supply")),
    ("E", "37", gettext_noop("Sewerage")),
    (
        "E",
        "38",
        gettext_noop(
            "Waste collection, treatment and disposal activities; materials recovery"
        ),
    ),
    (
        "E",
        "39",
        gettext_noop("Remediation activities and other waste management services"),
    ),
    ("F", "41", gettext_noop("Construction of buildings")),
    ("F", "42", gettext_noop("Civil engineering")),
    ("F", "43", gettext_noop("Specialized construction activities")),
    (
        "G",
        "45",
        gettext_noop(
            "Wholesale and retail trade and repair of motor vehicles and motorcycles"
        ),
    ),
    (
        "G",
        "46",
        gettext_noop("Wholesale trade, except of motor vehicles and motorcycles"),
    ),
    ("G", "47", gettext_noop("Retail trade, except of motor vehicles and motorcycles")),
    ("H", "49", gettext_noop("Land transport and transport via pipelines")),
    ("H", "50", gettext_noop("Water transport")),
    ("H", "51", gettext_noop("Air transport")),
    ("H", "52", gettext_noop("Warehousing and support activities for transportation")),
    ("H", "53", gettext_noop("Postal and courier activities")),
    ("I", "55", gettext_noop("Accommodation")),
    ("I", "56", gettext_noop("Food and beverage service activities")),
    ("J", "58", gettext_noop("Publishing activities")),
    (
        "J",
        "59",
        gettext_noop(
            "Motion picture, video and television programme production, sound "
            "recording and music publishing activities"
        ),
    ),
    ("J", "60", gettext_noop("Programming and broadcasting activities")),
    ("J", "61", gettext_noop("Telecommunications")),
    (
        "J",
        "62",
        gettext_noop("Computer programming, consultancy and related activities"),
    ),
    ("J", "63", gettext_noop("Information service activities")),
    (
        "K",
        "64",
        gettext_noop(
            "Financial service activities, except insurance and pension funding"
        ),
    ),
    (
        "K",
        "65",
        gettext_noop(
            "Insurance, reinsurance and pension funding, except compulsory social security"
        ),
    ),
    (
        "K",
        "66",
        gettext_noop(
            "Activities auxiliary to financial service and insurance activities"
        ),
    ),
    ("L", "68", gettext_noop("Real estate activities")),
    ("M", "69", gettext_noop("Legal and accounting activities")),
    (
        "M",
        "70",
        gettext_noop("Activities of head offices; management consultancy activities"),
    ),
    (
        "M",
        "71",
        gettext_noop(
            "Architectural and engineering activities; technical testing and analysis"
        ),
    ),
    ("M", "72", gettext_noop("Scientific research and development")),
    ("M", "73", gettext_noop("Advertising and market research")),
    (
        "M",
        "74",
        gettext_noop("Other professional, scientific and technical activities"),
    ),
    ("M", "75", gettext_noop("Veterinary activities")),
    ("N", "77", gettext_noop("Rental and leasing activities")),
    ("N", "78", gettext_noop("Employment activities")),
    (
        "N",
        "79",
        gettext_noop(
            "Travel agency, tour operator, reservation service and related activities"
        ),
    ),
    ("N", "80", gettext_noop("Security and investigation activities")),
    ("N", "81", gettext_noop("Services to buildings and landscape activities")),
    (
        "N",
        "82",
        gettext_noop(
            "Office administrative, office support and other business support activities"
        ),
    ),
    (
        "O",
        "84",
        gettext_noop("Public administration and defence; compulsory social security"),
    ),
    ("P", "85", gettext_noop("Education")),
    ("Q", "86", gettext_noop("Human health activities")),
    ("Q", "87", gettext_noop("Residential care activities")),
    ("Q", "88", gettext_noop("Social work activities without accommodation")),
    ("R", "90", gettext_noop("Creative, arts and entertainment activities")),
    (
        "R",
        "91",
        gettext_noop("Libraries, archives, museums and other cultural activities"),
    ),
    ("R", "92", gettext_noop("Gambling and betting activities")),
    (
        "R",
        "93",
        gettext_noop("Sports activities and amusement and recreation activities"),
    ),
    ("S", "94", gettext_noop("Activities of membership organizations")),
    ("S", "95", gettext_noop("Repair of computers and personal and household goods")),
    ("S", "96", gettext_noop("Other personal service activities")),
    (
        "T",
        "97",
        gettext_noop("Activities of households as employers of domestic personnel"),
    ),
    (
        "T",
        "98",
        gettext_noop(
            "Undifferentiated goods- and services-producing activities of private "
            "households for own use"
        ),
    ),
    (
        "U",
        "99",
        gettext_noop("Activities of extraterritorial organizations and bodies"),
    ),
)

DIVISIONS: tuple[IsicSeed, ...] = tuple(
    IsicSeed(code, title, section) for section, code, title in _DIVISIONS
)
