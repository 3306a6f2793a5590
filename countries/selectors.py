"""Who belongs where: every country-scoped read starts from these."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from countries.models import (
    AdminArea,
    Country,
    LegalForm,
    Membership,
    NationalPriority,
)
from countries.vocabularies import Role

AnyUser = AbstractBaseUser | AnonymousUser

ALL_COUNTRY_ROLES = (Role.STAFF, Role.ADMIN)


def memberships_of(user: AnyUser) -> list[tuple[str | None, str]]:
    """The user's (country code, role) pairs, read once per user object.

    A request has one user object, so a page asks the database once however many
    checks it makes; a change of memberships shows from the next request on.
    """
    cached: list[tuple[str | None, str]] | None = getattr(user, "_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).values_list("country_id", "role")  # type: ignore[misc]
        )
        user._memberships = cached  # type: ignore[union-attr]
    return cached


def has_all_countries(user: AnyUser) -> bool:
    """Staff and administrators read every country."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(
        country is None and role in ALL_COUNTRY_ROLES
        for country, role in memberships_of(user)
    )


def countries_of(user: AnyUser, role: str | None = None) -> list[str]:
    """The codes of the countries a user holds a role (any, or the one given) in."""
    return [
        country
        for country, held in memberships_of(user)
        if country and (role is None or held == role)
    ]


def country_list(*, user: AnyUser) -> QuerySet[Country]:
    """The countries whose records the user may read."""
    if not user.is_authenticated:
        return Country.objects.none()
    if has_all_countries(user):
        return Country.objects.all()
    return Country.objects.filter(code__in=countries_of(user))


def country_get(*, user: AnyUser, code: str) -> Country:
    """One country the user may read; any other answers 404."""
    return get_object_or_404(country_list(user=user), code=code.upper())


def roles_in(*, user: AnyUser, country: Country) -> set[str]:
    """The user's roles in one country, counting all-country roles."""
    if not user.is_authenticated:
        return set()
    roles = {
        role
        for code, role in memberships_of(user)
        if code is None or code == country.pk
    }
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return roles


def area_list(*, user: AnyUser) -> QuerySet[AdminArea]:
    """Administrative areas of the user's countries, with their crosswalk loaded: three
    generations of `replaced_by` and the units merged into each."""
    return (
        AdminArea.objects.visible_to(user)
        .select_related("replaced_by__replaced_by__replaced_by")
        .prefetch_related("predecessors")
        .order_by("country", "level", "name_en", "id")
    )


def legal_form_list(*, user: AnyUser) -> QuerySet[LegalForm]:
    return LegalForm.objects.visible_to(user).order_by("country", "name_en", "id")


def national_priority_list(*, user: AnyUser) -> QuerySet[Any]:
    return NationalPriority.objects.visible_to(user).order_by("country", "code", "id")


def membership_list(*, user: AnyUser) -> QuerySet[Any]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).order_by("country", "role")  # type: ignore[misc]


def current_areas(*, country: Country) -> QuerySet[AdminArea]:
    return AdminArea.objects.current().filter(country=country, level=1)


def area_with_predecessors(area: AdminArea) -> list[int]:
    """The area and every unit merged into it, however many reforms back.

    One query per generation of reforms (two for Viet Nam), never one per entity.
    """
    ids = [area.pk]
    generation = [area.pk]
    while generation:
        generation = list(
            AdminArea.objects.filter(replaced_by__in=generation)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.extend(generation)
    return ids
