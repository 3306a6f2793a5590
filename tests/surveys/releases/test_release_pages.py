"""The release pages and /api/v1/releases/: who sees and does what."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from surveys.models import Entity, Release, ReleaseState, Report
from surveys.releases.jobs import release_take
from tests.surveys.releases.test_releases import accept
from tests.surveys.reports.test_reports import (  # noqa: F401 (a fixture)
    thailand,
)

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_json(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_staff_see_what_is_new_and_accept_it_as_the_next_release(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    client = client_for(staff)
    page = client.get("/countries/TH/releases/accept/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Accept as release TH-1" in text
    assert "Ban Suan Community Enterprise" in text
    assert "3 new" in text

    answer = client.post("/countries/TH/releases/accept/", follow=True)

    release = Release.objects.get()
    assert answer.redirect_chain[-1][0] == f"/releases/{release.pk}/"
    assert release.state == ReleaseState.ACCEPTING  # the worker has not run yet
    assert "data-report-progress" in answer.content.decode()
    release_take(release_id=release.pk)
    done = client.get(f"/releases/{release.pk}/").content.decode()
    assert "Compile the report from TH-1" in done
    assert "Entities: <strong>3</strong>" in done


def test_the_committee_reads_accepted_releases_but_cannot_accept_or_withdraw(
    staff: User,
    th_committee: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    release = accept(staff)
    client = client_for(th_committee)
    assert client.get(f"/releases/{release.pk}/").status_code == 200
    assert client.get("/countries/TH/releases/").status_code == 200
    assert (
        "prepare-release" not in client.get("/countries/TH/releases/").content.decode()
    )
    assert client.get("/countries/TH/releases/accept/").status_code == 403
    assert client.post("/countries/TH/releases/accept/").status_code == 403
    refused = client.post(f"/releases/{release.pk}/withdraw/", {"reason": "no"})
    assert refused.status_code == 403
    api = post_json(client, "/api/v1/releases/accept/", {"country": "TH"})
    assert api.status_code == 403


def test_another_countrys_release_is_not_found_on_pages_and_in_the_api(
    staff: User,
    kh_committee: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    release = accept(staff)
    client = client_for(kh_committee)
    for url in (
        f"/releases/{release.pk}/",
        f"/releases/{release.pk}/differences/",
        f"/releases/{release.pk}/progress/",
        f"/api/v1/releases/{release.pk}/",
        f"/api/v1/releases/{release.pk}/differences/",
        "/countries/TH/releases/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/releases/{release.pk}/withdraw/").status_code == 404
    assert client.get("/api/v1/releases/").json()["results"] == []
    assert (
        post_json(client, "/api/v1/releases/accept/", {"country": "TH"}).status_code
        == 404
    )


def test_the_api_accepts_at_once_lists_withdraws_and_tells_the_differences(
    staff: User,
    th_committee: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    client = client_for(staff)
    queued = post_json(client, "/api/v1/releases/accept/", {"country": "TH"})
    assert queued.status_code == 202
    assert (queued.json()["label"], queued.json()["state"]) == ("TH-1", "accepting")
    pk = queued.json()["id"]
    assert client_for(th_committee).get(f"/api/v1/releases/{pk}/").status_code == 404
    release_take(release_id=pk)

    found = client_for(th_committee).get("/api/v1/releases/").json()["results"]
    assert [(r["label"], r["state"], r["record_counts"]) for r in found] == [
        ("TH-1", "accepted", {"entity": 3})
    ]
    differences = client.get(f"/api/v1/releases/{pk}/differences/").json()
    assert differences["previous"] is None
    assert differences["counts"] == {"added": 3, "removed": 0, "changed": 0}
    bad = client.get(f"/api/v1/releases/{pk}/differences/?record_type=nope")
    assert bad.status_code == 400

    no_reason = post_json(client, f"/api/v1/releases/{pk}/withdraw/", {"reason": " "})
    assert no_reason.status_code == 400
    withdrawn = post_json(
        client, f"/api/v1/releases/{pk}/withdraw/", {"reason": "Wrong figures"}
    )
    assert withdrawn.json()["state"] == "withdrawn"
    assert withdrawn.json()["withdrawn_reason"] == "Wrong figures"


def test_a_report_compiled_from_a_release_cites_it_and_a_draft_says_so(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    release = accept(staff)
    client = client_for(staff)
    page = client.get("/countries/TH/reports/").content.decode()
    assert "From release TH-1" in page
    assert "Working draft (current validated state)" in page

    client.post("/countries/TH/reports/", {"release": release.pk, "language": "en"})
    Report.objects.update(status="done")
    client.post("/countries/TH/reports/", {"release": "", "language": "en"})

    cited, draft = Report.objects.order_by("number")
    assert cited.release == release
    assert draft.release is None
    listing = client.get("/countries/TH/reports/").content.decode()
    assert "Draft, not released" in listing
    api = client.get(f"/api/v1/reports/{cited.pk}/").json()
    assert api["release"] == "TH-1"


def test_the_differences_page_shows_each_changed_field_old_and_new(
    staff: User,
    th_consultant: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    from surveys.review import workflow
    from tests.surveys.reports.test_reports import add_figures, validate

    accept(staff)
    ban_suan = thailand["ban_suan"]
    workflow.record_reopen(record=ban_suan, by=staff, reason="recount")
    ban_suan.refresh_from_db()
    add_figures(ban_suan, th_consultant, 2024, members_total=80, members_women=50)
    validate(ban_suan)
    second = accept(staff)

    page = client_for(staff).get(f"/releases/{second.pk}/differences/")

    text = page.content.decode()
    assert "From TH-1 to TH-2" in text
    assert "0 added" in text and "1 changed" in text
    assert "2024: Members: total" in text
    assert "<del>50</del>" in text and "<ins>80</ins>" in text
