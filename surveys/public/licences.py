"""The licences staff may publish a release under (SPDX codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.releases import DEFAULT_LICENCE


class Licence(models.TextChoices):
    CC_BY = DEFAULT_LICENCE, _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")
    ODBL = "ODbL-1.0", _("Open Database License 1.0 (ODbL)")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ODBL: "https://opendatacommons.org/licenses/odbl/1-0/",
}


def licence_url(code: str) -> str:
    return LICENCE_URLS.get(code, "")  # type: ignore[call-overload]


def licence_name(code: str) -> str:
    return str(Licence(code).label) if code in Licence.values else code
