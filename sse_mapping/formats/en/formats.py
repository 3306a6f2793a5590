# Dates as 2024-05-31 in English: the platform's readers are international, and
# 05/31/2024 reads the other way round for most of them.
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
