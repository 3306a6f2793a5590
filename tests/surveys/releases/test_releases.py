"""Accepting a country's validated findings as a release: what it freezes, who may,
and the reports and differences that rest on it.

The Thai fixture is the reports' one (tests/surveys/reports/test_reports.py): three
validated entities, one draft and one submitted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import Http404
from django.utils import timezone

from countries.models import Country
from sse_mapping.exceptions import ApplicationError, ConflictError, NotAllowedError
from surveys.audit import record_history
from surveys.models import Entity, Release, ReleaseRecord, ReleaseState, Report
from surveys.releases import selectors, services
from surveys.releases.diff import CHANGED, differences_summary
from surveys.releases.jobs import release_take
from surveys.reports import services as reports_services
from surveys.reports.country import Scope, country_tables
from surveys.reports.jobs import report_compile
from surveys.review import workflow
from tests.surveys.reports.test_reports import (  # noqa: F401 (a fixture)
    add_figures,
    by_row,
    find,
    thailand,
)

pytestmark = pytest.mark.django_db


def accept(by: User, code: str = "TH") -> Release:
    release = services.release_accept(country=Country.objects.get(pk=code), by=by)
    release_take(release_id=release.pk)
    release.refresh_from_db()
    return release


def members_of(release: Release, entity: Entity) -> Any:
    row = ReleaseRecord.objects.get(
        release=release, record_type="entity", record_id=entity.pk
    )
    return row.data["figures"]["2024"]["members_total"]


def test_accepting_answers_at_once_and_the_worker_takes_the_snapshot(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        release = services.release_accept(
            country=Country.objects.get(pk="TH"), by=staff
        )

    assert release.state == ReleaseState.ACCEPTING
    assert release.label == "TH-1"
    assert len(queued) == 1  # the task is sent once the request's transaction commits
    assert not ReleaseRecord.objects.filter(release=release).exists()

    release_take(release_id=release.pk)

    release.refresh_from_db()
    assert release.state == ReleaseState.ACCEPTED
    assert release.record_counts == {"entity": 3}
    assert release.accepted_by == staff
    assert {r.action for r in record_history(record=release)} == {"release.accepted"}
    assert release.report_tables.count() == 7  # every language a report can be in


def test_the_release_and_its_report_keep_their_numbers_when_a_record_is_reopened_and_edited(
    staff: User,
    th_consultant: User,
    th_committee: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    first = accept(staff)
    ban_suan = thailand["ban_suan"]
    thai = Country.objects.get(pk="TH")
    before = reports_services.report_compile_request(
        by=staff, country=thai, release=first
    )
    report_compile(report_id=before.pk)

    workflow.record_reopen(record=ban_suan, by=staff, reason="members recounted")
    ban_suan.refresh_from_db()
    add_figures(ban_suan, th_consultant, 2024, members_total=80, members_women=50)
    ban_suan.refresh_from_db()
    workflow.record_submit(record=ban_suan, by=th_consultant)
    workflow.review_decide(record=ban_suan, by=th_committee, decision="approve")

    assert members_of(first, ban_suan) == 50
    again = reports_services.report_compile_request(
        by=staff, country=thai, release=first
    )
    report_compile(report_id=again.pk)
    before.refresh_from_db()
    again.refresh_from_db()
    members = [
        by_row(find(r.tables, "members_by_type"))["Total"]["Members"]
        for r in (before, again)
    ]
    assert members == [150, 150]
    draft = country_tables(Scope(thai, timezone.now()))
    assert by_row(find(draft, "members_by_type"))["Total"]["Members"] == 180

    second = accept(staff)
    assert second.label == "TH-2"
    assert members_of(second, ban_suan) == 80
    summary = differences_summary(first, second)
    (change,) = summary.changes
    assert (change.record_id, change.kind) == (ban_suan.pk, CHANGED)
    fields = {f.key: (f.old, f.new) for f in change.fields}
    assert fields["figures.2024.members_total"] == (50, 80)
    assert fields["figures.2024.members_women"] == (30, 50)


def test_the_cover_of_a_report_says_its_release_or_that_it_is_a_draft(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    from surveys.reports.jobs import report_meta

    release = accept(staff)
    thai = Country.objects.get(pk="TH")
    cited = reports_services.report_compile_request(
        by=staff, country=thai, release=release
    )
    assert report_meta(cited)["release_label"] == "TH-1"
    Report.objects.filter(pk=cited.pk).update(status="done")
    draft = reports_services.report_compile_request(by=staff, country=thai)
    assert report_meta(draft)["draft"] is True
    assert report_meta(draft)["release_label"] == "Draft, not released"


def test_a_withdrawn_release_cannot_be_cited_and_withdrawing_needs_a_reason(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    release = accept(staff)
    with pytest.raises(ApplicationError, match="Say why"):
        services.release_withdraw(release=release, by=staff, reason="  ")

    services.release_withdraw(release=release, by=staff, reason="Figures misread")

    release.refresh_from_db()
    assert release.state == ReleaseState.WITHDRAWN
    assert release.withdrawn_by == staff
    assert "release.withdrawn" in {e.action for e in record_history(record=release)}
    with pytest.raises(ApplicationError, match="cannot be cited"):
        reports_services.report_compile_request(
            by=staff, country=release.country, release=release
        )
    with pytest.raises(ApplicationError, match="cannot be withdrawn"):
        services.release_withdraw(release=release, by=staff, reason="again")


def test_only_staff_accept_and_withdraw(
    staff: User,
    th_committee: User,
    th_consultant: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    thai = Country.objects.get(pk="TH")
    for person in (th_committee, th_consultant):
        with pytest.raises(NotAllowedError):
            services.release_accept(country=thai, by=person)
    release = accept(staff)
    with pytest.raises(NotAllowedError):
        services.release_withdraw(release=release, by=th_committee, reason="no")


def test_a_second_acceptance_waits_for_the_first(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    services.release_accept(country=Country.objects.get(pk="TH"), by=staff)
    with pytest.raises(ConflictError, match="still being accepted"):
        services.release_accept(country=Country.objects.get(pk="TH"), by=staff)


def test_others_read_only_their_countrys_accepted_releases(
    staff: User,
    th_committee: User,
    kh_committee: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    release = accept(staff)
    accepting = services.release_accept(country=release.country, by=staff)

    assert selectors.release_get(user=th_committee, pk=release.pk) == release
    assert selectors.release_get(user=staff, pk=accepting.pk) == accepting
    with pytest.raises(Http404):
        selectors.release_get(user=th_committee, pk=accepting.pk)
    with pytest.raises(Http404):
        selectors.release_get(user=kh_committee, pk=release.pk)


def test_the_acceptance_page_lists_what_is_new_changed_and_no_longer_validated(
    staff: User,
    th_consultant: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    thai = Country.objects.get(pk="TH")
    (pending,) = [
        p for p in selectors.pending_changes(country=thai, since=None) if p.total
    ]
    assert (pending.new, pending.changed, pending.gone) == (3, 0, 0)

    release = accept(staff)
    coop, builders = thailand["coop"], thailand["builders"]
    workflow.record_reopen(record=builders, by=staff, reason="check")
    Entity.objects.filter(pk=coop.pk).update(
        version=coop.version + 1, year_established=1986
    )

    (pending,) = [
        p for p in selectors.pending_changes(country=thai, since=release) if p.total
    ]
    assert (pending.new, pending.changed, pending.gone) == (0, 1, 1)
    changed = next(s for s in pending.samples if s.kind == CHANGED)
    assert [(f.key, f.old, f.new) for f in changed.fields] == [
        ("year_established", 1985, 1986)
    ]


def test_money_and_coordinates_are_kept_exactly(
    staff: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    release = accept(staff)
    row = ReleaseRecord.objects.get(
        release=release, record_id=thailand["coop"].pk, record_type="entity"
    )
    assert Decimal(row.data["figures"]["2024"]["turnover"]) == Decimal(5_000_000)


def test_a_released_record_changes_only_after_staff_reopen_it(
    staff: User,
    th_consultant: User,
    thailand: dict[str, Entity],  # noqa: F811
) -> None:
    from surveys.entities import services as entities_services

    coop = thailand["coop"]
    accept(staff)
    coop.refresh_from_db()
    with pytest.raises(ApplicationError, match="Ask staff to reopen it"):
        entities_services.entity_update(
            entity=coop,
            by=th_consultant,
            data={"acronym": "MRAC"},
            expected_version=None,
        )

    workflow.record_reopen(record=coop, by=staff, reason="new acronym")
    coop.refresh_from_db()
    entities_services.entity_update(
        entity=coop, by=th_consultant, data={"acronym": "MRAC"}, expected_version=None
    )
    coop.refresh_from_db()
    assert coop.acronym == "MRAC"
