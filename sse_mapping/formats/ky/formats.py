# CLDR's Kyrgyz: a decimal comma, groups of three split by a no-break space.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
