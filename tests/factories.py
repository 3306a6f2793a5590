"""Factories for the accounts and the reference data of `countries`.

The five countries, their areas, ISIC codes and legal forms come from the reference
data the session loads once (see tests/conftest.py); `CountryFactory` and the others
fetch a row by its code when it is already there and make it otherwise.
"""

from __future__ import annotations

import datetime

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from countries.authentication import hash_key
from countries.models import (
    AdminArea,
    ApiToken,
    CommitteeMeeting,
    CommitteeMember,
    Country,
    IsicCode,
    LegalForm,
    MacroRegion,
    Membership,
    NationalPriority,
)
from countries.vocabularies import Constituency, Role, Sex, SseType


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(settings.DEMO_PASSWORD)

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)


class CountryFactory(factory.django.DjangoModelFactory):
    """A country; `CountryFactory(code="KH")` is the reference row when loaded."""

    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "KH"
    name = factory.LazyAttribute(lambda country: f"Country {country.code}")
    currency = "USD"


class MembershipFactory(factory.django.DjangoModelFactory):
    """A role in a country; traits `committee`, `staff` and `admin` set the role."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    country_id = "KH"
    role = Role.CONSULTANT

    class Params:
        committee = factory.Trait(role=Role.COMMITTEE)
        staff = factory.Trait(role=Role.STAFF, country_id=None)
        admin = factory.Trait(role=Role.ADMIN, country_id=None)


class MacroRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MacroRegion
        django_get_or_create = ("country_id", "code")

    country_id = "KH"
    code = factory.Sequence(lambda n: f"REGION_{n}")
    name_en = factory.LazyAttribute(lambda region: region.code.title())


class AdminAreaFactory(factory.django.DjangoModelFactory):
    """A first-level area valid today; `replaced` dates it out of use."""

    class Meta:
        model = AdminArea
        django_get_or_create = ("country_id", "code")

    country_id = "KH"
    code = factory.Sequence(lambda n: f"T-{n}")
    level = 1
    kind = "province"
    name_en = factory.Sequence(lambda n: f"Province {n}")

    class Params:
        replaced = factory.Trait(valid_to=datetime.date(2025, 6, 30))


class IsicCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IsicCode
        django_get_or_create = ("code",)

    code = "A"
    level = "section"
    title = factory.LazyAttribute(lambda isic: f"ISIC {isic.code}")


class LegalFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalForm
        django_get_or_create = ("country_id", "code")

    country_id = "KH"
    code = factory.Sequence(lambda n: f"FORM_{n}")
    name_en = factory.LazyAttribute(lambda form: form.code.title())
    default_sse_type = SseType.COOP
    to_be_confirmed = False


class NationalPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalPriority
        django_get_or_create = ("country_id", "code")

    country_id = "KH"
    code = factory.Sequence(lambda n: f"NP-{n}")
    title = factory.Sequence(lambda n: f"National priority {n}")
    source_document = "National development plan"


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    """A member of a national advisory committee, with a login when `user` is set."""

    class Meta:
        model = CommitteeMember

    country_id = "KH"
    user = None
    name = factory.Sequence(lambda n: f"Committee member {n}")
    organisation = "Ministry of Labour"
    constituency = Constituency.GOVERNMENT
    sex = Sex.FEMALE

    class Params:
        with_login = factory.Trait(
            user=factory.SubFactory(
                UserFactory,
                username=factory.Sequence(lambda n: f"member-{n}"),
            )
        )


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting; `attendees=[...]` adds the members who attended."""

    class Meta:
        model = CommitteeMeeting
        skip_postgeneration_save = True

    country_id = "KH"
    date = factory.LazyFunction(lambda: timezone.localdate())
    place = "Ministry of Labour"
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def attendees(
        self, create: bool, extracted: list[CommitteeMember] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.attendees.set(extracted)


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A personal API token; the key it was made from is `f"key-{token.name}"`."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"script-{n}")
    key_prefix = factory.LazyAttribute(lambda token: f"key-{token.name}"[:8])
    hashed_key = factory.LazyAttribute(lambda token: hash_key(f"key-{token.name}"))

    class Params:
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))
        expired = factory.Trait(
            expires_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=1)
            )
        )
