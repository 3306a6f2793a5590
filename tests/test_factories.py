"""Every factory makes a valid row, and each workflow trait the state it names."""

from pathlib import Path
from typing import Any

import factory
import pytest

from countries.vocabularies import WorkflowState
from surveys.models import JobStatus, ReviewDecision
from tests import factories as country_factories
from tests.surveys import factories as survey_factories
from tests.surveys.factories.workflow import WorkflowRecordFactory

pytestmark = pytest.mark.django_db

WORKFLOW_FACTORIES = [
    survey_factories.EntityFactory,
    survey_factories.CaseStudyFactory,
    survey_factories.CapacityGapFactory,
    survey_factories.NationalDefinitionFactory,
]


def _all_factories() -> list[type[factory.django.DjangoModelFactory]]:
    found = []
    for module in (country_factories, survey_factories):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and not value._meta.abstract
            ):
                found.append(value)
    return found


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("model_factory", _all_factories(), ids=lambda f: f.__name__)
def test_each_factory_makes_a_valid_row(
    reference_data: None, model_factory: Any
) -> None:
    made: Any = model_factory()
    made.full_clean(validate_unique=False)
    assert type(made)._default_manager.filter(pk=made.pk).exists()


def test_every_reviewed_record_type_has_a_factory() -> None:
    models = {f._meta.model for f in WORKFLOW_FACTORIES}
    assert all(issubclass(f, WorkflowRecordFactory) for f in WORKFLOW_FACTORIES)
    assert {m.__name__ for m in models} == {
        "Entity",
        "CaseStudy",
        "CapacityGap",
        "NationalDefinition",
    }


@pytest.mark.parametrize("state", WorkflowState.values)
@pytest.mark.parametrize("record_factory", WORKFLOW_FACTORIES, ids=lambda f: f.__name__)
def test_each_workflow_trait_sets_its_state(
    reference_data: None, record_factory: Any, state: str
) -> None:
    record = record_factory(**{state: True})
    assert record.workflow_state == state
    assert (record.submitted_at is None) == (state == WorkflowState.DRAFT)


def test_a_review_decision_belongs_to_its_records_current_round(
    reference_data: None,
) -> None:
    decision = survey_factories.ReviewDecisionFactory(
        decision=ReviewDecision.Decision.RETURN
    )
    entity = survey_factories.EntityFactory._meta.model.objects.get(
        pk=decision.object_id
    )
    assert entity.workflow_state == WorkflowState.IN_REVIEW
    assert decision.round_started_at == entity.submitted_at
    assert decision.country_id == entity.country_id


def test_job_traits_leave_the_status_a_worker_would(reference_data: None) -> None:
    export: Any = survey_factories.ExportJobFactory(done=True)
    failed: Any = survey_factories.ImportJobFactory(failed=True)
    running: Any = survey_factories.ReportFactory(running=True)
    following: Any = survey_factories.ReportFactory()
    regional: Any = survey_factories.ReportFactory(regional=True)
    assert export.is_finished
    assert failed.status == JobStatus.FAILED
    assert running.started_at is not None
    assert following.number == running.number + 1
    assert regional.country_id is None
