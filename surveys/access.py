"""Who may do what: `POLICY`, one row per action, read through `can` and `require`.

A row names the roles that may take the action in the country concerned (a record's
country, or the country given; with neither, the roles held for all countries), the
record states where it applies, an extra condition where one is needed, and the
messages a person sees when refused. Which records and countries a person may read
at all is the read scope (`visible_to`, the selectors); a record outside it answers
404, a visible one the role may not act on 403, a refusal of its state 400.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from countries.names import country_name
from countries.selectors import AnyUser, memberships_of, roles_in
from countries.vocabularies import AWAITING_REVIEW, Role, WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError, NotVisibleError
from surveys.audit import editors_of
from surveys.models import EDITABLE_STATES

CONSULTANT = frozenset({Role.CONSULTANT})
COMMITTEE = frozenset({Role.COMMITTEE})
STAFF = frozenset({Role.STAFF, Role.ADMIN})
ANY_ROLE = frozenset(Role.values)

SUBMITTABLE = frozenset({WorkflowState.DRAFT, WorkflowState.RETURNED})
REOPENABLE = frozenset({WorkflowState.VALIDATED, WorkflowState.REJECTED})


def not_the_author(user: AnyUser, record: Any) -> bool:
    """Nobody reviews a record they created, edited or submitted."""
    return user.pk not in editors_of(record)


def not_released(user: AnyUser, record: Any) -> bool:
    """A validated record frozen in an accepted release changes only after staff
    reopen it, so that the change is reviewed again before the next release."""
    if record.workflow_state != WorkflowState.VALIDATED:
        return True
    from surveys.releases.selectors import record_is_released

    return not record_is_released(record)


def never_submitted(user: AnyUser, record: Any) -> bool:
    """A draft the committee has never seen: deleting it loses nobody's review."""
    return not record.review_round and record.submitted_at is None


def is_deleted(user: AnyUser, record: Any) -> bool:
    return record.deleted_at is not None


@dataclass(frozen=True)
class Rule:
    action: str
    roles: frozenset[str]
    message: Promise
    states: Collection[str] | None = None
    state_message: Promise | None = None
    condition: Callable[[AnyUser, Any], bool] | None = None
    condition_message: Promise | None = None


POLICY: dict[str, Rule] = {
    rule.action: rule
    for rule in (
        Rule(
            "record.create",
            CONSULTANT,
            _("Only the national consultants of %(country)s can add records here."),
        ),
        Rule(
            "record.edit",
            CONSULTANT,
            _("Only the national consultants of %(country)s can change this record."),
            states=EDITABLE_STATES,
            state_message=_(
                "This record is %(state)s and cannot be changed until the review ends."
            ),
            condition=not_released,
            condition_message=_(
                "%(record)s is in an accepted release. Ask staff to reopen it: the "
                "change is then reviewed again and goes into the next release."
            ),
        ),
        Rule(
            "record.submit",
            CONSULTANT,
            _("Only the country's national consultants submit records."),
            states=SUBMITTABLE,
            state_message=_(
                "%(record)s is %(state)s; only drafts and returned records can be "
                "submitted."
            ),
        ),
        Rule(
            "record.review",
            COMMITTEE,
            _(
                "Only members of the national advisory committee of %(country)s "
                "review its records."
            ),
            states=AWAITING_REVIEW,
            state_message=_("%(record)s is %(state)s and is not awaiting review."),
            condition=not_the_author,
            condition_message=_(
                "You created, edited or submitted %(record)s, so you cannot review it."
            ),
        ),
        Rule(
            "record.reopen",
            STAFF,
            _("Only staff can reopen a record."),
            states=REOPENABLE,
            state_message=_(
                "%(record)s is %(state)s; only validated or rejected records can be "
                "reopened."
            ),
        ),
        Rule(
            "record.delete",
            CONSULTANT,
            _("Only the national consultants of %(country)s can delete its drafts."),
            states=frozenset({WorkflowState.DRAFT}),
            state_message=_("%(record)s is %(state)s; only drafts can be deleted."),
            condition=never_submitted,
            condition_message=_(
                "%(record)s has been submitted for review before, so it cannot be "
                "deleted."
            ),
        ),
        Rule(
            "record.restore",
            STAFF,
            _("Only staff can see and restore deleted drafts."),
            condition=is_deleted,
            condition_message=_("%(record)s is not deleted."),
        ),
        Rule(
            "review.queue",
            COMMITTEE | STAFF,
            _("The review queue is for the advisory committee and staff."),
        ),
        Rule(
            "review.returned",
            CONSULTANT,
            _("This page lists a national consultant's returned records."),
        ),
        Rule("review.progress", STAFF, _("Progress across countries is for staff.")),
        Rule(
            "meeting.record",
            COMMITTEE | STAFF,
            _(
                "You cannot record meetings for this country: committee members "
                "and staff record the committee's meetings."
            ),
        ),
        Rule(
            "import.start",
            CONSULTANT,
            _("Only the national consultants of %(country)s can import records."),
        ),
        Rule(
            "import.form",
            CONSULTANT | STAFF,
            _(
                "The survey form of %(country)s is for its national consultants and "
                "for staff."
            ),
        ),
        Rule(
            "export.request",
            ANY_ROLE,
            _("You cannot export the records of %(country)s."),
        ),
        Rule(
            "export.unvalidated",
            STAFF,
            _("Only staff can export records that are not yet validated."),
        ),
        Rule(
            "report.compile",
            COMMITTEE | STAFF,
            _(
                "Only staff and the national advisory committee of %(country)s "
                "compile its mapping report."
            ),
        ),
        Rule(
            "report.regional", STAFF, _("Only staff compile the regional comparison.")
        ),
        Rule(
            "release.accept",
            STAFF,
            _("Only staff accept a country's validated findings as a release."),
        ),
        Rule("release.withdraw", STAFF, _("Only staff can withdraw a release.")),
        Rule(
            "release.publish",
            STAFF,
            _("Only staff publish a release in the public directory."),
        ),
        Rule("map.all", STAFF, _("The map across countries is for staff.")),
        Rule("dashboard.all", STAFF, _("The dashboard across countries is for staff.")),
        Rule(
            "security.events",
            STAFF,
            _("Sign-ins and other security events are for staff."),
        ),
    )
}


def describe(record: Any) -> str:
    """A record as messages name it: its type, code and title."""
    code = getattr(record, "code", "") or f"#{record.pk}"
    return f"{capfirst(record._meta.verbose_name)} {code} “{record}”"


def _roles(user: AnyUser, country: Country | None) -> set[str]:
    if country is not None:
        return roles_in(user=user, country=country)
    if not user.is_authenticated:
        return set()
    roles = {role for code, role in memberships_of(user) if code is None}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return roles


def _refusal(
    user: AnyUser, action: str, obj: Any, country: Country | None
) -> ApplicationError | None:
    """Why the user may not take the action, or None when they may."""
    rule = POLICY[action]
    if obj is not None and country is None:
        country = obj.country
    roles = _roles(user, country)
    if country is not None and not roles:
        return NotVisibleError(
            _("%(country)s is not among your countries.")
            % {"country": country_name(country)}
        )
    if not roles & rule.roles:
        return NotAllowedError(
            str(rule.message) % {"country": country_name(country) if country else ""}
        )
    if obj is None:
        return None
    words = {
        "record": describe(obj),
        "state": getattr(obj, "get_workflow_state_display", str)(),
    }
    if rule.condition is not None and not rule.condition(user, obj):
        return ApplicationError(str(rule.condition_message) % words)
    if rule.states is not None and obj.workflow_state not in rule.states:
        return ApplicationError(str(rule.state_message) % words)
    return None


def can(
    user: AnyUser, action: str, obj: Any = None, *, country: Country | None = None
) -> bool:
    """Whether the user may take the action: on `obj` (its country and state), or in
    `country`, or, with neither, across all countries."""
    return _refusal(user, action, obj, country) is None


def require(
    user: AnyUser, action: str, obj: Any = None, *, country: Country | None = None
) -> None:
    """Raise the refusal `can` would answer False for: NotVisibleError (404) outside
    the user's countries, NotAllowedError (403) for a role the row does not name, and
    ApplicationError with the row's message for a state or condition it refuses."""
    refusal = _refusal(user, action, obj, country)
    if refusal is not None:
        raise refusal
