"""What every reviewed record's factory shares: a country, authors, and one trait per
workflow state (`EntityFactory(validated=True)`, `CaseStudyFactory(returned=True)`).

The traits only set the state, the submission time and round, as a fixture would; a test of
the transitions themselves goes through `surveys.review.workflow`.
"""

from __future__ import annotations

import factory
from django.utils import timezone

from countries.vocabularies import WorkflowState
from tests.factories import UserFactory


def _submitted(state: str) -> factory.Trait:
    return factory.Trait(
        workflow_state=state,
        submitted_at=factory.LazyFunction(timezone.now),
        review_round=1,
    )


class WorkflowRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    country_id = "KH"
    workflow_state = WorkflowState.DRAFT
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")

    class Params:
        draft = factory.Trait(workflow_state=WorkflowState.DRAFT, submitted_at=None)
        submitted = _submitted(WorkflowState.SUBMITTED)
        in_review = _submitted(WorkflowState.IN_REVIEW)
        validated = _submitted(WorkflowState.VALIDATED)
        returned = _submitted(WorkflowState.RETURNED)
        rejected = _submitted(WorkflowState.REJECTED)
