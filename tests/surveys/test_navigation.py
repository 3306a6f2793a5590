"""How a user finds their way: the navigation bar by role, the entity page's
validation panel, the export and import buttons, and the error pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.vocabularies import Rating, WorkflowState
from surveys.entities import services
from surveys.models import Entity
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db


def page_of(client: Client, user: User, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_consultant_is_led_to_returned_records_meetings_reports_and_tokens(
    client: Client, kh_consultant: User
) -> None:
    html = page_of(client, kh_consultant, reverse("country-detail", args=["KH"]))

    assert reverse("returned-list", args=["KH"]) in html
    assert reverse("meeting-list", args=["KH"]) in html
    assert reverse("report-list", args=["KH"]) in html
    assert reverse("token-list") in html
    assert reverse("review-queue", args=["KH"]) not in html


def test_a_committee_member_is_led_to_the_review_queue(
    client: Client, kh_committee: User
) -> None:
    html = page_of(client, kh_committee, reverse("country-detail", args=["KH"]))

    assert reverse("review-queue", args=["KH"]) in html
    assert reverse("returned-list", args=["KH"]) not in html


def test_staff_are_led_to_the_progress_across_countries_and_the_regional_report(
    client: Client, staff: User
) -> None:
    html = page_of(client, staff, reverse("country-list"))

    assert reverse("review-progress") in html
    assert reverse("report-regional") in html


def test_a_consultant_does_not_see_the_staff_links(
    client: Client, kh_consultant: User
) -> None:
    html = page_of(client, kh_consultant, reverse("country-detail", args=["KH"]))

    assert reverse("review-progress") not in html
    assert reverse("report-regional") not in html


def test_the_entity_page_shows_where_it_stands_and_lets_its_consultant_submit(
    client: Client, kh_consultant: User
) -> None:
    entity = EntityFactory(country_id="KH", created_by=kh_consultant)

    html = page_of(client, kh_consultant, reverse("entity-detail", args=[entity.pk]))

    assert 'data-testid="workflow-panel"' in html
    assert reverse("record-submit", args=["entity", entity.pk]) in html


def test_the_entity_page_of_a_submitted_entity_offers_the_committee_a_review(
    client: Client, kh_consultant: User, kh_committee: User
) -> None:
    entity: Entity = EntityFactory(country_id="KH", created_by=kh_consultant)
    Entity.objects.filter(pk=entity.pk).update(workflow_state=WorkflowState.SUBMITTED)

    html = page_of(client, kh_committee, reverse("entity-detail", args=[entity.pk]))

    assert "Submitted" in html
    assert reverse("record-review", args=["entity", entity.pk]) in html
    assert reverse("record-submit", args=["entity", entity.pk]) not in html


def test_the_export_button_carries_the_lists_filters(
    client: Client, kh_consultant: User
) -> None:
    url = reverse("entity-list", args=["KH"]) + "?sse_type=COOP&q=rice"

    html = page_of(client, kh_consultant, url)

    export = reverse("export-list", args=["KH"]) + "?sse_type=COOP&amp;q=rice"
    assert export in html
    assert reverse("import-list", args=["KH"]) in html


def test_a_committee_member_may_export_but_not_import(
    client: Client, kh_committee: User
) -> None:
    html = page_of(client, kh_committee, reverse("entity-list", args=["KH"]))

    assert reverse("export-list", args=["KH"]) in html
    assert reverse("import-list", args=["KH"]) not in html


def test_a_page_that_does_not_exist_says_so_in_the_sites_own_page(
    client: Client, kh_consultant: User, settings: object
) -> None:
    client.force_login(kh_consultant)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert reverse("token-list") in html


def test_a_forbidden_action_says_why(client: Client, kh_consultant: User) -> None:
    client.force_login(kh_consultant)

    response = client.get(reverse("review-queue", args=["KH"]))

    assert response.status_code == 403
    assert "The review queue is for the advisory committee and staff." in (
        response.content.decode()
    )


# --- History in words ---------------------------------------------------------------------


def test_the_history_names_the_changed_fields_in_words(
    client: Client, kh_consultant: User
) -> None:
    entity: Entity = EntityFactory(
        country_id="KH", created_by=kh_consultant, year_established=2001
    )
    services.figures_save(
        entity=entity,
        by=kh_consultant,
        reference_year=2024,
        data={"members_total": 40, "members_women": 25, "members_men": 15},
        expected_version=entity.version,
    )
    entity.refresh_from_db()
    services.assessment_save(
        entity=entity,
        by=kh_consultant,
        data={"p1_1": Rating.MET, "p1_1_evidence": "", "evidence_notes": ""},
        expected_version=entity.version,
    )

    html = page_of(client, kh_consultant, reverse("entity-detail", args=[entity.pk]))

    history = html[html.index('data-testid="history"') :]
    assert "2024: Members: total" in history
    assert "members_total" not in history
    assert "P1.1 Membership is voluntary" in history
    assert "<ins>Met</ins>" in history  # the rating's label, not its code
    # Leaving a blank field blank is not a change.
    assert "P1.1 evidence" not in history
    assert "Evidence notes" not in history
