"""Serializer fields shared by the API: scoped related objects, the country, the version."""

from __future__ import annotations

import copy
from collections.abc import MutableMapping
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from countries.models import (
    Country,
)
from countries.names import country_name
from countries.reference_data import COUNTRIES
from countries.selectors import AnyUser, country_list
from sse_mapping.exceptions import NotVisibleError
from surveys.api.strict import StrictModelSerializer

USER_FIELDS = ("created_by", "updated_by")


def _user(serializer: serializers.Serializer) -> AnyUser:
    return serializer.context["request"].user


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A reference to a record the caller may read; any other id is "not found", the
    same answer as for an id that does not exist."""

    def __init__(self, *, scope: Any, **kwargs: Any) -> None:
        self.scope = scope
        kwargs.setdefault("queryset", scope(None))
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return self.scope(None).none()
        return self.scope(user)


def _visible(model: type[Model]) -> Any:
    def scope(user: AnyUser | None) -> QuerySet[Any]:
        if user is None:
            return model.objects.all()  # type: ignore[attr-defined]
        return model.objects.visible_to(user)  # type: ignore[attr-defined]

    return scope


# A country's ISO code in either case: one of the platform's countries.
_CODES = "|".join(
    "".join(f"[{c}{c.lower()}]" for c in country.code) for country in COUNTRIES
)
COUNTRY_CODE_SCHEMA = {"type": "string", "pattern": f"^({_CODES})$"}


@extend_schema_field(COUNTRY_CODE_SCHEMA)
class CountryCodeField(serializers.CharField):
    """A country's ISO code in either case, one of the platform's; whether the caller
    may use it is the service's question (another country answers 404)."""

    def to_internal_value(self, data: Any) -> str:
        code = str(super().to_internal_value(data)).upper()
        if code not in {country.code for country in COUNTRIES}:
            raise serializers.ValidationError(
                _("Give the ISO code of one of the platform's countries, e.g. TH.")
            )
        return code


@extend_schema_field(COUNTRY_CODE_SCHEMA)
class CountryField(serializers.SlugRelatedField):
    """A country by its ISO code, among the caller's countries; another of the
    platform's countries answers 404, as its records do."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", queryset=Country.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Country]:
        request = self.context.get("request")
        if request is None:
            return Country.objects.none()
        return country_list(user=request.user)

    def to_internal_value(self, data: Any) -> Country:
        if isinstance(data, str):
            data = data.upper()
            if (
                not self.get_queryset().filter(code=data).exists()
                and (country := Country.objects.filter(code=data).first()) is not None
            ):
                raise NotVisibleError(
                    _("%(country)s is not among your countries.")
                    % {"country": country_name(country)}
                )
        return super().to_internal_value(data)


class UsernameField(serializers.SlugRelatedField):
    """The username of the person a row names (its author, reviewer...), read-only."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", read_only=True, **kwargs)


class VersionField(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=False,
            write_only=True,
            min_value=1,
            max_value=2**31 - 1,
            help_text=_(
                "The version you read. If someone saved the record since, the change "
                "is refused with 409 instead of overwriting theirs."
            ),
            **kwargs,
        )


# The workflow and authorship fields every reviewed record answers with.
RECORD_READ_FIELDS = (
    "workflow_state",
    "version",
    "created_by",
    "updated_by",
    "created_at",
    "updated_at",
    "submitted_at",
)


# The fields of each read serializer, by class and language (`ReadModelSerializer`).
_FIELDS: dict[tuple[type, str | None], dict[str, serializers.Field]] = {}


class ReadModelSerializer(StrictModelSerializer):
    """A model serializer for answers only: read-only fields keep `allow_blank`, so
    that the schema says a blank code (e.g. no SSE type yet) may come back.

    Its fields depend on its class alone: they are worked out from the model once per
    class and language (their labels are translated) and copied for each answer, as
    declared fields are; working them out took most of an entity's answer."""

    def get_fields(self) -> dict[str, serializers.Field]:
        key = (type(self), translation.get_language())
        fields = _FIELDS.get(key)
        if fields is None:
            fields = _FIELDS[key] = super().get_fields()
        return copy.deepcopy(fields)

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs
