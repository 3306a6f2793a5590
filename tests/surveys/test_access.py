"""Who may do what: every row of `access.POLICY` for every persona, and how refusals
read (404 outside the user's countries, 403 for a role, 400 for a state or condition)."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User

from countries.models import Country
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError, NotVisibleError
from surveys import access
from surveys.audit import audit
from surveys.models import Entity
from tests.factories import MembershipFactory, UserFactory
from tests.surveys.factories import EntityFactory

pytestmark = pytest.mark.django_db

PERSONAS = ("kh_consultant", "kh_committee", "th_consultant", "th_committee", "staff")

# Who may take each action on a Cambodian record (in a state where the action
# applies) or in Cambodia; the actions in GLOBAL are asked with no country.
ALLOWED: dict[str, set[str]] = {
    "record.create": {"kh_consultant"},
    "record.edit": {"kh_consultant"},
    "record.submit": {"kh_consultant"},
    "record.review": {"kh_committee"},
    "record.reopen": {"staff"},
    "record.delete": {"kh_consultant"},
    "record.restore": {"staff"},
    "review.queue": {"kh_committee", "staff"},
    "review.returned": {"kh_consultant"},
    "review.progress": {"staff"},
    "meeting.record": {"kh_committee", "staff"},
    "import.start": {"kh_consultant"},
    "import.form": {"kh_consultant", "staff"},
    "export.request": {"kh_consultant", "kh_committee", "staff"},
    "export.unvalidated": {"staff"},
    "report.compile": {"kh_committee", "staff"},
    "report.regional": {"staff"},
    "release.accept": {"staff"},
    "release.withdraw": {"staff"},
    "release.publish": {"staff"},
    "map.all": {"staff"},
    "dashboard.all": {"staff"},
    "security.events": {"staff"},
}
GLOBAL = {
    "review.progress",
    "export.unvalidated",
    "report.regional",
    "map.all",
    "dashboard.all",
    "security.events",
}


def cambodia() -> Country:
    return Country.objects.get(pk="KH")


def kh_record(state: str = WorkflowState.DRAFT) -> Entity:
    """A Cambodian entity created by someone outside the personas."""
    return EntityFactory(workflow_state=state)


def ask(action: str) -> tuple[Any, dict[str, Any]]:
    """The object and country to ask about the action with."""
    rule = access.POLICY[action]
    if action in GLOBAL:
        return None, {}
    if rule.states is not None:
        return kh_record(sorted(rule.states)[0]), {}
    return None, {"country": cambodia()}


def test_every_row_of_the_policy_is_in_this_table() -> None:
    assert set(ALLOWED) == set(access.POLICY)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_each_persona_may_take_exactly_the_actions_of_its_roles(
    action: str, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    obj, where = ask(action)
    allowed = persona in ALLOWED[action]

    assert access.can(user, action, obj, **where) is allowed
    if allowed:
        access.require(user, action, obj, **where)
    else:
        with pytest.raises(NotAllowedError):
            access.require(user, action, obj, **where)


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_an_anonymous_visitor_may_do_nothing(action: str, reference_data: None) -> None:
    obj, where = ask(action)
    assert not access.can(AnonymousUser(), action, obj, **where)


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_a_superuser_may_do_what_staff_may(action: str, reference_data: None) -> None:
    superuser = UserFactory(is_superuser=True)
    obj, where = ask(action)
    assert access.can(superuser, action, obj, **where) is ("staff" in ALLOWED[action])


def test_another_countrys_record_is_not_there(th_consultant: User) -> None:
    record = kh_record()

    with pytest.raises(NotVisibleError) as refused:
        access.require(th_consultant, "record.edit", record)

    assert refused.value.status_code == 404


def test_a_visible_record_the_role_may_not_change_is_forbidden_with_the_rows_message(
    kh_committee: User,
) -> None:
    with pytest.raises(NotAllowedError) as refused:
        access.require(kh_committee, "record.edit", kh_record())

    assert refused.value.status_code == 403
    assert not isinstance(refused.value, NotVisibleError)
    assert refused.value.message == (
        "Only the national consultants of Cambodia can change this record."
    )


def test_a_state_the_action_does_not_apply_in_is_refused_saying_why(
    kh_consultant: User,
) -> None:
    record = kh_record(WorkflowState.SUBMITTED)

    assert not access.can(kh_consultant, "record.edit", record)
    with pytest.raises(ApplicationError) as refused:
        access.require(kh_consultant, "record.edit", record)

    assert not isinstance(refused.value, NotAllowedError)
    assert "Submitted and cannot be changed until the review ends" in (
        refused.value.message
    )


def test_the_role_alone_is_asked_without_a_record(kh_consultant: User) -> None:
    assert access.can(kh_consultant, "record.edit", country=cambodia())


def test_nobody_reviews_a_record_they_created(kh_committee: User) -> None:
    record = EntityFactory(
        workflow_state=WorkflowState.SUBMITTED, created_by=kh_committee
    )

    assert not access.can(kh_committee, "record.review", record)
    with pytest.raises(ApplicationError, match="cannot review it"):
        access.require(kh_committee, "record.review", record)


def test_nobody_reviews_a_record_they_edited(
    kh_committee: User, kh_committee_2: User
) -> None:
    record = kh_record(WorkflowState.SUBMITTED)
    audit(record=record, by=kh_committee, action="updated")

    assert not access.can(kh_committee, "record.review", record)
    assert access.can(kh_committee_2, "record.review", record)


def test_nobody_reviews_a_record_they_submitted(kh_consultant: User) -> None:
    MembershipFactory(user=kh_consultant, country_id="KH", role="committee")
    record = kh_record(WorkflowState.SUBMITTED)
    audit(record=record, by=kh_consultant, action="submitted")

    assert not access.can(kh_consultant, "record.review", record)


def test_committee_members_may_review_in_their_country_before_a_record_is_named(
    kh_committee: User, th_committee: User
) -> None:
    assert access.can(kh_committee, "record.review", country=cambodia())
    assert not access.can(th_committee, "record.review", country=cambodia())
