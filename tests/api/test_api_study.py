"""The study records and a gap's recommendations in the API: created with their rows
nested, checked like on the pages, scoped to the caller's countries."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from surveys.models import CapacityGap, FrameCount, SamplingFrame
from tests.surveys.study.helpers import first_areas, make_frame, make_instrument

pytestmark = pytest.mark.django_db

Client = Callable[[User], APIClient]


def frame_body(*counts: dict[str, object]) -> dict[str, object]:
    return {"country": "KH", "title": "Registered cooperatives", "counts": list(counts)}


def a_count(area_pk: int | None, **values: object) -> dict[str, object]:
    return {
        "sse_type": "COOP",
        "area": area_pk,
        "registered_total": 40,
        "source": "Provincial register",
        "year": 2024,
        **values,
    }


def test_a_script_records_a_frame_with_its_counts_and_submits_it(
    client_for: Client, kh_consultant: User, kh_committee: User
) -> None:
    first, second = first_areas("KH")
    script = client_for(kh_consultant)
    created = script.post(
        "/api/v1/sampling-frames/",
        frame_body(a_count(first.pk), a_count(second.pk, registered_total=7)),
        format="json",
    )
    assert created.status_code == 201, created.json()
    frame = created.json()
    assert [c["registered_total"] for c in frame["counts"]] == [40, 7]
    submitted = script.post(f"/api/v1/sampling-frames/{frame['id']}/submit/")
    assert submitted.json()["workflow_state"] == "submitted"
    decided = client_for(kh_committee).post(
        f"/api/v1/sampling-frames/{frame['id']}/decide/",
        {"decision": "approve"},
        format="json",
    )
    assert decided.json()["workflow_state"] == "validated"


def test_a_count_in_another_countrys_area_is_a_400_naming_the_row(
    client_for: Client, kh_consultant: User
) -> None:
    thai = first_areas("TH")[0]
    answer = client_for(kh_consultant).post(
        "/api/v1/sampling-frames/", frame_body(a_count(thai.pk)), format="json"
    )
    assert answer.status_code == 400
    assert "counts.0.area" in answer.json()["errors"]
    assert not SamplingFrame.objects.exists()


def test_a_count_with_both_places_or_a_negative_total_is_a_400(
    client_for: Client, kh_consultant: User
) -> None:
    area = first_areas("KH")[0]
    script = client_for(kh_consultant)
    from countries.models import MacroRegion

    region = MacroRegion.objects.filter(country_id="KH").first()
    assert region is not None
    both = script.post(
        "/api/v1/sampling-frames/",
        frame_body(a_count(area.pk, macro_region=region.pk)),
        format="json",
    )
    assert both.status_code == 400
    negative = script.post(
        "/api/v1/sampling-frames/",
        frame_body(a_count(area.pk, registered_total=-1)),
        format="json",
    )
    assert negative.status_code == 400
    assert not FrameCount.objects.exists()


def test_another_countrys_study_records_are_not_found(
    client_for: Client, kh_consultant: User, th_consultant: User
) -> None:
    instrument = make_instrument(kh_consultant)
    frame = make_frame(kh_consultant)
    thai = client_for(th_consultant)
    assert thai.get(f"/api/v1/legal-instruments/{instrument.pk}/").status_code == 404
    assert thai.get(f"/api/v1/sampling-frames/{frame.pk}/").status_code == 404
    assert thai.get("/api/v1/legal-instruments/").json()["count"] == 0
    patched = thai.patch(
        f"/api/v1/sampling-frames/{frame.pk}/", {"title": "x"}, format="json"
    )
    assert patched.status_code == 404


def test_a_committee_member_reads_but_does_not_write(
    client_for: Client, kh_consultant: User, kh_committee: User
) -> None:
    instrument = make_instrument(kh_consultant)
    committee = client_for(kh_committee)
    assert (
        committee.get(f"/api/v1/legal-instruments/{instrument.pk}/").status_code == 200
    )
    refused = committee.post(
        "/api/v1/legal-instruments/",
        {"country": "KH", "title_local": "x", "kind": "LAW"},
        format="json",
    )
    assert refused.status_code == 403


def test_a_stale_change_is_a_409(client_for: Client, kh_consultant: User) -> None:
    instrument = make_instrument(kh_consultant)
    script = client_for(kh_consultant)
    first = script.patch(
        f"/api/v1/legal-instruments/{instrument.pk}/",
        {"year": 2014, "version": 1},
        format="json",
    )
    assert first.status_code == 200
    stale = script.patch(
        f"/api/v1/legal-instruments/{instrument.pk}/",
        {"year": 2015, "version": 1},
        format="json",
    )
    assert stale.status_code == 409


def test_institutions_and_methodology_are_filtered_and_created(
    client_for: Client, kh_consultant: User
) -> None:
    script = client_for(kh_consultant)
    made = script.post(
        "/api/v1/support-institutions/",
        {
            "country": "KH",
            "name_local": "ធនាគារអភិវឌ្ឍន៍ជនបទ",
            "name_en": "Agricultural and Rural Development Bank",
            "kind": "FINANCE",
            "support_kinds": ["FINANCE"],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert (
        script.get("/api/v1/support-institutions/?support_kind=FINANCE").json()["count"]
        == 1
    )
    assert (
        script.get("/api/v1/support-institutions/?support_kind=TRAINING").json()[
            "count"
        ]
        == 0
    )
    methodology = script.post(
        "/api/v1/methodology/",
        {
            "country": "KH",
            "title": "Methodology",
            "period_start": "2025-03-01",
            "period_end": "2025-01-01",
        },
        format="json",
    )
    assert methodology.status_code == 400


def test_a_gaps_recommendations_are_nested_and_writable(
    client_for: Client, kh_consultant: User
) -> None:
    script = client_for(kh_consultant)
    created = script.post(
        "/api/v1/capacity-gaps/",
        {
            "country": "KH",
            "title": "No harvest credit",
            "category": "FINANCE",
            "recommendations": [
                {"actor": "GOVERNMENT", "text": "A harvest credit line."},
                {"actor": "SSE", "text": "Pool the paddy in one store."},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    gap = created.json()
    assert [r["actor"] for r in gap["recommendations"]] == ["GOVERNMENT", "SSE"]
    changed = script.patch(
        f"/api/v1/capacity-gaps/{gap['id']}/",
        {"recommendations": [{"actor": "ALL", "text": "Talk to each other."}]},
        format="json",
    )
    assert changed.status_code == 200
    assert changed.json()["recommendations"] == [
        {"actor": "ALL", "text": "Talk to each other."}
    ]
    bad = script.patch(
        f"/api/v1/capacity-gaps/{gap['id']}/",
        {"recommendations": [{"actor": "NOBODY", "text": "x"}]},
        format="json",
    )
    assert bad.status_code == 400
    assert CapacityGap.objects.get().recommendations.count() == 1


def queries_for(client: APIClient, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_lists_take_as_many_queries_for_one_record_as_for_many(
    client_for: Client, kh_consultant: User
) -> None:
    from countries.models import Country
    from surveys.records import services as records_services

    script = client_for(kh_consultant)

    def gap() -> None:
        records_services.record_create(
            model=CapacityGap,
            country=Country.objects.get(pk="KH"),
            by=kh_consultant,
            data={
                "title": "Gap",
                "category": "FINANCE",
                "recommendations": [{"actor": "SSE", "text": "Do it."}],
            },
        )

    make_frame(kh_consultant)
    make_instrument(kh_consultant)
    gap()
    script.get("/api/v1/me/")  # the token's first use is written down once
    one = {
        url: queries_for(script, url)
        for url in (
            "/api/v1/sampling-frames/",
            "/api/v1/legal-instruments/",
            "/api/v1/capacity-gaps/",
        )
    }
    for _ in range(3):
        make_frame(kh_consultant)
        make_instrument(kh_consultant)
        gap()
    assert {url: queries_for(script, url) for url in one} == one
