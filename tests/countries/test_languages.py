"""Choosing a language: the switcher, the saved preference applied at each sign-in, the
browser's preference on a first visit, the API's Accept-Language; local-script data
marked with its language; reference names in the reader's language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from countries.languages import COUNTRY_LANGUAGES, LANGUAGES
from countries.models import AdminArea, LegalForm, Profile
from countries.names import localized_name
from countries.preferences import profile_update
from sse_mapping.exceptions import ApplicationError
from tests.api.helpers import token_client

pytestmark = pytest.mark.django_db

PASSWORD = settings.DEMO_PASSWORD


def log_in(client: Client, username: str) -> None:
    response = client.post(
        reverse("login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_the_platform_offers_seven_languages_named_in_their_own_script() -> None:
    assert dict(settings.LANGUAGES) == {
        "en": "English",
        "km": "ភាសាខ្មែរ",
        "ky": "Кыргызча",
        "ru": "Русский",
        "mn": "Монгол",
        "th": "ไทย",
        "vi": "Tiếng Việt",
    }
    assert set(COUNTRY_LANGUAGES) == {"KH", "KG", "MN", "TH", "VN"}


def test_the_login_page_offers_the_switcher_in_every_language(client: Client) -> None:
    page = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    for code, name in LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in page
        assert name in page


def test_a_first_visit_follows_the_browsers_language(client: Client) -> None:
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="th-TH,th;q=0.9,en;q=0.5")
    assert '<html lang="th">' in page.content.decode()
    assert page["Content-Language"] == "th"


def test_switching_before_login_then_logging_in_saves_nothing_until_chosen(
    client: Client, th_consultant: User
) -> None:
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    log_in(client, "th-consultant")
    assert not Profile.objects.filter(user=th_consultant).exists()
    assert '<html lang="th">' in client.get(reverse("preferences")).content.decode()


def test_the_language_chosen_follows_the_user_to_another_device(
    th_consultant: User,
) -> None:
    laptop = Client()
    log_in(laptop, "th-consultant")
    response = laptop.post(
        reverse("set_language"), {"language": "th", "next": reverse("preferences")}
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=th_consultant).language == "th"

    # A phone whose browser asks for English: the saved choice wins from sign-in on.
    phone = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    phone.post(reverse("login"), {"username": "th-consultant", "password": PASSWORD})
    assert phone.cookies[settings.LANGUAGE_COOKIE_NAME].value == "th"
    page = phone.get(reverse("preferences")).content.decode()
    assert '<html lang="th">' in page


def test_the_preferences_page_suggests_the_countrys_language(
    client: Client, kh_committee: User
) -> None:
    client.force_login(kh_committee)
    page = client.get(reverse("preferences")).content.decode()
    assert '<option value="km" selected>' in page
    assert "(your country" in page


def test_saving_preferences_sets_the_language_and_the_calendar(
    client: Client, th_consultant: User
) -> None:
    client.force_login(th_consultant)
    response = client.post(
        reverse("preferences"), {"language": "th", "buddhist_era": "on"}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=th_consultant)
    assert (profile.language, profile.buddhist_era) == ("th", True)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "th"


def test_an_unknown_language_is_refused_and_nothing_saved(
    client: Client, th_consultant: User
) -> None:
    client.force_login(th_consultant)
    response = client.post(reverse("preferences"), {"language": "xx"})
    assert response.status_code == 400
    assert 'data-field-error="language"' in response.content.decode()
    assert not Profile.objects.filter(user=th_consultant).exists()
    with pytest.raises(ApplicationError):
        profile_update(user=th_consultant, language="xx")


def test_the_api_answers_in_the_accept_language_whatever_the_profile(
    th_consultant: User,
) -> None:
    profile_update(user=th_consultant, language="th")
    api = token_client(th_consultant)
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    answer = api.get("/api/v1/entities/999999/", HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 404
    assert answer["Content-Language"] == "ru"
    anonymous = Client().get("/api/v1/entities/", HTTP_ACCEPT_LANGUAGE="ru")
    assert anonymous.status_code in (401, 403)
    with translation.override("ru"):
        expected = translation.gettext("Authentication credentials were not provided.")
    assert expected != "Authentication credentials were not provided."
    assert anonymous.json()["detail"] == expected


def test_local_script_data_carries_its_language() -> None:
    shown = Template(
        "{% load languages %}{{ name|local:'TH' }}|{{ name|local:'XX' }}|{{ ''|local:'TH' }}"
    ).render(Context({"name": "บ้าน <สวน>"}))
    assert shown == (
        '<span lang="th" class="local-script">บ้าน &lt;สวน&gt;</span>|'
        '<span class="local-script">บ้าน &lt;สวน&gt;</span>|'
    )


def test_entity_pages_mark_the_local_name_with_its_language(
    client: Client, th_consultant: User
) -> None:
    from tests.surveys.reports.test_reports import make_entity

    entity = make_entity(
        th_consultant, "TH", name_en="Ban Suan", name_local="วิสาหกิจชุมชนบ้านสวน"
    )
    client.force_login(th_consultant)
    for url in (
        reverse("entity-list", args=["TH"]),
        reverse("entity-detail", args=[entity.pk]),
    ):
        page = client.get(url).content.decode()
        assert '<span lang="th" class="local-script">วิสาหกิจชุมชนบ้านสวน</span>' in page


def test_reference_names_follow_the_active_language(reference_data: None) -> None:
    area = AdminArea.objects.filter(country_id="KG", level=1).exclude(name_ru="")[0]
    form = LegalForm.objects.filter(country_id="TH").exclude(name_local="")[0]
    assert localized_name(area, "ru") == area.name_ru
    assert localized_name(area, "ky") == (area.name_local or area.name_en)
    assert localized_name(area, "en") == area.name_en
    assert localized_name(form, "th") == form.name_local
    assert localized_name(form, "vi") == form.name_en
    with translation.override("ru"):
        page = Template("{% load languages %}{{ area|in_language }}").render(
            Context({"area": area})
        )
    assert page == area.name_ru
