"""Writing the study records: created and changed by the services, checked before
submission, and moved through review like every reviewed record."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from countries.models import Country
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import (
    ApplicationError,
    ConflictError,
    NotAllowedError,
    NotVisibleError,
)
from surveys.audit import record_history
from surveys.models import (
    AuditEvent,
    FrameCount,
    LegalInstrument,
    StudyMethodology,
    SupportInstitution,
)
from surveys.record_types import missing_for_submission
from surveys.review import workflow
from surveys.study import services
from tests.surveys.study.helpers import (
    count_row,
    first_areas,
    make_frame,
    make_instrument,
    region_of,
)

pytestmark = pytest.mark.django_db


def test_a_consultant_records_an_instrument_as_an_audited_draft(
    kh_consultant: User,
) -> None:
    instrument = make_instrument(kh_consultant)
    assert instrument.workflow_state == WorkflowState.DRAFT
    assert instrument.country_id == "KH"
    event = AuditEvent.objects.get(object_id=instrument.pk, action="created")
    assert event.changes["title_en"] == [None, "Law on Agricultural Cooperatives"]


def test_only_the_countrys_consultants_create_study_records(
    kh_committee: User, th_consultant: User
) -> None:
    with pytest.raises(NotAllowedError):
        make_instrument(kh_committee)
    with pytest.raises(NotVisibleError):
        make_instrument(th_consultant)


def test_a_frame_keeps_its_counts_and_the_history_names_them(
    kh_consultant: User,
) -> None:
    frame = make_frame(kh_consultant)
    assert frame.counts.count() == 2
    event = AuditEvent.objects.get(object_id=frame.pk, action="created")
    assert len(event.changes["counts"][1]) == 2
    assert "Cooperative" in event.changes["counts"][1][0]


def test_a_count_in_a_macro_region_is_accepted(kh_consultant: User) -> None:
    frame = make_frame(
        kh_consultant,
        counts=[count_row(None, macro_region=region_of("KH"), sse_type="ASSOC")],
    )
    assert frame.counts.get().macro_region == region_of("KH")


@pytest.mark.parametrize(
    ("row", "error_key"),
    [
        ({"macro_region": "REGION"}, "counts.0.macro_region"),
        ({"area": None}, "counts.0.area"),
        ({"registered_total": -5}, "counts.0.registered_total"),
        ({"source": "  "}, "counts.0.source"),
        ({"year": 1800}, "counts.0.year"),
        ({"area": "TH"}, "counts.0.area"),
    ],
    ids=["both places", "no place", "negative", "no source", "year", "other country"],
)
def test_a_bad_count_is_refused_and_nothing_is_saved(
    kh_consultant: User, row: dict[str, object], error_key: str
) -> None:
    area = first_areas("KH")[0]
    values = {**count_row(area), **row}
    if values["macro_region"] == "REGION":
        values["macro_region"] = region_of("KH")
    if values["area"] == "TH":
        values["area"] = first_areas("TH")[0]
    with pytest.raises(ApplicationError) as refused:
        make_frame(kh_consultant, counts=[values])
    assert error_key in refused.value.field_errors
    assert not FrameCount.objects.exists()


def test_the_same_type_twice_in_one_place_is_refused(kh_consultant: User) -> None:
    area = first_areas("KH")[0]
    with pytest.raises(ApplicationError) as refused:
        make_frame(kh_consultant, counts=[count_row(area), count_row(area)])
    assert refused.value.field_errors["counts.1.sse_type"] == [
        "Row 1 already counts this SSE type in this place."
    ]


def test_an_edit_from_a_stale_version_is_refused(kh_consultant: User) -> None:
    instrument = make_instrument(kh_consultant)
    services.study_record_update(
        record=instrument,
        by=kh_consultant,
        data={"year": 2014},
        expected_version=1,
    )
    with pytest.raises(ConflictError):
        services.study_record_update(
            record=instrument,
            by=kh_consultant,
            data={"year": 2015},
            expected_version=1,
        )
    assert LegalInstrument.objects.get().year == 2014


def test_an_edit_of_the_counts_replaces_them_and_is_audited(
    kh_consultant: User,
) -> None:
    frame = make_frame(kh_consultant)
    area = first_areas("KH")[0]
    services.study_record_update(
        record=frame,
        by=kh_consultant,
        data={"counts": [count_row(area, registered_total=999)]},
        expected_version=frame.version,
    )
    assert list(frame.counts.values_list("registered_total", flat=True)) == [999]
    frame.refresh_from_db()
    assert frame.version == 2
    changes = AuditEvent.objects.get(object_id=frame.pk, action="updated").changes
    assert len(changes["counts"][0]) == 2
    assert len(changes["counts"][1]) == 1


def test_submission_needs_the_required_fields(kh_consultant: User) -> None:
    country = Country.objects.get(pk="KH")
    bare = services.study_record_create(
        model=SupportInstitution,
        country=country,
        by=kh_consultant,
        data={"name_local": "ក្រសួងកសិកម្ម", "kind": "MINISTRY"},
    )
    assert missing_for_submission(bare) == ["role for the SSE", "kinds of support"]
    with pytest.raises(ApplicationError):
        workflow.record_submit(record=bare, by=kh_consultant)
    methodology = services.study_record_create(
        model=StudyMethodology,
        country=country,
        by=kh_consultant,
        data={"title": "Methodology"},
    )
    assert "limitations" in missing_for_submission(methodology)
    empty_frame = make_frame(kh_consultant, counts=[])
    assert missing_for_submission(empty_frame) == [
        "at least one count by SSE type and place"
    ]


def test_a_frame_moves_through_review_and_an_edit_sends_it_back_to_draft(
    kh_consultant: User, kh_committee: User
) -> None:
    frame = make_frame(kh_consultant)
    workflow.record_submit(record=frame, by=kh_consultant)
    workflow.review_decide(
        record=frame, by=kh_committee, decision="return", comment="Add the year."
    )
    frame.refresh_from_db()
    assert frame.workflow_state == WorkflowState.RETURNED
    workflow.record_submit(record=frame, by=kh_consultant)
    workflow.review_decide(record=frame, by=kh_committee, decision="approve")
    frame.refresh_from_db()
    assert frame.workflow_state == WorkflowState.VALIDATED
    services.study_record_update(
        record=frame,
        by=kh_consultant,
        data={"counts": [count_row(first_areas("KH")[0])]},
        expected_version=frame.version,
    )
    frame.refresh_from_db()
    assert frame.workflow_state == WorkflowState.DRAFT
    actions = [event.action for event in record_history(record=frame)]
    assert "updated" in actions


def test_a_record_with_the_committee_cannot_be_edited(kh_consultant: User) -> None:
    instrument = make_instrument(kh_consultant)
    workflow.record_submit(record=instrument, by=kh_consultant)
    with pytest.raises(ApplicationError):
        services.study_record_update(
            record=instrument,
            by=kh_consultant,
            data={"year": 2000},
            expected_version=None,
        )
