"""The committee's comments of a return, on the edit form beside the fields, with the
consultant's "resolved" marks, and on the review page when the record comes back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import NotAllowedError
from surveys.models import AuditEvent, CommentResolution, ReviewDecision
from surveys.review import comments as review_comments
from tests.surveys.entities.test_entity_pages import entity_post
from tests.surveys.factories import (
    CaseStudyFactory,
    EntityFactory,
    ReviewDecisionFactory,
)

pytestmark = pytest.mark.django_db

FIELD_COMMENTS = {
    "name_en": "Spell the name as it is registered.",
    "registration_number": "The number is missing.",
    "figures": "Women members are not counted for 2023.",
}


def returned(record: Any, reviewer: User) -> ReviewDecision:
    return ReviewDecisionFactory(
        record=record,
        reviewer=reviewer,
        decision=ReviewDecision.Decision.RETURN,
        comment="Please check the identity section.",
        field_comments=FIELD_COMMENTS,
    )


@pytest.fixture
def entity(kh_consultant: User, kh_committee: User) -> Any:
    record = EntityFactory(returned=True, created_by=kh_consultant)
    returned(record, kh_committee)
    return record


def comment_boxes(html: str) -> dict[str, str]:
    """Each field comment box on the page: field key -> its text."""
    return dict(
        re.findall(
            r'data-testid="field-comment" data-field="([^"]+)">.*?<div class="text-break">(.*?)</div>',
            html,
            re.S,
        )
    )


def test_the_edit_form_shows_each_comment_beside_its_field(
    client: Client, kh_consultant: User, entity: Any
) -> None:
    client.force_login(kh_consultant)

    page = client.get(reverse("entity-edit", args=[entity.pk])).content.decode()

    assert comment_boxes(page) == {
        "name_en": "Spell the name as it is registered.",
        "registration_number": "The number is missing.",
    }
    top = page.split('data-testid="return-comments"')[1].split("</section>")[0]
    assert "Please check the identity section." in top
    assert "Women members are not counted for 2023." in top
    # Each comment sits inside its field's block, after the field itself.
    name_block = page.split('id="id_name_en"')[1].split('class="mb-3')[0]
    assert "Spell the name as it is registered." in name_block


def test_a_draft_that_was_never_returned_shows_no_comments(
    client: Client, kh_consultant: User
) -> None:
    draft = EntityFactory(created_by=kh_consultant)
    client.force_login(kh_consultant)

    page = client.get(reverse("entity-edit", args=[draft.pk])).content.decode()

    assert 'data-testid="return-comments"' not in page
    assert 'data-testid="field-comment"' not in page


def test_the_consultant_marks_comments_resolved_when_saving(
    client: Client, kh_consultant: User, entity: Any
) -> None:
    client.force_login(kh_consultant)

    response = client.post(
        reverse("entity-edit", args=[entity.pk]),
        {
            **entity_post(version=entity.version),
            "resolved_comment": ["name_en", "-"],
        },
    )

    assert response.status_code == 302
    assert set(
        CommentResolution.objects.filter(decision__object_id=entity.pk).values_list(
            "field", flat=True
        )
    ) == {"name_en", ""}
    event = AuditEvent.objects.get(object_id=entity.pk, action="comments resolved")
    assert event.changes == {
        "comment": ["open", "resolved"],
        "name_en": ["open", "resolved"],
    }
    page = client.get(reverse("entity-edit", args=[entity.pk])).content.decode()
    assert re.search(r'value="name_en" id="resolved-name_en" checked', page)
    assert not re.search(r'value="registration_number"[^>]*checked', page)


def test_unticking_a_mark_takes_it_back(kh_consultant: User, entity: Any) -> None:
    review_comments.comment_resolutions_save(
        record=entity, by=kh_consultant, resolved={"name_en", "figures"}
    )

    review_comments.comment_resolutions_save(
        record=entity, by=kh_consultant, resolved={"figures"}
    )

    assert list(CommentResolution.objects.values_list("field", flat=True)) == [
        "figures"
    ]


def test_marks_are_kept_only_for_comments_the_committee_made(
    kh_consultant: User, entity: Any
) -> None:
    review_comments.comment_resolutions_save(
        record=entity, by=kh_consultant, resolved={"name_en", "acronym"}
    )

    assert list(CommentResolution.objects.values_list("field", flat=True)) == [
        "name_en"
    ]


def test_only_the_countrys_consultants_mark_comments(
    kh_committee: User, entity: Any
) -> None:
    with pytest.raises(NotAllowedError):
        review_comments.comment_resolutions_save(
            record=entity, by=kh_committee, resolved={"name_en"}
        )


def test_the_committee_sees_the_marks_when_the_record_comes_back(
    client: Client, kh_consultant: User, kh_committee_2: User, entity: Any
) -> None:
    review_comments.comment_resolutions_save(
        record=entity, by=kh_consultant, resolved={"name_en"}
    )
    entity.workflow_state = WorkflowState.SUBMITTED
    entity.review_round = 2
    entity.save()
    client.force_login(kh_committee_2)

    page = client.get(
        reverse("record-review", args=["entity", entity.pk])
    ).content.decode()

    answered = page.split('data-testid="answered-comments"')[1].split("</section>")[0]
    assert "The consultant marked 1 of 4 resolved." in answered
    name_line = answered.split('data-field="name_en"')[1].split("</li>")[0]
    assert "Resolved" in name_line and "Not marked" not in name_line
    number_line = answered.split('data-field="registration_number"')[1]
    assert "Not marked resolved" in number_line.split("</li>")[0]


def test_every_record_type_shows_its_comments_the_same_way(
    client: Client, kh_consultant: User, kh_committee: User
) -> None:
    case_study = CaseStudyFactory(returned=True, created_by=kh_consultant)
    ReviewDecisionFactory(
        record=case_study,
        reviewer=kh_committee,
        decision=ReviewDecision.Decision.RETURN,
        field_comments={"summary": "Say what the group does first."},
    )
    client.force_login(kh_consultant)

    page = client.get(reverse("case-study-edit", args=[case_study.pk])).content.decode()

    assert comment_boxes(page) == {"summary": "Say what the group does first."}
