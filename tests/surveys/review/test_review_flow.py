"""Working through the queue: "Save and next" in the queue's filtered order, and the
menu's review links, each once, with their counts."""

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from countries.models import Country, Membership
from countries.vocabularies import Role, WorkflowState
from surveys.models import Entity
from surveys.review.selectors import menu_counts
from tests.surveys.factories import CaseStudyFactory, EntityFactory

pytestmark = pytest.mark.django_db


def submitted(days_ago: int, **kwargs: Any) -> Entity:
    return EntityFactory(
        country_id="KH",
        submitted=True,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        **kwargs,
    )


def decide(
    client: Client, record: Any, *, then: str, query: str = "", **extra: str
) -> Any:
    kind = "entity" if isinstance(record, Entity) else "case_study"
    url = reverse("record-review", args=[kind, record.pk])
    return client.post(
        f"{url}?{query}" if query else url,
        {
            "decision": "return",
            "comment": "Please add the figures by sex.",
            "fields-TOTAL_FORMS": "0",
            "fields-INITIAL_FORMS": "0",
            "then": then,
            **extra,
        },
    )


def test_save_and_next_goes_to_the_next_record_of_the_queue_oldest_first(
    client: Client, kh_committee: User
) -> None:
    newest, oldest, middle = submitted(1), submitted(9), submitted(5)
    client.force_login(kh_committee)

    response = decide(client, oldest, then="next")

    assert response.status_code == 302
    assert response.url == reverse("record-review", args=["entity", middle.pk])
    response = decide(client, middle, then="next")
    assert response.url == reverse("record-review", args=["entity", newest.pk])


def test_save_and_next_keeps_the_queues_filters_and_skips_what_they_leave_out(
    client: Client, kh_committee: User
) -> None:
    first = submitted(9)
    CaseStudyFactory(
        country_id="KH",
        submitted=True,
        submitted_at=timezone.now() - datetime.timedelta(days=7),
    )
    second = submitted(3)
    client.force_login(kh_committee)

    response = decide(client, first, then="next", query="record_type=entity")

    assert response.url == (
        reverse("record-review", args=["entity", second.pk]) + "?record_type=entity"
    )


def test_save_and_next_skips_records_the_member_may_not_decide_on(
    client: Client, kh_committee: User
) -> None:
    first = submitted(9)
    submitted(5, created_by=kh_committee)
    third = submitted(2)
    client.force_login(kh_committee)

    response = decide(client, first, then="next")

    assert response.url == reverse("record-review", args=["entity", third.pk])


def test_save_and_next_on_the_last_record_goes_back_to_the_queue_with_a_message(
    client: Client, kh_committee: User
) -> None:
    earlier, last = submitted(9), submitted(1)
    client.force_login(kh_committee)

    response = decide(client, last, then="next", query="state=SUBMITTED")

    assert response.url == reverse("review-queue", args=["KH"]) + "?state=SUBMITTED"
    page = client.get(response.url)
    assert "No other record in this queue waits for your decision." in (
        page.content.decode()
    )
    assert Entity.objects.get(pk=last.pk).workflow_state == WorkflowState.RETURNED
    assert Entity.objects.get(pk=earlier.pk).workflow_state == WorkflowState.SUBMITTED


def test_recording_a_decision_alone_stays_on_the_record(
    client: Client, kh_committee: User
) -> None:
    record, _other = submitted(9), submitted(1)
    client.force_login(kh_committee)

    response = decide(client, record, then="stay", query="record_type=entity")

    assert response.url == (
        reverse("record-review", args=["entity", record.pk]) + "?record_type=entity"
    )


def test_the_queue_links_each_record_with_the_queues_filters(
    client: Client, kh_committee: User
) -> None:
    record = submitted(3)
    client.force_login(kh_committee)

    html = client.get(
        reverse("review-queue", args=["KH"]) + "?record_type=entity&page=1"
    ).content.decode()

    assert (
        reverse("record-review", args=["entity", record.pk]) + "?record_type=entity"
    ) in html


def nav_links(html: str, name: str) -> int:
    """How many links of the page read `name` (a count may follow it)."""
    return len(
        re.findall(rf'<a class="nav-link[^"]*"[^>]*>{name}(?: <span|</a>)', html)
    )


def test_the_menu_shows_review_and_meetings_once_with_the_count_to_review(
    client: Client, kh_committee: User
) -> None:
    submitted(3), submitted(2)
    CaseStudyFactory(country_id="KH", in_review=True)
    EntityFactory(country_id="KH", validated=True)
    client.force_login(kh_committee)

    html = client.get(reverse("review-queue", args=["KH"])).content.decode()

    assert nav_links(html, "Review") == 1
    assert nav_links(html, "Meetings") == 1
    assert 'data-testid="nav-review-count">3<' in html


def test_the_menu_shows_a_consultant_how_many_records_were_returned_to_them(
    client: Client, kh_consultant: User, kh_committee: User
) -> None:
    mine = EntityFactory(country_id="KH", created_by=kh_consultant, returned=True)
    EntityFactory(country_id="KH", returned=True)
    CaseStudyFactory(country_id="KH", created_by=kh_consultant, submitted=True)
    client.force_login(kh_consultant)

    html = client.get(reverse("returned-list", args=["KH"])).content.decode()

    assert nav_links(html, "Returned to me") == 1
    assert nav_links(html, "Meetings") == 1
    assert 'data-testid="nav-returned-count">1<' in html
    assert mine.name_en in html


def test_the_menu_counts_cost_one_query(
    kh_committee: User, django_assert_max_num_queries: Any
) -> None:
    submitted(3)
    CaseStudyFactory(country_id="KH", submitted=True)
    country = Country.objects.get(pk="KH")

    with django_assert_max_num_queries(2):
        counts = menu_counts(user=kh_committee, country=country)

    assert counts == {"to_review": 2, "returned": None}


def test_the_menu_counts_follow_records_changed_since_they_were_first_shown(
    kh_committee: User, kh_consultant: User, th_consultant: User
) -> None:
    kh = Country.objects.get(pk="KH")
    assert menu_counts(user=kh_committee, country=kh)["to_review"] == 0
    assert menu_counts(user=kh_consultant, country=kh)["returned"] == 0

    submitted(1)
    EntityFactory(country_id="KH", created_by=kh_consultant, returned=True)
    # Returned to someone else: not counted for this consultant.
    EntityFactory(country_id="KH", created_by=th_consultant, returned=True)

    assert menu_counts(user=kh_committee, country=kh)["to_review"] == 1
    assert menu_counts(user=kh_consultant, country=kh)["returned"] == 1


def test_one_who_reviews_and_enters_records_sees_both_counts(
    kh_consultant: User, th_consultant: User
) -> None:
    kh = Country.objects.get(pk="KH")
    Membership.objects.create(user=kh_consultant, country=kh, role=Role.COMMITTEE)
    submitted(1)
    submitted(2, created_by=kh_consultant)
    EntityFactory(country_id="KH", created_by=kh_consultant, returned=True)
    # Last edited by them, though created by another.
    EntityFactory(
        country_id="KH",
        created_by=th_consultant,
        updated_by=kh_consultant,
        returned=True,
    )
    EntityFactory(country_id="KH", created_by=th_consultant, returned=True)
    EntityFactory(country_id="TH", created_by=kh_consultant, returned=True)

    assert menu_counts(user=kh_consultant, country=kh) == {
        "to_review": 2,
        "returned": 2,
    }


def test_a_staff_member_sees_the_review_links_once_on_a_countrys_review_page(
    client: Client, staff: User
) -> None:
    client.force_login(staff)

    html = client.get(reverse("review-queue", args=["KH"])).content.decode()

    assert nav_links(html, "Review") == 1
    assert nav_links(html, "Meetings") == 1
    assert nav_links(html, "Review progress") == 1


def test_save_and_next_needs_the_decision_to_be_valid(
    client: Client, kh_committee: User
) -> None:
    record = submitted(3)
    client.force_login(kh_committee)

    response = decide(client, record, then="next", comment="")

    assert response.status_code == 400
    assert Entity.objects.get(pk=record.pk).workflow_state == WorkflowState.SUBMITTED
