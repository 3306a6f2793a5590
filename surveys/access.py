"""Who may do what with the findings: every permission check the services, pages and API make."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from countries.models import (
    Country,
)
from countries.selectors import (
    AnyUser,
    has_all_countries,
    roles_in,
)
from countries.vocabularies import (
    Role,
)
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.models import (
    EDITABLE_STATES,
    WorkflowRecord,
)


def ensure_can_create(*, country: Country, by: AnyUser) -> None:
    if Role.CONSULTANT not in roles_in(user=by, country=country):
        raise NotAllowedError(
            _("Only the national consultants of %(country)s can add records here.")
            % {"country": country.name}
        )


def ensure_can_edit(*, record: WorkflowRecord, by: AnyUser) -> None:
    if Role.CONSULTANT not in roles_in(user=by, country=record.country):
        raise NotAllowedError(
            _("Only the national consultants of %(country)s can change this record.")
            % {"country": record.country.name}
        )
    if record.workflow_state not in EDITABLE_STATES:
        raise ApplicationError(
            _("This record is %(state)s and cannot be changed until the review ends.")
            % {"state": record.get_workflow_state_display()}
        )


def can_edit(*, user: AnyUser, record: Any) -> bool:
    """Whether the user may change this record now (a consultant of its country)."""
    return record.is_editable and Role.CONSULTANT in roles_in(
        user=user, country=record.country
    )


# --- Consultant record pages (appended for the dashboard, case studies and gaps) -------


def can_create_records(*, user: AnyUser, country: Country) -> bool:
    """Whether the user may add records in this country: its national consultants."""
    return Role.CONSULTANT in roles_in(user=user, country=country)


def review_abilities(*, user: AnyUser, country: Country) -> dict[str, bool]:
    """What the user's roles in a country let them do in the validation workflow.

    The services check the same rules again; these only decide what a page offers.
    """
    roles = roles_in(user=user, country=country)
    staff = bool(roles & {Role.STAFF, Role.ADMIN})
    committee = Role.COMMITTEE in roles
    consultant = Role.CONSULTANT in roles
    return {
        "decide": committee,
        "see_queue": committee or staff,
        "submit": consultant,
        "reopen": staff,
        "record_meetings": committee or staff,
        "see_returned": consultant,
    }


REPORT_COMPILERS = (Role.STAFF, Role.ADMIN, Role.COMMITTEE)


def report_can_compile(*, user: AnyUser, country: Country | None = None) -> bool:
    """Staff compile any report; a committee member their own country's. The regional
    comparison (country None) is for staff only."""
    if country is None:
        return has_all_countries(user)
    return bool(roles_in(user=user, country=country) & set(REPORT_COMPILERS))
