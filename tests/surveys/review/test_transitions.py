"""How a record moves: every move `TRANSITIONS` allows, the ones it refuses, the quorum
rule, and that the table agrees with `access.POLICY` on where each move applies."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from countries.models import Country
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import ApplicationError
from surveys import access
from surveys.models import AuditEvent, CapacityGap, ReviewDecision
from surveys.records import services as records_services
from surveys.review import workflow
from surveys.review.workflow import MOVE_ACCESS, ON_QUORUM, TRANSITIONS

pytestmark = pytest.mark.django_db

# Who makes each move in these tests, and what the move carries.
MOVERS = {
    "submit": "kh_consultant",
    "approve": "kh_committee",
    "return": "kh_committee",
    "reject": "kh_committee",
    "reopen": "staff",
}
CONTEXT: dict[str, dict[str, Any]] = {
    "return": {"comment": "Check the area."},
    "reject": {"comment": "Not SSE."},
    "reopen": {"reason": "New register data."},
}
MOVES = list(MOVERS)
STATES = list(WorkflowState.values)


def gap_in(state: str, consultant: User) -> CapacityGap:
    """A Cambodian capacity gap, complete for submission, put in `state`."""
    gap = records_services.record_create(
        model=CapacityGap,
        country=Country.objects.get(pk="KH"),
        by=consultant,
        data={
            "title": "No credit line for small cooperatives",
            "category": "FINANCE",
            "severity": 3,
            "evidence": "Interviews with 12 cooperatives.",
        },
    )
    CapacityGap.objects.filter(pk=gap.pk).update(
        workflow_state=state, submitted_at=timezone.now()
    )
    gap.refresh_from_db()
    return gap


def state_of(record: CapacityGap) -> str:
    record.refresh_from_db()
    return record.workflow_state


def test_each_move_applies_where_the_policy_says_it_does() -> None:
    for move, action in MOVE_ACCESS.items():
        from_states = {state for (m, state) in TRANSITIONS if m == move}
        policy_states = set(access.POLICY[action].states or ())
        if move == "edit":
            # Only editing a validated record moves it; other edits leave the state.
            assert from_states <= policy_states
        else:
            assert from_states == policy_states, move


@pytest.mark.parametrize(
    ("move", "before"), [(m, s) for (m, s) in TRANSITIONS if m != "edit"]
)
def test_every_move_in_the_table_takes_the_record_where_it_says(
    move: str, before: str, kh_consultant: User, request: pytest.FixtureRequest
) -> None:
    gap = gap_in(before, kh_consultant)
    by = request.getfixturevalue(MOVERS[move])

    moved = workflow.transition(gap, move, by, **CONTEXT.get(move, {}))

    expected = ON_QUORUM.get(move, TRANSITIONS[(move, before)])
    assert moved.record.workflow_state == expected
    assert state_of(gap) == expected
    event = AuditEvent.objects.filter(actor=by).latest("id")
    assert event.action == workflow.AUDITED_AS[move]
    assert event.changes == {"workflow_state": [before, expected]}
    assert (moved.decision is not None) is (move in ("approve", "return", "reject"))


@pytest.mark.parametrize(
    ("move", "before"),
    [(m, s) for m in MOVES for s in STATES if (m, s) not in TRANSITIONS],
)
def test_a_move_not_in_the_table_is_refused_and_changes_nothing(
    move: str, before: str, kh_consultant: User, request: pytest.FixtureRequest
) -> None:
    gap = gap_in(before, kh_consultant)
    events = AuditEvent.objects.count()

    with pytest.raises(ApplicationError):
        workflow.transition(
            gap, move, request.getfixturevalue(MOVERS[move]), **CONTEXT.get(move, {})
        )

    assert state_of(gap) == before
    assert AuditEvent.objects.count() == events
    assert not ReviewDecision.objects.exists()


def test_an_unknown_move_is_refused(kh_consultant: User) -> None:
    with pytest.raises(ApplicationError):
        workflow.transition(
            gap_in(WorkflowState.DRAFT, kh_consultant), "publish", kh_consultant
        )


@pytest.mark.parametrize("before", STATES)
def test_an_edit_sends_only_a_validated_record_back_to_draft(
    before: str, kh_consultant: User
) -> None:
    gap = gap_in(before, kh_consultant)

    moved = workflow.move_after_edit(gap)

    assert moved is (before == WorkflowState.VALIDATED)
    assert gap.workflow_state == (WorkflowState.DRAFT if moved else before)


def test_an_approval_waits_in_review_until_the_countrys_quorum(
    kh_consultant: User, kh_committee: User, kh_committee_2: User
) -> None:
    Country.objects.filter(pk="KH").update(review_quorum=2)
    gap = gap_in(WorkflowState.SUBMITTED, kh_consultant)

    workflow.transition(gap, "approve", kh_committee)
    assert state_of(gap) == WorkflowState.IN_REVIEW

    workflow.transition(gap, "approve", kh_committee_2)
    assert state_of(gap) == WorkflowState.VALIDATED


def test_a_record_in_review_without_a_submission_date_cannot_be_approved_twice_by_one_member(
    kh_consultant: User, kh_committee: User
) -> None:
    Country.objects.filter(pk="KH").update(review_quorum=2)
    gap = gap_in(WorkflowState.SUBMITTED, kh_consultant)
    CapacityGap.objects.filter(pk=gap.pk).update(submitted_at=None, review_round=0)

    workflow.transition(gap, "approve", kh_committee)
    assert state_of(gap) == WorkflowState.IN_REVIEW

    with pytest.raises(ApplicationError, match="already decided"):
        workflow.transition(gap, "approve", kh_committee)
    assert ReviewDecision.objects.count() == 1
    assert state_of(gap) == WorkflowState.IN_REVIEW


def test_each_submission_starts_a_new_round_whatever_its_timestamp(
    kh_consultant: User, kh_committee: User, kh_committee_2: User
) -> None:
    Country.objects.filter(pk="KH").update(review_quorum=2)
    gap = gap_in(WorkflowState.DRAFT, kh_consultant)
    workflow.record_submit(record=gap, by=kh_consultant)
    workflow.transition(gap, "approve", kh_committee)
    workflow.transition(gap, "return", kh_committee_2, comment="Give the source.")
    # Submitted again in the same instant: only the round number tells them apart.
    frozen = CapacityGap.objects.get(pk=gap.pk).submitted_at
    workflow.record_submit(record=gap, by=kh_consultant)
    CapacityGap.objects.filter(pk=gap.pk).update(submitted_at=frozen)

    workflow.transition(gap, "approve", kh_committee)  # allowed: a new round
    # The first round's approval does not count towards this round's quorum.
    assert state_of(gap) == WorkflowState.IN_REVIEW
    workflow.transition(gap, "approve", kh_committee_2)
    assert state_of(gap) == WorkflowState.VALIDATED
    assert CapacityGap.objects.get(pk=gap.pk).review_round == 2


def test_a_record_in_review_without_a_submission_date_is_validated_at_quorum(
    kh_consultant: User, kh_committee: User
) -> None:
    gap = gap_in(WorkflowState.SUBMITTED, kh_consultant)
    CapacityGap.objects.filter(pk=gap.pk).update(submitted_at=None)

    workflow.transition(gap, "approve", kh_committee)

    assert state_of(gap) == WorkflowState.VALIDATED


@pytest.mark.parametrize("notify", [True, False])
def test_a_decision_is_mailed_unless_told_not_to(
    notify: bool,
    kh_consultant: User,
    kh_committee: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    gap = gap_in(WorkflowState.SUBMITTED, kh_consultant)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(gap, "approve", kh_committee, notify=notify)

    assert state_of(gap) == WorkflowState.VALIDATED
    assert bool(mail.outbox) is notify


def test_the_database_refuses_a_second_decision_of_one_member_in_one_round(
    kh_consultant: User,
    kh_committee: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Country.objects.filter(pk="KH").update(review_quorum=2)
    gap = gap_in(WorkflowState.DRAFT, kh_consultant)
    workflow.record_submit(record=gap, by=kh_consultant)
    workflow.transition(gap, "approve", kh_committee)
    # Past the check of earlier decisions (as two requests racing past it would be).
    monkeypatch.setattr(
        workflow, "round_decisions", lambda record: ReviewDecision.objects.none()
    )

    with pytest.raises(ApplicationError, match="already decided"):
        workflow.transition(gap, "approve", kh_committee)

    assert ReviewDecision.objects.count() == 1
    assert state_of(gap) == WorkflowState.IN_REVIEW
