"""A create form sent twice (a double click, a retry) makes one record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from surveys import submit_once
from surveys.models import CapacityGap, Entity, ExportJob, FormSubmission, Source
from tests.surveys.entities.test_entity_pages import entity_post

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="submission_key" value="([0-9a-f]{32})"')


def key_on(client: Client, url: str) -> str:
    """The key of the form on the page, as a browser would send it back."""
    found = KEY.search(client.get(url).content.decode())
    assert found, f"no submission key on {url}"
    return found.group(1)


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("entity-create", ["KH"]),
        ("case-study-create", ["KH"]),
        ("capacity-gap-create", ["KH"]),
        ("source-list", ["KH"]),
        ("export-list", ["KH"]),
        ("import-list", ["KH"]),
        ("definition-list", ["KH"]),
    ],
)
def test_every_create_form_carries_a_new_key_each_time_it_is_shown(
    client: Client, kh_consultant: User, url_name: str, args: list[str]
) -> None:
    client.force_login(kh_consultant)
    url = reverse(url_name, args=args)

    assert key_on(client, url) != key_on(client, url)


def test_an_entity_form_sent_twice_makes_one_entity_and_both_lead_to_it(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("entity-create", args=["KH"])
    data = {**entity_post(), "submission_key": key_on(client, url)}

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    entity = Entity.objects.get()
    assert first.status_code == 302
    assert first["Location"] == reverse("entity-detail", args=[entity.pk])
    assert second.redirect_chain == [(first["Location"], 302)]
    assert "it was saved only once" in second.content.decode()


def test_the_same_form_sent_again_with_other_values_is_a_new_record(
    client: Client, kh_consultant: User
) -> None:
    """After going back, the page keeps its key; what was typed tells them apart."""
    client.force_login(kh_consultant)
    url = reverse("entity-create", args=["KH"])
    key = key_on(client, url)

    client.post(url, {**entity_post(), "submission_key": key})
    client.post(
        url,
        {
            **entity_post(name_en="Takeo Weavers Group", name_local="ក្រុមតម្បាញតាកែវ"),
            "submission_key": key,
        },
    )

    assert Entity.objects.count() == 2


def test_a_refused_sending_can_be_corrected_and_sent_with_the_same_key(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("capacity-gap-create", args=["KH"])
    key = key_on(client, url)
    gap = {"title": "No credit", "category": "FINANCE", "submission_key": key}

    refused = client.post(url, {**gap, "severity": 9})
    saved = client.post(url, {**gap, "severity": 2})
    again = client.post(url, {**gap, "severity": 2})

    assert refused.status_code == 400
    assert saved.status_code == 302
    assert again["Location"] == saved["Location"]
    assert CapacityGap.objects.count() == 1


def test_a_second_click_arriving_while_the_first_saves_waits_for_it(
    client: Client, kh_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(kh_consultant)
    url = reverse("source-list", args=["KH"])
    data = {
        "kind": "SURVEY",
        "title": "Provincial survey 2025",
        "submission_key": key_on(client, url),
    }
    token = submit_once._token(client.post(url, data).wsgi_request)
    FormSubmission.objects.filter(token=token).update(result_url="")
    waited: list[float] = []

    def first_click_finishes(seconds: float) -> None:
        waited.append(seconds)
        FormSubmission.objects.filter(token=token).update(result_url=url)

    monkeypatch.setattr(submit_once, "_pause", first_click_finishes)
    second = client.post(url, data)

    assert waited
    assert second.status_code == 302
    assert second["Location"] == url
    assert Source.objects.filter(title="Provincial survey 2025").count() == 1


def test_an_export_requested_twice_by_a_double_click_is_prepared_once(
    client: Client, kh_consultant: User
) -> None:
    client.force_login(kh_consultant)
    url = reverse("export-list", args=["KH"])
    data = {"format": "csv", "submission_key": key_on(client, url)}

    client.post(url, data)
    client.post(url, data)

    assert ExportJob.objects.count() == 1


def test_keys_are_kept_for_a_day_and_each_user_has_their_own(
    client: Client, kh_consultant: User, make_persona: Any
) -> None:
    other = make_persona("kh-consultant-2", "KH", "consultant")
    url = reverse("capacity-gap-create", args=["KH"])
    client.force_login(kh_consultant)
    data = {
        "title": "No credit",
        "category": "FINANCE",
        "severity": 2,
        "submission_key": key_on(client, url),
    }
    client.post(url, data)
    client.force_login(other)
    client.post(url, data)
    assert CapacityGap.objects.count() == 2

    FormSubmission.objects.update(created_at="2020-01-01T00:00:00Z")
    client.post(url, data)
    assert CapacityGap.objects.count() == 3
    assert FormSubmission.objects.filter(user=other).count() == 1
