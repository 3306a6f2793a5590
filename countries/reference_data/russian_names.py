"""Russian names beside the Kyrgyz ones for Kyrgyzstan, where Russian is an official
language too. Keyed by (country, code); to be confirmed by the national consultants."""

AREA_NAMES_RU: dict[tuple[str, str], str] = {
    ("KG", "KG-B"): "Баткенская область",
    ("KG", "KG-C"): "Чуйская область",
    ("KG", "KG-GB"): "город Бишкек",
    ("KG", "KG-GO"): "город Ош",
    ("KG", "KG-J"): "Джалал-Абадская область",
    ("KG", "KG-N"): "Нарынская область",
    ("KG", "KG-O"): "Ошская область",
    ("KG", "KG-T"): "Таласская область",
    ("KG", "KG-Y"): "Иссык-Кульская область",
}

LEGAL_FORM_NAMES_RU: dict[tuple[str, str], str] = {
    ("KG", "KG_COOP"): "Кооператив",
    ("KG", "KG_CREDIT_UNION"): "Кредитный союз",
    ("KG", "KG_NCO"): "Некоммерческая организация",
    ("KG", "KG_JAMAAT"): "Джамаат",
    ("KG", "KG_WUA"): "Ассоциация водопользователей",
    ("KG", "KG_PASTURE_COMMITTEE"): "Пастбищный комитет",
    ("KG", "KG_LLC"): "Общество с ограниченной ответственностью",
}
