"""The scope of one report compile as one narrow table: each counted entity with its
classification, its criteria ratings and its latest figures, one row each.

Every grouping of a compile reads this table rather than joining the wide entity,
assessment and figures tables again. It is temporary: created on the compile's
database connection and dropped when the compile ends (`surveys.reports.scope`), so
the model is never migrated into a table.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from countries.models import AdminArea, Country, IsicCode, LegalForm
from countries.vocabularies import Rating
from surveys.models.assessment import PrinciplesAssessment
from surveys.models.entities import Entity, Source
from surveys.models.figures import EntityFigures
from surveys.principles import CRITERIA, PRINCIPLES

# The entity's own fields a report groups or counts by, under the same names.
ENTITY_COLUMNS = (
    # Its code: listings pick their first entities here.
    "code",
    "sse_type",
    "org_level",
    "registration_status",
    "year_established",
    "sector_farm_small",
    "sector_asm",
    "sector_construction",
    "classification",
    "women_led",
    # Its last change: for a validated entity, the day it was validated.
    "updated_at",
)
# Each criterion's rating, under the assessment's field name (empty: no assessment).
RATING_COLUMNS = tuple(criterion.field for criterion in CRITERIA)
# Each principle's rating by its weakest criterion, worked out once per compile.
PRINCIPLE_COLUMNS = {code: f"pr_{code}" for code in PRINCIPLES}
# The latest figures' values, under the figures' field names (empty: no figures).
FIGURES_COLUMNS = tuple(
    field.name
    for field in EntityFigures._meta.concrete_fields
    if not field.is_relation and not field.primary_key
)


def _related(model: type[models.Model], **options: Any) -> models.ForeignKey[Any, Any]:
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        **options,
    )


class ReportScopeRow(models.Model):
    """One entity counted by a report compile."""

    entity = models.OneToOneField(
        Entity,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    country = _related(Country)
    area = _related(AdminArea, null=True)
    legal_form = _related(LegalForm, null=True)
    main_activity = _related(IsicCode, null=True)
    assessed = models.BooleanField()
    # The entity's figures of its latest reference year, and their source.
    figures = _related(EntityFigures, null=True)
    source = _related(Source, null=True)

    class Meta:
        managed = False
        db_table = "report_scope"

    def __str__(self) -> str:
        return f"{self.entity_id} in a report's scope"


def _copy(
    model: type[models.Model], name: str, *, empty: bool
) -> models.Field[Any, Any]:
    """The field `name` of `model` as a column of the scope; `empty` where the row
    may have nothing to copy from (no assessment, no figures)."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    _name, _path, args, kwargs = field.deconstruct()
    if empty:
        kwargs.update(null=True, blank=True)
    kwargs.pop("default", None)
    return type(field)(*args, **kwargs)


for _name in ENTITY_COLUMNS:
    ReportScopeRow.add_to_class(_name, _copy(Entity, _name, empty=False))
for _name in RATING_COLUMNS:
    ReportScopeRow.add_to_class(_name, _copy(PrinciplesAssessment, _name, empty=True))
for _name in PRINCIPLE_COLUMNS.values():
    ReportScopeRow.add_to_class(
        _name, models.CharField(max_length=8, choices=Rating.choices, null=True)
    )
for _name in FIGURES_COLUMNS:
    ReportScopeRow.add_to_class(_name, _copy(EntityFigures, _name, empty=True))
