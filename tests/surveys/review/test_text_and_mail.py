"""Names stay on one line, and a mail that cannot go out never undoes a decision."""

import logging
import smtplib
import unicodedata
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail

from countries.models import Country
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import ApplicationError
from surveys.entities import services as entities_services
from surveys.models import CaseStudy, Entity, Notification, ReviewDecision
from surveys.records import services as records_services
from surveys.review import workflow as review_workflow
from surveys.review.notifications import notification_deliver_mail
from surveys.text import has_control_characters, one_line
from tests.api.helpers import token_client
from tests.surveys.review.test_workflow import case_study, submitted_entity

pytestmark = pytest.mark.django_db


def test_a_name_with_a_line_break_is_refused_and_nothing_is_saved(
    kh_consultant: User,
) -> None:
    with pytest.raises(ApplicationError) as error:
        entities_services.entity_create(
            country=Country.objects.get(pk="KH"),
            by=kh_consultant,
            data={"name_en": "Rice\nCooperative", "sse_type": "COOP"},
        )

    assert "one line" in error.value.field_errors["name_en"][0]
    assert not Entity.objects.exists()


@pytest.mark.parametrize(
    "name", ["Bad\r\nname", "Tab\there", "Null\x00byte", "Sep\u2028arator"]
)
def test_the_api_refuses_control_characters_in_a_name(
    th_consultant: User, name: str
) -> None:
    response = token_client(th_consultant).post(
        "/api/v1/entities/", {"country": "TH", "name_en": name}, format="json"
    )

    assert response.status_code == 400, response.content
    assert response.headers["Content-Type"].startswith("application/json")
    assert not Entity.objects.exists()


def test_a_long_text_keeps_its_line_breaks_but_not_other_control_characters(
    kh_consultant: User,
) -> None:
    record = case_study(kh_consultant, summary="First paragraph.\n\nSecond.")
    assert record.summary == "First paragraph.\n\nSecond."

    with pytest.raises(ApplicationError) as error:
        records_services.record_update(
            record=record,
            by=kh_consultant,
            data={"summary": "Bell\x07"},
            expected_version=None,
        )
    assert set(error.value.field_errors) == {"summary"}
    assert CaseStudy.objects.get(pk=record.pk).summary == "First paragraph.\n\nSecond."


def test_a_record_whose_name_already_holds_a_line_break_is_still_decided(
    kh_consultant: User, kh_committee: User, django_capture_on_commit_callbacks: Any
) -> None:
    entity = submitted_entity(kh_consultant)
    kh_consultant.email = "consultant@example.org"
    kh_consultant.save()
    # Written before names were checked.
    Entity.objects.filter(pk=entity.pk).update(name_en="Rice\nBcc: x@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="approve"
        )

    entity.refresh_from_db()
    assert entity.workflow_state == WorkflowState.VALIDATED
    [message] = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Rice Bcc: x@example.org" in message.subject
    assert message.to == ["consultant@example.org"]


def test_a_mail_server_failure_is_logged_and_the_decision_stands(
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entity = submitted_entity(kh_consultant)
    kh_consultant.email = "consultant@example.org"
    kh_consultant.save()

    with (
        mock.patch(
            "surveys.jobs.outbox.send_mail",
            side_effect=smtplib.SMTPServerDisconnected("gone"),
        ) as send,
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        review_workflow.review_decide(
            record=entity, by=kh_committee, decision="approve"
        )

    entity.refresh_from_db()
    assert entity.workflow_state == WorkflowState.VALIDATED
    [decision] = ReviewDecision.objects.filter(object_id=entity.pk)
    assert send.called
    assert "not delivered (attempt 1 of 8)" in caplog.text
    # Kept for the sweep to send again.
    notification = Notification.objects.get(decision_id=decision.pk)
    assert notification.delivered_at is None
    assert "gone" in notification.error


def test_a_mail_the_server_refused_is_sent_again_later(
    kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    kh_consultant.email = "consultant@example.org"
    kh_consultant.save()
    review_workflow.review_decide(record=entity, by=kh_committee, decision="approve")
    notification = Notification.objects.get()

    with mock.patch(
        "surveys.jobs.outbox.send_mail",
        side_effect=smtplib.SMTPServerDisconnected("gone"),
    ):
        assert notification_deliver_mail(notification_id=notification.pk) == 0
    notification.refresh_from_db()
    assert notification.delivered_at is None and not mail.outbox
    # Not before its wait is over.
    assert notification_deliver_mail(notification_id=notification.pk) == 0
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)

    assert notification_deliver_mail(notification_id=notification.pk) == 1
    notification.refresh_from_db()
    assert notification.delivered_at is not None
    assert len(mail.outbox) == 1


def test_the_api_answers_a_decision_even_when_the_mail_fails(
    kh_consultant: User, kh_committee: User
) -> None:
    entity = submitted_entity(kh_consultant)
    kh_consultant.email = "consultant@example.org"
    kh_consultant.save()

    with mock.patch("surveys.jobs.outbox.send_mail", side_effect=ValueError("header")):
        response = token_client(kh_committee).post(
            f"/api/v1/entities/{entity.pk}/decide/",
            {"decision": "approve"},
            format="json",
        )

    assert response.status_code == 200, response.content
    entity.refresh_from_db()
    assert entity.workflow_state == WorkflowState.VALIDATED


def test_a_subject_is_one_short_line() -> None:
    assert one_line("A\r\nB\tC\u2028D") == "A B C D"
    long = one_line("x" * 500)
    assert len(long) == 150 and long.endswith("…")


def test_a_member_with_both_roles_cannot_approve_a_colleagues_record_they_submitted(
    make_persona: Any, kh_consultant: User, kh_committee: User
) -> None:
    both = make_persona("kh-both", "KH", "consultant")
    make_persona("kh-both", "KH", "committee")
    entity = submitted_entity(kh_consultant)
    review_workflow.transition(entity, "return", kh_committee, comment="Check it.")
    review_workflow.record_submit(record=entity, by=both)

    with pytest.raises(ApplicationError, match="submitted"):
        review_workflow.review_decide(record=entity, by=both, decision="approve")

    entity.refresh_from_db()
    assert entity.workflow_state == WorkflowState.SUBMITTED


@pytest.mark.parametrize("multiline", [False, True])
def test_every_control_character_is_found_and_only_those(multiline: bool) -> None:
    allowed = {"\n", "\r", "\t"} if multiline else set()
    for point in range(0x3000):
        char = chr(point)
        control = unicodedata.category(char) == "Cc" or char in "\u2028\u2029\u0085"
        found = has_control_characters(f"Rice {char} growers", multiline=multiline)
        assert found == (control and char not in allowed), hex(point)
