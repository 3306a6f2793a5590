"""The entity, figures and assessment forms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from countries.models import AdminArea, Country, IsicCode, LegalForm
from countries.names import isic_title, localized_name
from countries.selectors import current_areas
from countries.vocabularies import ConsentLevel, EvidenceType, Rating, TargetGroup
from surveys.display import area_label
from surveys.entities.applicability import APPLIES_WHEN, inapplicable_fields
from surveys.entities.services import (
    ASSESSMENT_FIELDS,
    ENTITY_FIELDS,
    FIGURE_FIELDS,
    entity_part,
    figures_part,
)
from surveys.form_helpers import StyledFormMixin
from surveys.models import (
    PEOPLE_GROUPS,
    Entity,
    EntityFigures,
    PrinciplesAssessment,
    Source,
)
from surveys.principles import CRITERIA, PRINCIPLES, VALUES, Criterion
from surveys.record_types import missing_for_submission

EARLIEST_YEAR = 1800


class ServiceValidatedModelForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """A model form used only to parse: the service validates and saves."""

    def _post_clean(self) -> None:
        # Building the instance here would change the record before the service
        # has checked the version and the rules.
        return


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """A model choice field of the form, to narrow its choices."""
    return cast(forms.ModelChoiceField, form.fields[name])  # type: ignore[type-arg]


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# An entity is coded by ISIC Rev.4 division or, more finely, by class.
ACTIVITY_LEVELS = ("division", "class")


def isic_activity_choices() -> list[tuple[str, str]]:
    return [
        (code, isic_label(code, title))
        for code, title in IsicCode.objects.filter(level__in=ACTIVITY_LEVELS)
        .order_by("code")
        .values_list("code", "title")
    ]


def isic_label(code: str, title: str) -> str:
    # Classes under their division, indented with no-break spaces.
    indent = "\u00a0" * 4 if len(code) == 4 else ""
    return f"{indent}{code} {isic_title(code, title)}"


class IsicActivityField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: IsicCode) -> str:
        return isic_label(obj.code, obj.title)


class AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AdminArea) -> str:
        label = area_label(obj)
        return label if obj.is_current else f"{label} ({_('former unit')})"


class AreasField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AdminArea) -> str:
        return area_label(obj)


class EntityForm(ServiceValidatedModelForm):
    """Create or edit an entity, in the sections a consultant fills in."""

    SECTIONS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
        (
            "identity",
            _("Identity"),
            (
                "name_local",
                "name_en",
                "acronym",
                "year_established",
                "activity_status",
            ),
        ),
        (
            "location",
            _("Location"),
            (
                "area",
                "other_areas",
                "locality",
                "urban_rural",
                "latitude",
                "longitude",
                "geo_precision",
            ),
        ),
        (
            "type",
            _("Type and legal status"),
            (
                "sse_type",
                "coop_member_type",
                "org_level",
                "legal_form",
                "registration_status",
                "registration_authority",
                "registration_number",
                "registration_date",
                "former_legal_form",
            ),
        ),
        (
            "activities",
            _("Activities"),
            (
                "main_activity",
                "other_activities",
                "farm_scale",
                "mining_scale",
                "small_farmers_cbo",
                "target_groups",
                "purpose",
            ),
        ),
        (
            "governance",
            _("Governance and surplus rule"),
            ("surplus_rule", "surplus_cap_pct", "asset_lock"),
        ),
        (
            "visibility",
            _("Visibility and consent"),
            ("visibility", "consent_level", "consent_by", "consent_date", "notes"),
        ),
    )

    area = AreaField(
        label=_("First-level area"), queryset=AdminArea.objects.none(), required=False
    )
    other_areas = AreasField(
        label=_("Other areas"),
        queryset=AdminArea.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Areas where it also works. Hold Ctrl (or ⌘) to choose several."),
    )
    main_activity = IsicActivityField(
        label=_("Main economic activity (ISIC Rev.4)"),
        queryset=IsicCode.objects.filter(level__in=ACTIVITY_LEVELS),
        required=False,
        help_text=_(
            "Priority sectors (small-scale farming, mining, construction) follow from "
            "the ISIC codes."
        ),
    )
    other_activities = forms.MultipleChoiceField(
        label=_("Other economic activities (ISIC Rev.4)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_different = forms.BooleanField(
        label=_("This is a different entity, create it anyway"),
        required=False,
        widget=forms.CheckboxInput(attrs={"form": "entity-form"}),
    )

    class Meta:
        model = Entity
        fields = ENTITY_FIELDS
        widgets = {
            "registration_date": _date_input(),
            "consent_date": _date_input(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args: Any,
        country: Country,
        entity: Entity | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, instance=entity, **kwargs)
        areas: QuerySet[AdminArea] = current_areas(country=country)
        if entity is not None and entity.area_id:
            # An entity recorded against a unit that has since been merged keeps it
            # until someone moves it, rather than failing validation on every save.
            areas = areas | AdminArea.objects.filter(pk=entity.area_id)
        _choice(self, "area").queryset = areas.order_by("name_en")
        _choice(self, "other_areas").queryset = current_areas(country=country).order_by(
            "name_en"
        )
        for name in ("legal_form", "former_legal_form"):
            legal_forms = _choice(self, name)
            legal_forms.queryset = LegalForm.objects.filter(country=country)
            # In the reader's language: the Thai name for a Thai reader, the Russian
            # one for a Russian reader in Kyrgyzstan.
            legal_forms.label_from_instance = localized_name  # type: ignore[method-assign,assignment]
        cast(
            forms.ChoiceField, self.fields["other_activities"]
        ).choices = isic_activity_choices()
        self.fields["year_established"].validators.append(
            MinValueValidator(EARLIEST_YEAR)
        )
        self.fields["surplus_cap_pct"].validators.append(MaxValueValidator(100))
        self.fields["latitude"].validators += [
            MinValueValidator(-90),
            MaxValueValidator(90),
        ]
        self.fields["longitude"].validators += [
            MinValueValidator(-180),
            MaxValueValidator(180),
        ]
        if entity is not None:
            self.fields["version"].required = True
            self.initial.setdefault("version", entity.version)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A consent to publication says who gave it and when, or it cannot be relied on.
        if cleaned.get("consent_level", ConsentLevel.NONE) != ConsentLevel.NONE:
            if not cleaned.get("consent_by"):
                self.add_error(
                    "consent_by", _("Say who gave the consent: a name or a role.")
                )
            if not cleaned.get("consent_date"):
                self.add_error("consent_date", _("Give the date of the consent."))
        return cleaned

    @property
    def inapplicable(self) -> list[str]:
        """The fields hidden because they do not apply to what is chosen so far."""
        return inapplicable_fields(
            {
                depends_on: self[depends_on].value()
                for depends_on, _v in APPLIES_WHEN.values()
            }
        )

    def missing_for_submission(self) -> list[str]:
        """What the record as stored still needs before it can be submitted; the
        page's checks as you type keep the list current."""
        return missing_for_submission(self.instance)

    def sections(self) -> Iterator[tuple[str, Any, list[forms.BoundField]]]:
        for key, title, names in self.SECTIONS:
            yield key, title, [self[name] for name in names]

    def service_data(self) -> dict[str, Any]:
        return entity_part(self.cleaned_data)


class FiguresForm(ServiceValidatedModelForm):
    """One reference year of an entity's figures; people are counted by sex."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = EntityFigures
        fields = ("reference_year", *FIGURE_FIELDS)
        widgets = {
            f"{prefix}_{part}": forms.NumberInput(
                attrs={"min": 0, "inputmode": "numeric"}
            )
            for prefix, _label in PEOPLE_GROUPS
            for part in ("total", "women", "men")
        }

    def __init__(
        self,
        *args: Any,
        entity: Entity,
        sources: QuerySet[Source],
        figures: EntityFigures | None = None,
        taken_years: set[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, instance=figures, **kwargs)
        self.taken_years = taken_years or set()
        _choice(self, "source").queryset = sources
        year = self.fields["reference_year"]
        year.validators.append(MinValueValidator(EARLIEST_YEAR))
        year.widget.attrs["inputmode"] = "numeric"
        if figures is not None:
            # The year names the row; to move figures to another year, add that year.
            year.disabled = True
        self.initial.setdefault("version", entity.version)

    def clean_reference_year(self) -> int:
        year: int = self.cleaned_data["reference_year"]
        if not self.fields["reference_year"].disabled and year in self.taken_years:
            raise forms.ValidationError(
                _("Figures for %(year)s are already recorded; edit that year instead.")
                % {"year": year}
            )
        return year

    def people_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "prefix": prefix,
                "label": label,
                "total": self[f"{prefix}_total"],
                "women": self[f"{prefix}_women"],
                "men": self[f"{prefix}_men"],
                "errors": [
                    *self[f"{prefix}_total"].errors,
                    *self[f"{prefix}_women"].errors,
                    *self[f"{prefix}_men"].errors,
                ],
            }
            for prefix, label in PEOPLE_GROUPS
        ]

    def service_data(self) -> dict[str, Any]:
        return figures_part(self.cleaned_data)


class AssessmentForm(ServiceValidatedModelForm):
    """The ILC 2022 checklist: a rating and the evidence for each criterion."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PrinciplesAssessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            **{c.field: forms.RadioSelect for c in (*CRITERIA, *VALUES)},
            "evidence_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(
        self,
        *args: Any,
        entity: Entity,
        assessment: PrinciplesAssessment | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, instance=assessment, **kwargs)
        for criterion in (*CRITERIA, *VALUES):
            rating = cast(forms.ChoiceField, self.fields[criterion.field])
            rating.widget.attrs["class"] = "form-check-input"
            rating.choices = Rating.choices  # no empty choice: unknown is a rating
            evidence = cast(
                forms.ChoiceField, self.fields[f"{criterion.field}_evidence"]
            )
            evidence.label = _("Evidence")
            evidence.choices = [("", _("Evidence…")), *EvidenceType.choices]
            evidence.widget.attrs["class"] = "form-select form-select-sm"
        share = self.fields["income_share_largest_funder"]
        share.validators.append(MaxValueValidator(100))
        share.widget.attrs.update({"min": 0, "max": 100})
        self.initial.setdefault("version", entity.version)

    def _rows(self, criteria: tuple[Criterion, ...]) -> list[dict[str, Any]]:
        return [
            {
                "criterion": c,
                "rating": self[c.field],
                "evidence": self[f"{c.field}_evidence"],
                "flag_only": c.code == "P3.3",
            }
            for c in criteria
        ]

    def groups(self) -> list[dict[str, Any]]:
        """The checklist grouped by principle, then the values."""
        groups = [
            {
                "code": code,
                "name": name,
                "rows": self._rows(tuple(c for c in CRITERIA if c.principle == code)),
            }
            for code, name in PRINCIPLES.items()
        ]
        groups.append({"code": "V", "name": _("Values"), "rows": self._rows(VALUES)})
        return groups

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in ASSESSMENT_FIELDS}


class FederationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name_en or obj.name_local} ({obj.code})"


class AffiliationForm(StyledFormMixin, forms.Form):
    """A member organisation joins a union, federation or apex body of its country."""

    federation = FederationField(
        queryset=Entity.objects.none(), label=_("Union, federation or apex body")
    )
    year = forms.IntegerField(
        label=_("Member since (year)"),
        required=False,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, federations: QuerySet[Entity], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(FederationField, self.fields["federation"]).queryset = federations
