# CLDR's Mongolian: a numeric short date, year first (Django's "M" would title-case
# the month's name), and a 24-hour clock (Django's Mongolian gives none for a date
# with its time, so it fell back to English "p.m.").
SHORT_DATE_FORMAT = "Y.m.d"
SHORT_DATETIME_FORMAT = "Y.m.d H:i"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d F Y, H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
