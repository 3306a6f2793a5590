"""RECORD_TYPES: every reviewed record type is one row, and every row is scoped to the user."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import Http404
from django.urls import reverse

from countries.models import Country
from surveys import record_types
from surveys.entities import services as entities_services
from surveys.models import WorkflowRecord
from surveys.record_types import RECORD_TYPES, record_type_of
from surveys.records import services as records_services
from surveys.study import services as study_services

pytestmark = pytest.mark.django_db


STUDY_DATA: dict[str, dict[str, Any]] = {
    "legal_instrument": {"title_local": "Law on cooperatives", "kind": "LAW"},
    "support_institution": {"name_local": "Ministry", "kind": "MINISTRY"},
    "sampling_frame": {"title": "Registered cooperatives"},
    "study_methodology": {"title": "Methodology"},
}


def _make(kind: str, by: User, country: str) -> WorkflowRecord:
    where = Country.objects.get(pk=country)
    if kind == "entity":
        return entities_services.entity_create(
            country=where,
            by=by,
            data={"name_en": f"Cooperative in {country}", "sse_type": "COOP"},
        )
    if kind == "national_definition":
        return records_services.national_definition_create(
            country=where, by=by, data={}
        )
    if kind in STUDY_DATA:
        return study_services.study_record_create(
            model=RECORD_TYPES[kind].model,
            country=where,
            by=by,
            data=STUDY_DATA[kind],
        )
    data: dict[str, Any] = {"title": f"{kind} in {country}"}
    if kind == "capacity_gap":
        data["category"] = "FINANCE"
    return records_services.record_create(  # type: ignore[return-value]
        model=RECORD_TYPES[kind].model, country=where, by=by, data=data
    )


def test_there_is_one_row_per_reviewed_record_type() -> None:
    assert list(RECORD_TYPES) == [
        "entity",
        "case_study",
        "capacity_gap",
        "national_definition",
        "legal_instrument",
        "support_institution",
        "sampling_frame",
        "study_methodology",
    ]
    for name, kind in RECORD_TYPES.items():
        assert kind.name == name
        assert record_type_of(kind.model) is kind


@pytest.mark.parametrize("name", list(RECORD_TYPES))
def test_each_rows_selectors_show_only_the_users_countries(
    name: str, kh_consultant: User, th_consultant: User
) -> None:
    kind = RECORD_TYPES[name]
    in_kh = _make(name, kh_consultant, "KH")
    in_th = _make(name, th_consultant, "TH")

    listed = set(kind.list_selector(user=kh_consultant).values_list("pk", flat=True))

    assert in_kh.pk in listed
    assert in_th.pk not in listed
    assert kind.get_selector(user=kh_consultant, pk=in_kh.pk).pk == in_kh.pk
    with pytest.raises(Http404):
        kind.get_selector(user=kh_consultant, pk=in_th.pk)
    with pytest.raises(Http404):
        record_types.workflow_record_get(
            user=kh_consultant, record_type=name, pk=in_th.pk
        )


def test_an_unknown_record_type_is_not_found(kh_consultant: User) -> None:
    with pytest.raises(Http404):
        record_types.workflow_record_get(
            user=kh_consultant, record_type="meeting", pk=1
        )


@pytest.mark.parametrize("name", list(RECORD_TYPES))
def test_each_rows_pages_exist(name: str) -> None:
    kind = RECORD_TYPES[name]
    assert reverse(kind.detail_url_name, args=[1])
    assert reverse(kind.edit_url_name, args=[1])


def test_a_new_record_lists_what_it_needs_before_submission(
    kh_consultant: User,
) -> None:
    missing = {
        name: record_types.missing_for_submission(_make(name, kh_consultant, "KH"))
        for name in RECORD_TYPES
    }

    assert missing["case_study"] == ["gender analysis", "summary"]
    assert missing["capacity_gap"] == ["evidence"]
    assert missing["national_definition"] == ["definition text"]
    assert missing["legal_instrument"] == ["year", "summary", "SSE types concerned"]
    assert missing["sampling_frame"] == ["at least one count by SSE type and place"]
    assert missing["entity"][:2] == ["first-level area", "registration status"]
    assert missing["entity"][-1] == "the principles assessment"


def test_a_required_field_is_met_by_any_of_its_alternatives(
    kh_consultant: User,
) -> None:
    definition = _make("national_definition", kh_consultant, "KH")
    definition.text_local = "  "
    assert record_types.missing_for_submission(definition) == ["definition text"]
    definition.text_local = "Définition"
    assert record_types.missing_for_submission(definition) == []


@pytest.mark.parametrize("name", list(RECORD_TYPES))
def test_reviewers_see_no_bookkeeping_fields(name: str) -> None:
    keys = [key for key, _label in RECORD_TYPES[name].reviewable_fields()]
    assert keys
    assert not {"version", "workflow_state", "created_by", "country"} & set(keys)
    assert not any(key.startswith("flag_") for key in keys)
