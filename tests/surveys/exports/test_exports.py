"""Exports: what each format holds, read back by parsing it, and who may have it."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from countries.models import AdminArea, Country, IsicCode, LegalForm, Membership
from countries.vocabularies import SseType, WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.entities import services as entities_services
from surveys.exports import export_expire, export_file, export_request, export_run
from surveys.exports.services import export_entities
from surveys.exports.writers import csv as csv_writer
from surveys.exports.writers.context import ExportContext
from surveys.exports.writers.csv import write_csv, write_csv_copy
from surveys.jobs.runner import private_path
from surveys.models import Entity, ExportJob, JobStatus, Source
from surveys.records import services as records_services
from surveys.spreadsheet import EXPORT_COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def area(code: str) -> AdminArea:
    return AdminArea.objects.get(code=code)


def make_entity(
    by: User,
    *,
    state: str = WorkflowState.VALIDATED,
    country: str = "KH",
    figures: dict[int, dict[str, Any]] | None = None,
    **data: Any,
) -> Entity:
    entity = entities_services.entity_create(
        country=Country.objects.get(code=country),
        by=by,
        data={"sse_type": SseType.COOP, **data},
    )
    for year, values in (figures or {}).items():
        entities_services.figures_save(
            entity=entity,
            by=by,
            reference_year=year,
            data=values,
            expected_version=None,
        )
    Entity.objects.filter(pk=entity.pk).update(workflow_state=state)
    return Entity.objects.get(pk=entity.pk)


@pytest.fixture
def cooperative(kh_consultant: User) -> Entity:
    source = records_services.source_create(
        country=Country.objects.get(code="KH"),
        by=kh_consultant,
        data={"kind": "SURVEY", "title": "Mapping survey 2024", "year": 2024},
    )
    return make_entity(
        kh_consultant,
        name_en="=HYPERLINK(evil) Rice Cooperative",
        name_local="សហគមន៍កសិកម្មបាត់ដំបង",
        area=area("KH-2"),
        other_areas=[area("KH-3"), area("KH-10")],
        sse_type="COOP",
        coop_member_type="PRODUCER",
        legal_form=LegalForm.objects.get(code="KH_AC"),
        registration_status="REG_SSE_LAW",
        main_activity=IsicCode.objects.get(code="01"),
        other_activities=["03", "41"],
        target_groups=["WOMEN", "YOUTH"],
        latitude=Decimal("13.095612"),
        longitude=Decimal("103.202213"),
        geo_precision="VILLAGE",
        visibility="PUBLIC",
        year_established=2005,
        figures={
            2023: {"members_total": 40, "members_women": 25, "members_men": 15},
            2024: {
                "members_total": 52,
                "members_women": 30,
                "members_men": 20,
                "employees_total": 3,
                "source": source,
                "turnover": Decimal("1250000.50"),
                "currency": "KHR",
            },
        },
    )


@pytest.fixture
def draft(kh_consultant: User) -> Entity:
    return make_entity(
        kh_consultant,
        state=WorkflowState.DRAFT,
        name_en="Draft savings group",
        area=area("KH-2"),
        sse_type="SHG",
    )


def run(
    user: User, country: str = "KH", format: str = "csv", **options: Any
) -> ExportJob:
    job = export_request(
        user=user,
        country=Country.objects.get(code=country),
        format=format,
        **options,
    )
    export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job


def csv_rows(job: ExportJob) -> list[dict[str, str]]:
    path, _name = export_file(job)
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


# --- CSV --------------------------------------------------------------------------------


def test_the_csv_holds_validated_records_as_codes_with_neutralised_text(
    kh_consultant: User, cooperative: Entity, draft: Entity
) -> None:
    job = run(kh_consultant)

    rows = csv_rows(job)

    assert [r["entity_code"] for r in rows] == [cooperative.code]
    row = rows[0]
    assert row["name_en"] == "'=HYPERLINK(evil) Rice Cooperative"
    assert row["name_local"] == "សហគមន៍កសិកម្មបាត់ដំបង"
    assert row["sse_type"] == "COOP"
    assert row["legal_form"] == "KH_AC"
    assert row["area"] == "KH-2"
    assert row["other_areas"] == "KH-10;KH-3"
    assert row["other_activities"] == "03;41"
    assert row["target_groups"] == "WOMEN;YOUTH"
    assert row["priority_sectors"] == "FARM_SMALL;CONSTRUCTION"
    assert row["latitude"] == "13.095612"
    assert row["workflow_state"] == "validated"
    assert job.row_count == 1
    assert job.file_size == export_file(job)[0].stat().st_size


def test_one_row_per_entity_carries_the_latest_figures(
    kh_consultant: User, cooperative: Entity
) -> None:
    (row,) = csv_rows(run(kh_consultant))

    assert row["reference_year"] == "2024"
    assert row["members_total"] == "52"
    assert row["source"] == "Mapping survey 2024"
    assert row["turnover"] == "1250000.50"
    assert row["currency"] == "KHR"


def test_one_row_per_entity_and_year_when_asked(
    kh_consultant: User, cooperative: Entity
) -> None:
    rows = csv_rows(run(kh_consultant, per_year=True))

    assert [(r["reference_year"], r["members_total"]) for r in rows] == [
        ("2023", "40"),
        ("2024", "52"),
    ]
    assert {r["name_local"] for r in rows} == {cooperative.name_local}


def test_the_entity_list_filters_choose_what_is_exported(
    kh_consultant: User, cooperative: Entity
) -> None:
    make_entity(kh_consultant, name_en="Weavers association", sse_type="ASSOC")

    rows = csv_rows(run(kh_consultant, filters={"sse_type": "ASSOC"}))

    assert [r["name_en"] for r in rows] == ["Weavers association"]


def test_staff_may_include_unvalidated_records_and_each_row_says_its_state(
    staff: User, cooperative: Entity, draft: Entity
) -> None:
    rows = csv_rows(run(staff, include_unvalidated=True))

    states = {r["entity_code"]: r["workflow_state"] for r in rows}
    assert states == {cooperative.code: "validated", draft.code: "draft"}


def test_a_consultant_cannot_include_unvalidated_records(
    kh_consultant: User, draft: Entity
) -> None:
    with pytest.raises(NotAllowedError):
        export_request(
            user=kh_consultant,
            country=Country.objects.get(code="KH"),
            format="csv",
            include_unvalidated=True,
        )


def test_a_committee_member_exports_only_their_own_country(
    kh_committee: User, cooperative: Entity
) -> None:
    assert len(csv_rows(run(kh_committee))) == 1

    with pytest.raises(NotAllowedError):
        export_request(
            user=kh_committee, country=Country.objects.get(code="TH"), format="csv"
        )


def test_an_unknown_filter_value_is_refused_with_its_field(
    kh_consultant: User,
) -> None:
    with pytest.raises(ApplicationError) as refused:
        export_request(
            user=kh_consultant,
            country=Country.objects.get(code="KH"),
            format="csv",
            filters={"sse_type": "SPACESHIP"},
        )

    assert "sse_type" in refused.value.field_errors


def test_an_export_whose_requester_lost_the_country_fails_and_says_why(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = export_request(
        user=kh_consultant, country=Country.objects.get(code="KH"), format="csv"
    )
    Membership.objects.filter(user=kh_consultant).delete()

    export_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "can no longer export" in job.error
    exports = private_path("exports")
    assert not exports.exists() or not any(exports.rglob("export-*"))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY exists on PostgreSQL only"
)
@pytest.mark.parametrize("per_year", [False, True])
def test_copy_on_postgresql_writes_the_same_bytes_as_the_python_writer(
    kh_consultant: User, cooperative: Entity, draft: Entity, per_year: bool
) -> None:
    make_entity(
        kh_consultant,
        name_en='Quotes "and", commas',
        purpose="lines\nand\rreturns",
        area=area("KH-2"),
    )
    context = ExportContext(
        country=Country.objects.get(code="KH"),
        requested_by="t",
        requested_at=timezone.now(),
        filters=[],
        include_unvalidated=True,
        per_year=per_year,
        entity_count=3,
    )
    python, copy = io.BytesIO(), io.BytesIO()
    entities = Entity.objects.filter(country="KH")

    rows_python = write_csv(entities, python, context)
    rows_copy = write_csv_copy(entities, copy, context)

    assert rows_python == rows_copy
    assert python.getvalue() == copy.getvalue()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY exists on PostgreSQL only"
)
def test_a_filtered_copy_export_reads_only_its_country_and_matches_python(
    staff: User, th_consultant: User, cooperative: Entity, draft: Entity
) -> None:
    make_entity(
        th_consultant,
        country="TH",
        name_en="Thai cooperative",
        sse_type="COOP",
        area=AdminArea.objects.filter(country="TH", level=1).first(),
        figures={2024: {"members_total": 9}},
    )
    job = ExportJob(
        country=Country.objects.get(code="KH"),
        format=ExportJob.Format.CSV,
        filters={"sse_type": "COOP"},
        include_unvalidated=True,
        requested_by=staff,
    )
    entities = export_entities(job)
    context = ExportContext(
        country=job.country,
        requested_by="t",
        requested_at=timezone.now(),
        filters=[],
        include_unvalidated=True,
        per_year=False,
        entity_count=1,
    )
    python, copy = io.BytesIO(), io.BytesIO()

    assert write_csv(entities, python, context) == 1
    assert write_csv_copy(entities, copy, context) == 1

    assert python.getvalue() == copy.getvalue()
    assert b"Rice Cooperative" in copy.getvalue()
    assert b"Thai cooperative" not in copy.getvalue()
    sql, _params = csv_writer.copy_query(entities, per_year=False)
    assert "e.id IN (" not in sql
    assert "GROUP BY m.entity_id" not in sql


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY exists on PostgreSQL only"
)
def test_a_csv_export_by_copy_of_many_rows_finishes_and_reports_its_progress(
    staff: User, kh_consultant: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Progress after every row: written from a connection other than the one COPY
    # holds (on that one the export failed on PostgreSQL past a few thousand rows).
    monkeypatch.setattr(csv_writer._Counting, "EVERY", 1)
    for index in range(3):
        make_entity(kh_consultant, name_en=f"Weavers group {index}", area=area("KH-2"))
    seen: list[int] = []

    def progress(done: int) -> None:
        # As the job does: a query on the same connection.
        seen.append(done)
        Entity.objects.filter(country="KH").count()

    context = ExportContext(
        country=Country.objects.get(code="KH"),
        requested_by="t",
        requested_at=timezone.now(),
        filters=[],
        include_unvalidated=True,
        per_year=False,
        entity_count=3,
        progress=progress,
    )

    assert write_csv_copy(Entity.objects.filter(country="KH"), io.BytesIO(), context)

    assert seen and seen[-1] == 3


# --- XLSX -------------------------------------------------------------------------------


def test_the_xlsx_has_data_code_lists_and_about_sheets(
    staff: User, cooperative: Entity
) -> None:
    job = run(staff, format="xlsx", filters={"sse_type": "COOP"})
    workbook = openpyxl.load_workbook(export_file(job)[0])

    assert workbook.sheetnames == ["data", "code lists", "about this export"]
    data = workbook["data"]
    header = [c.value for c in data[1]]
    assert header == [c.name for c in EXPORT_COLUMNS]
    row = dict(zip(header, [c.value for c in data[2]], strict=True))
    assert row["entity_code"] == cooperative.code
    assert row["members_total"] == 52
    assert row["main_activity"] == "01"
    # Shown as text, never run: a string cell with Excel's quote prefix.
    name = data.cell(row=2, column=header.index("name_en") + 1)
    assert name.data_type == "s"
    assert name.value == "=HYPERLINK(evil) Rice Cooperative"
    assert name.quotePrefix
    dropdowns = {str(v.sqref) for v in data.data_validations.dataValidation}
    sse_type_column = openpyxl.utils.get_column_letter(header.index("sse_type") + 1)
    assert any(ref.startswith(f"{sse_type_column}2:") for ref in dropdowns)
    code_lists = workbook["code lists"]
    assert code_lists["A1"].value == "Areas (first level)"
    assert "COOP" in {c.value for row in code_lists.iter_rows() for c in row}
    about = {
        r[0].value: r[1].value
        for r in workbook["about this export"].iter_rows(min_row=3)
        if r[0].value
    }
    assert about["Exported by"] == "staff"
    assert about["Entities"] == "1"
    assert about["Filter: SSE type"] == "Cooperative"


# --- GeoJSON ----------------------------------------------------------------------------


def test_geojson_points_honour_visibility_and_precision(
    kh_consultant: User, cooperative: Entity
) -> None:
    battambang = area("KH-2")
    battambang.centroid_lat, battambang.centroid_lon = Decimal("13.0"), Decimal("103.0")
    battambang.save()
    hidden = make_entity(
        kh_consultant,
        name_en="Aggregate only",
        area=battambang,
        latitude=Decimal("13.123456"),
        longitude=Decimal("103.654321"),
        geo_precision="EXACT",
        visibility="AGGREGATE_ONLY",
    )
    private = make_entity(
        kh_consultant,
        name_en="Private",
        area=battambang,
        latitude=Decimal("13.2"),
        longitude=Decimal("103.3"),
        visibility="PRIVATE",
    )

    job = run(kh_consultant, format="geojson")
    collection = json.loads(export_file(job)[0].read_bytes())

    features = {f["id"]: f for f in collection["features"]}
    assert collection["type"] == "FeatureCollection"
    assert features[cooperative.code]["geometry"]["coordinates"] == [103.2, 13.1]
    assert features[cooperative.code]["properties"]["location_precision"] == "VILLAGE"
    assert features[hidden.code]["geometry"]["coordinates"] == [103.0, 13.0]
    assert features[hidden.code]["properties"]["location_precision"] == "PROVINCE"
    assert features[private.code]["geometry"] is None


# --- JSON-LD ----------------------------------------------------------------------------


def test_json_ld_describes_organisations_with_essglobal_terms(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = run(kh_consultant, format="jsonld")
    document = json.loads(export_file(job)[0].read_bytes())

    assert document["@context"]["schema"] == "https://schema.org/"
    (organisation,) = document["@graph"]
    assert "schema:Organization" in organisation["@type"]
    assert organisation["@id"] == f"urn:uuid:{cooperative.uid}"
    assert organisation["essglobal:legalForm"] == {"@id": "legal-form:L2"}
    assert organisation["essglobal:organisationalStructure"] == {
        "@id": "organisational-structure:OS90"
    }
    assert organisation["essglobal:baseMembershipType"] == {
        "@id": "base-membership-type:BMT20"
    }
    assert organisation["essglobal:primarySector"]["schema:termCode"] == "01"
    assert organisation["essglobal:totalOfMembers"] == 52
    assert organisation["schema:address"]["schema:addressRegion"] == "Battambang"


# --- Jobs: idempotent, expiring ------------------------------------------------------------


def test_running_an_export_twice_leaves_one_file_and_the_same_result(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = run(kh_consultant)
    first = export_file(job)[0].read_bytes()

    export_run(job_id=job.pk)

    job.refresh_from_db()
    files = sorted(p.name for p in private_path("exports/KH").iterdir())
    assert files == [f"export-{job.pk}.csv"]
    assert export_file(job)[0].read_bytes() == first
    assert job.attempts == 1


def test_a_job_a_dead_worker_left_running_is_finished_by_the_next_run(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = export_request(
        user=kh_consultant, country=Country.objects.get(code="KH"), format="csv"
    )
    # What a worker killed mid-file leaves behind: a running row, a half file.
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1)
    half = private_path(f"exports/KH/export-{job.pk}.part.csv")
    half.parent.mkdir(parents=True)
    half.write_bytes(b"entity_code,na")

    export_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert sorted(p.name for p in half.parent.iterdir()) == [f"export-{job.pk}.csv"]
    assert len(csv_rows(job)) == 1


def test_a_job_interrupted_too_often_stops_with_a_message(
    kh_consultant: User,
) -> None:
    job = export_request(
        user=kh_consultant, country=Country.objects.get(code="KH"), format="csv"
    )
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=3)

    export_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "interrupted 3 times" in job.error


def test_expired_exports_lose_their_file(
    kh_consultant: User, cooperative: Entity
) -> None:
    job = run(kh_consultant)
    path = export_file(job)[0]
    ExportJob.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    expired = export_expire()

    job.refresh_from_db()
    assert expired == 1
    assert not path.exists()
    assert job.file_path == ""


def test_the_beat_task_expires_exports_daily(settings: Any) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE["expire-exports"]

    assert schedule["task"] == "surveys.exports.tasks.expire_exports"
    assert schedule["schedule"].hour == {2}


def test_a_leftover_half_file_older_than_a_day_is_removed(
    kh_consultant: User,
) -> None:
    stray = private_path("exports/KH/export-999.part.xlsx")
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"x")
    old = timezone.now().timestamp() - 2 * 86400
    os.utime(stray, (old, old))

    export_expire()

    assert not stray.exists()


def test_exports_queue_after_the_request_commits(
    kh_consultant: User,
    cooperative: Entity,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = export_request(
            user=kh_consultant, country=Country.objects.get(code="KH"), format="csv"
        )
        assert ExportJob.objects.get(pk=job.pk).status == JobStatus.QUEUED

    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_a_person_may_have_only_a_few_exports_waiting(kh_consultant: User) -> None:
    kh = Country.objects.get(code="KH")
    for _n in range(5):
        export_request(user=kh_consultant, country=kh, format="csv")

    with pytest.raises(ApplicationError) as refused:
        export_request(user=kh_consultant, country=kh, format="csv")

    assert "5 exports waiting" in refused.value.message


def test_sources_of_other_countries_never_reach_an_export(
    kh_consultant: User, th_consultant: User, cooperative: Entity
) -> None:
    Source.objects.create(country_id="TH", kind="SURVEY", title="Thai census")
    make_entity(th_consultant, country="TH", name_en="Chiang Mai Weavers")

    rows = csv_rows(run(kh_consultant))

    assert {r["entity_code"][:2] for r in rows} == {"KH"}


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_text_cell_a_spreadsheet_could_run_is_neutralised_in_csv_and_xlsx(
    kh_consultant: User, text: str
) -> None:
    make_entity(kh_consultant, name_en="Fine", notes=text)

    (row,) = csv_rows(run(kh_consultant))
    xlsx = run(kh_consultant, format="xlsx")
    sheet = openpyxl.load_workbook(export_file(xlsx)[0])["data"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("notes") + 1)

    assert row["notes"] == "'" + text
    assert cell.data_type == "s"
    assert cell.quotePrefix
