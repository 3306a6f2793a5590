"""Who belongs where: every country-scoped read starts from these."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from countries.models import Country, Membership
from countries.vocabularies import Role

AnyUser = AbstractBaseUser | AnonymousUser

ALL_COUNTRY_ROLES = (Role.STAFF, Role.ADMIN)


def has_all_countries(user: AnyUser) -> bool:
    """Staff and administrators read every country."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(
        user=user, country__isnull=True, role__in=ALL_COUNTRY_ROLES
    ).exists()


def country_list(*, user: AnyUser) -> QuerySet[Country]:
    """The countries whose records the user may read."""
    if not user.is_authenticated:
        return Country.objects.none()
    if has_all_countries(user):
        return Country.objects.all()
    return Country.objects.filter(memberships__user=user).distinct()


def country_get(*, user: AnyUser, code: str) -> Country:
    """One country the user may read; any other answers 404."""
    return get_object_or_404(country_list(user=user), code=code.upper())


def roles_in(*, user: AnyUser, country: Country) -> set[str]:
    """The user's roles in one country, counting all-country roles."""
    if not user.is_authenticated:
        return set()
    roles = set(
        Membership.objects.filter(user=user, country=country).values_list(
            "role", flat=True
        )
    )
    roles |= set(
        Membership.objects.filter(user=user, country__isnull=True).values_list(
            "role", flat=True
        )
    )
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return roles
