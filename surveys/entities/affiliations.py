"""Affiliations: which union, federation or apex body a member organisation belongs
to. A link is part of the member organisation's record: adding or removing one is an
edit of that entity (its version moves, and a validated entity returns to draft)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from countries.selectors import AnyUser
from sse_mapping.exceptions import ApplicationError
from surveys.entities.services import _touch
from surveys.models import FEDERATION_LEVELS, Affiliation, Entity
from surveys.review.edits import _lock_for_edit, related_country_errors

EARLIEST_YEAR = 1800


def federation_choices(member: Entity) -> QuerySet[Entity]:
    """The entities a member organisation may join: the unions, federations and apex
    bodies of its own country, but itself."""
    return (
        Entity.objects.filter(
            country=member.country_id, org_level__in=FEDERATION_LEVELS
        )
        .exclude(pk=member.pk)
        .order_by("name_en", "code")
    )


def _label(federation: Entity, year: int | None) -> str:
    return f"{federation.code} ({year})" if year else federation.code


@transaction.atomic
def affiliation_add(
    *,
    member: Entity,
    federation: Entity,
    year: int | None,
    by: AnyUser,
    expected_version: int | None,
) -> Affiliation:
    """Record that `member` belongs to `federation` (since `year`)."""
    member = _lock_for_edit(Entity, member, by=by, expected_version=expected_version)
    if related_country_errors(member.country, {"federation": federation}):
        raise ApplicationError(
            _("A member organisation can only join a federation of its own country.")
        )
    if federation.pk == member.pk:
        raise ApplicationError(_("An organisation cannot be a member of itself."))
    if federation.org_level not in FEDERATION_LEVELS:
        raise ApplicationError(
            _(
                "%(name)s is not recorded as a union, federation or apex body: set "
                "its organisation level first."
            )
            % {"name": federation}
        )
    if year is not None and not EARLIEST_YEAR <= year <= timezone.now().year:
        raise ApplicationError(
            _("The year must be between %(low)s and %(high)s.")
            % {"low": EARLIEST_YEAR, "high": timezone.now().year}
        )
    if Affiliation.objects.filter(member=member, federation=federation).exists():
        raise ApplicationError(
            _("%(name)s is already recorded as a member of %(federation)s.")
            % {"name": member, "federation": federation}
        )
    affiliation = Affiliation.objects.create(
        member=member,
        federation=federation,
        year=year,
        created_by=by,  # type: ignore[misc]
    )
    _touch(
        member,
        by=by,
        changes={"affiliation": [None, _label(federation, year)]},
        action="affiliation added",
    )
    return affiliation


@transaction.atomic
def affiliation_remove(
    *, affiliation: Affiliation, by: AnyUser, expected_version: int | None
) -> None:
    member = _lock_for_edit(
        Entity, affiliation.member, by=by, expected_version=expected_version
    )
    label = _label(affiliation.federation, affiliation.year)
    affiliation.delete()
    _touch(
        member,
        by=by,
        changes={"affiliation": [label, None]},
        action="affiliation removed",
    )
