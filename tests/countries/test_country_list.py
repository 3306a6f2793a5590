"""The countries page: each country's current first-level areas and legal forms."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def counts(page: str, code: str) -> tuple[int, int]:
    row = page.split(f'data-country="{code}"')[1].split("</tr>")[0]
    cells = re.findall(r'<td class="text-end">(\d+)</td>', row)
    areas, legal_forms = (int(n) for n in cells)
    return areas, legal_forms


def test_staff_see_each_countrys_areas_and_legal_forms_counted_once(
    client: Client, staff: User
) -> None:
    client.force_login(staff)
    page = client.get(reverse("country-list")).content.decode()
    assert counts(page, "TH") == (77, 13)
    assert counts(page, "KH") == (25, 9)
    assert counts(page, "VN") == (34, 8)
