"""The study record pages: who sees and writes what, the frame's counts and a gap's
recommendations edited as rows, and bad rows shown back with what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from countries.models import Country, MacroRegion
from surveys.models import (
    CapacityGap,
    FrameCount,
    LegalInstrument,
    Recommendation,
    SamplingFrame,
)
from surveys.records import services as records_services
from tests.surveys.study.helpers import first_areas, make_frame, make_instrument

pytestmark = pytest.mark.django_db

KINDS = (
    "legal-instrument",
    "support-institution",
    "sampling-frame",
    "study-methodology",
)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(prefix: str, *items: dict[str, Any], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(initial),
    }
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def frame_post(*counts: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"title": "Registered cooperatives", **fields, **rows("counts", *counts)}


def a_count(**values: Any) -> dict[str, Any]:
    return {
        "sse_type": "COOP",
        "area": "",
        "macro_region": "",
        "registered_total": "150",
        "source": "Provincial department register",
        "year": "2024",
        **values,
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_list_and_form_opens_for_the_countrys_consultant(
    kh_consultant: User, kind: str
) -> None:
    client = signed_in(kh_consultant)
    listing = client.get(reverse(f"{kind}-list", args=["KH"]))
    assert listing.status_code == 200
    assert reverse(f"{kind}-create", args=["KH"]) in listing.content.decode()
    assert client.get(reverse(f"{kind}-create", args=["KH"])).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_another_countrys_pages_are_not_found(th_consultant: User, kind: str) -> None:
    client = signed_in(th_consultant)
    assert client.get(reverse(f"{kind}-list", args=["KH"])).status_code == 404
    assert client.get(reverse(f"{kind}-create", args=["KH"])).status_code == 404


def test_another_countrys_records_are_not_found(
    kh_consultant: User, th_consultant: User
) -> None:
    instrument = make_instrument(kh_consultant)
    frame = make_frame(kh_consultant)
    client = signed_in(th_consultant)
    for url in (
        reverse("legal-instrument-detail", args=[instrument.pk]),
        reverse("legal-instrument-edit", args=[instrument.pk]),
        reverse("sampling-frame-detail", args=[frame.pk]),
        reverse("sampling-frame-edit", args=[frame.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_committee_member_reads_but_may_not_add(
    kh_consultant: User, kh_committee: User
) -> None:
    instrument = make_instrument(kh_consultant)
    client = signed_in(kh_committee)
    detail = client.get(reverse("legal-instrument-detail", args=[instrument.pk]))
    assert detail.status_code == 200
    assert "Law on Agricultural Cooperatives" in detail.content.decode()
    listing = client.get(reverse("legal-instrument-list", args=["KH"]))
    assert (
        reverse("legal-instrument-create", args=["KH"]) not in listing.content.decode()
    )
    assert (
        client.get(reverse("legal-instrument-create", args=["KH"])).status_code == 403
    )
    assert (
        client.get(reverse("legal-instrument-edit", args=[instrument.pk])).status_code
        == 403
    )


def test_a_consultant_adds_an_instrument_through_the_form(kh_consultant: User) -> None:
    answer = signed_in(kh_consultant).post(
        reverse("legal-instrument-create", args=["KH"]),
        {
            "title_local": "ច្បាប់ស្តីពីសហករណ៍កសិកម្ម",
            "title_en": "Law on Agricultural Cooperatives",
            "kind": "LAW",
            "year": "2013",
            "status": "IN_FORCE",
            "sse_types": ["COOP"],
            "summary": "Registration and governance.",
        },
    )
    instrument = LegalInstrument.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse(
        "legal-instrument-detail", args=[instrument.pk]
    )
    assert instrument.sse_types == ["COOP"]
    assert instrument.created_by == kh_consultant


def test_the_list_filters_by_kind_and_sse_type(kh_consultant: User) -> None:
    make_instrument(kh_consultant, title_en="The cooperative law")
    make_instrument(
        kh_consultant,
        title_en="The social enterprise policy",
        kind="POLICY",
        sse_types=["SE"],
    )
    client = signed_in(kh_consultant)
    url = reverse("legal-instrument-list", args=["KH"])
    policies = client.get(url, {"kind": "POLICY"}).content.decode()
    assert "The social enterprise policy" in policies
    assert "The cooperative law" not in policies
    coops = client.get(url, {"sse_type": "COOP"}).content.decode()
    assert "The cooperative law" in coops
    assert "The social enterprise policy" not in coops


def test_a_frame_is_saved_with_two_counts_from_its_form(kh_consultant: User) -> None:
    first, second = first_areas("KH")
    answer = signed_in(kh_consultant).post(
        reverse("sampling-frame-create", args=["KH"]),
        frame_post(
            a_count(area=str(first.pk)),
            a_count(area=str(second.pk), sse_type="ASSOC", registered_total="12"),
        ),
    )
    assert answer.status_code == 302
    frame = SamplingFrame.objects.get()
    assert sorted(frame.counts.values_list("registered_total", flat=True)) == [12, 150]
    detail = signed_in(kh_consultant).get(answer["Location"]).content.decode()
    assert first.name_en in detail
    assert "Provincial department register" in detail


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ({"macro_region": "REGION"}, "not both"),
        ({"area": ""}, "Give the first-level area or the macro-region."),
        ({"registered_total": "-3"}, "greater than or equal to 0"),
        ({"area": "TH"}, "Select a valid choice"),
    ],
    ids=["both places", "no place", "negative", "other country"],
)
def test_a_bad_count_is_shown_on_its_row_and_keeps_what_was_typed(
    kh_consultant: User, count: dict[str, str], message: str
) -> None:
    area = first_areas("KH")[0]
    values = a_count(**{"area": str(area.pk), "source": "Typed by hand", **count})
    if values["macro_region"] == "REGION":
        region = MacroRegion.objects.filter(country_id="KH").first()
        assert region is not None
        values["macro_region"] = str(region.pk)
    if values["area"] == "TH":
        values["area"] = str(first_areas("TH")[0].pk)
    answer = signed_in(kh_consultant).post(
        reverse("sampling-frame-create", args=["KH"]),
        frame_post(values, title="A frame typed once"),
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert message in page
    assert 'value="Typed by hand"' in page
    assert 'value="A frame typed once"' in page
    assert not SamplingFrame.objects.exists()
    assert not FrameCount.objects.exists()


def test_a_duplicate_count_is_shown_on_the_second_row(kh_consultant: User) -> None:
    area = first_areas("KH")[0]
    answer = signed_in(kh_consultant).post(
        reverse("sampling-frame-create", args=["KH"]),
        frame_post(a_count(area=str(area.pk)), a_count(area=str(area.pk))),
    )
    assert answer.status_code == 400
    assert (
        "Row 1 already counts this SSE type in this place." in answer.content.decode()
    )
    assert not SamplingFrame.objects.exists()


def test_editing_a_frame_shows_its_counts_and_deletes_a_row(
    kh_consultant: User,
) -> None:
    frame = make_frame(kh_consultant)
    client = signed_in(kh_consultant)
    form = client.get(reverse("sampling-frame-edit", args=[frame.pk])).content.decode()
    assert 'value="120"' in form and 'value="80"' in form
    first, second = first_areas("KH")
    answer = client.post(
        reverse("sampling-frame-edit", args=[frame.pk]),
        {
            "title": frame.title,
            "version": str(frame.version),
            **rows(
                "counts",
                a_count(
                    area=str(first.pk),
                    registered_total="120",
                    source="Ministry register",
                ),
                a_count(area=str(second.pk), registered_total="80", DELETE="on"),
                initial=2,
            ),
        },
    )
    assert answer.status_code == 302
    assert list(frame.counts.values_list("registered_total", flat=True)) == [120]


def test_a_stale_frame_edit_is_a_409_that_keeps_the_typed_title(
    kh_consultant: User,
) -> None:
    frame = make_frame(kh_consultant)
    client = signed_in(kh_consultant)
    post = {"title": "My new title", "version": "1"}
    SamplingFrame.objects.filter(pk=frame.pk).update(version=2)
    answer = client.post(reverse("sampling-frame-edit", args=[frame.pk]), post)
    assert answer.status_code == 409
    assert 'value="My new title"' in answer.content.decode()


def make_gap(by: User) -> CapacityGap:
    return records_services.record_create(  # type: ignore[return-value]
        model=CapacityGap,
        country=Country.objects.get(pk="KH"),
        by=by,
        data={
            "title": "No harvest credit",
            "category": "FINANCE",
            "recommendations": [
                {"actor": "SSE", "text": "Pool the paddy."},
                {"actor": "GOVERNMENT", "text": "A harvest credit line."},
                {"actor": "SSE", "text": "Keep stock records."},
            ],
        },
    )


def test_a_gaps_page_groups_its_recommendations_by_actor(kh_consultant: User) -> None:
    gap = make_gap(kh_consultant)
    page = signed_in(kh_consultant).get(reverse("capacity-gap-detail", args=[gap.pk]))
    text = page.content.decode()
    section = text[text.index('data-testid="recommendations"') :]
    assert section.index("Government") < section.index("A harvest credit line.")
    assert section.index("SSE organisations") < section.index("Pool the paddy.")
    assert section.index("Pool the paddy.") < section.index("Keep stock records.")
    assert section.index("A harvest credit line.") < section.index("SSE organisations")


def test_a_gaps_recommendations_are_edited_as_rows(kh_consultant: User) -> None:
    gap = make_gap(kh_consultant)
    client = signed_in(kh_consultant)
    form = client.get(reverse("capacity-gap-edit", args=[gap.pk])).content.decode()
    assert "Keep stock records." in form
    answer = client.post(
        reverse("capacity-gap-edit", args=[gap.pk]),
        {
            "title": gap.title,
            "category": "FINANCE",
            "severity": "2",
            "version": str(gap.version),
            **rows(
                "recommendations",
                {"actor": "WORKERS", "text": "Organise the porters."},
                {"actor": "", "text": "A row without an actor"},
            ),
        },
    )
    page = answer.content.decode()
    assert answer.status_code == 400
    assert "A row without an actor" in page
    assert list(Recommendation.objects.values_list("text", flat=True)) == [
        "Pool the paddy.",
        "A harvest credit line.",
        "Keep stock records.",
    ]
    answer = client.post(
        reverse("capacity-gap-edit", args=[gap.pk]),
        {
            "title": gap.title,
            "category": "FINANCE",
            "severity": "2",
            "version": str(gap.version),
            **rows("recommendations", {"actor": "WORKERS", "text": "Organise."}),
        },
    )
    assert answer.status_code == 302
    assert list(Recommendation.objects.values_list("actor", "text")) == [
        ("WORKERS", "Organise.")
    ]


def test_the_review_page_shows_a_frames_counts(
    kh_consultant: User, kh_committee: User
) -> None:
    from surveys.review import workflow

    frame = make_frame(kh_consultant)
    workflow.record_submit(record=frame, by=kh_consultant)
    page = signed_in(kh_committee).get(
        reverse("record-review", args=["sampling_frame", frame.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Counts by SSE type and place" in text
    assert "Ministry register, 2024" in text


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_page_takes_as_many_queries_for_one_record_as_for_many(
    kh_consultant: User, kind: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from surveys.models import StudyMethodology, SupportInstitution
    from surveys.study import services

    def add() -> None:
        country = Country.objects.get(pk="KH")
        if kind == "legal-instrument":
            make_instrument(kh_consultant)
        elif kind == "sampling-frame":
            make_frame(kh_consultant)
        elif kind == "support-institution":
            services.study_record_create(
                model=SupportInstitution,
                country=country,
                by=kh_consultant,
                data={"name_local": "Ministry", "kind": "MINISTRY"},
            )
        else:
            services.study_record_create(
                model=StudyMethodology,
                country=country,
                by=kh_consultant,
                data={"title": "Methodology"},
            )

    client = signed_in(kh_consultant)
    url = reverse(f"{kind}-list", args=["KH"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add()
    one = queries()
    for _ in range(3):
        add()
    assert queries() == one
