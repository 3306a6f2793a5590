"""Imports: the template round trip, every kind of bad file with its own message and
nothing changed, possible duplicates, and KoboToolbox / ODK Central exports."""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from countries.models import AdminArea, Country, IsicCode, LegalForm
from countries.vocabularies import WorkflowState
from sse_mapping.exceptions import ApplicationError, NotAllowedError
from surveys.entities import derived as entities_derived
from surveys.entities import duplicates as entities_duplicates
from surveys.entities import services as entities_services
from surveys.exports import export_file, export_request, export_run
from surveys.imports import (
    import_confirm,
    import_report_path,
    import_run,
    import_start,
    reading,
)
from surveys.imports import writing as imports_writing
from surveys.imports.mappings import mapping_save
from surveys.imports.survey import suggest_mapping
from surveys.models import (
    AuditEvent,
    ColumnMapping,
    Entity,
    EntityFigures,
    ImportJob,
    JobStatus,
)
from surveys.records import services as records_services
from surveys.spreadsheet import TEMPLATE_COLUMNS, template_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings: Any, tmp_path: Path) -> Path:
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def area(code: str) -> AdminArea:
    return AdminArea.objects.get(code=code)


def kh() -> Country:
    return Country.objects.get(code="KH")


def upload(
    user: User,
    content: bytes,
    *,
    name: str = "entities.csv",
    kind: str = "template",
    mapping: ColumnMapping | None = None,
) -> ImportJob:
    job = import_start(
        user=user,
        country=kh(),
        file=SimpleUploadedFile(name, content),
        kind=kind,
        mapping=mapping,
    )
    import_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def confirm(
    user: User, job: ImportJob, decisions: dict[str, str] | None = None
) -> ImportJob:
    import_confirm(user=user, job=job, decisions=decisions or {})
    import_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def template_csv(*rows: dict[str, Any], encoding: str = "utf-8") -> bytes:
    output = io.StringIO()
    writer = csv.DictWriter(
        output, fieldnames=[c.name for c in TEMPLATE_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return output.getvalue().encode(encoding)


def row(**values: Any) -> dict[str, Any]:
    return {
        "name_en": "Kampot Pepper Cooperative",
        "area": "KH-7",
        "sse_type": "COOP",
        "registration_status": "REG_SSE_LAW",
        "main_activity": "01",
        "year_established": "2010",
        "reference_year": "2024",
        "members_total": "60",
        "members_women": "35",
        "members_men": "25",
        **values,
    }


def snapshot() -> tuple[Any, ...]:
    """Everything an import may change, to show a refused file changed nothing."""
    return (
        list(Entity.objects.order_by("pk").values_list("pk", "version", "updated_at")),
        list(EntityFigures.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def problems(job: ImportJob) -> list[str]:
    return [f"{e['row']}|{e['column']}|{e['message']}" for e in job.errors]


def assert_refused(job: ImportJob, before: tuple[Any, ...], *fragments: str) -> None:
    assert job.stage == ImportJob.Stage.INVALID, problems(job)
    messages = " ".join(e["message"] for e in job.errors)
    for fragment in fragments:
        assert fragment in messages, messages
    assert snapshot() == before


# --- The template round trip -------------------------------------------------------------


@pytest.fixture
def recorded(kh_consultant: User) -> list[Entity]:
    """Entities of every shape the template must carry through unchanged."""
    source = records_services.source_create(
        country=kh(),
        by=kh_consultant,
        data={"kind": "REGISTER", "title": "Cooperative register", "year": 2024},
    )
    cooperative = entities_services.entity_create(
        country=kh(),
        by=kh_consultant,
        data={
            "name_en": "=Battambang Rice Cooperative",
            "name_local": "សហគមន៍កសិកម្មបាត់ដំបង",
            "acronym": "BRC",
            "area": area("KH-2"),
            "other_areas": [area("KH-3"), area("KH-10")],
            "locality": "Sangkae, village 3",
            "urban_rural": "RURAL",
            "latitude": Decimal("13.095612"),
            "longitude": Decimal("103.202213"),
            "geo_precision": "VILLAGE",
            "sse_type": "COOP",
            "coop_member_type": "PRODUCER",
            "org_level": "PRIMARY",
            "legal_form": LegalForm.objects.get(code="KH_AC"),
            "registration_status": "REG_SSE_LAW",
            "registration_number": "00123",
            "registration_date": "2006-03-01",
            "year_established": 2005,
            "main_activity": IsicCode.objects.get(code="01"),
            "other_activities": ["03", "41"],
            "target_groups": ["WOMEN", "SMALL_FARMERS"],
            "purpose": 'Collective rice marketing, "fair" prices;\nsavings',
            "surplus_rule": "CAPPED",
            "surplus_cap_pct": 30,
            "asset_lock": "Y",
            "visibility": "PUBLIC",
            "consent_level": "FIGURES",
            "consent_by": "Ms Sok, chair",
            "consent_date": "2024-02-01",
        },
    )
    for year, members in ((2023, 40), (2024, 52)):
        entities_services.figures_save(
            entity=cooperative,
            by=kh_consultant,
            reference_year=year,
            data={
                "members_total": members,
                "members_women": 25,
                "members_men": 15,
                "board_total": 5,
                "board_women": 3,
                "board_men": 2,
                "chair_sex": "F",
                "source": source,
                "turnover": Decimal("1250000.50"),
                "currency": "KHR",
            },
            expected_version=None,
        )
    bare = entities_services.entity_create(
        country=kh(), by=kh_consultant, data={"name_local": "ក្រុមសន្សំ", "sse_type": "SHG"}
    )
    in_review = entities_services.entity_create(
        country=kh(),
        by=kh_consultant,
        data={"name_en": "Takeo weavers", "sse_type": "SHG"},
    )
    # Saved with a type, as every new entity is; these two stand for records that
    # came in without one (imports keep a row's blank type).
    Entity.objects.filter(pk__in=[bare.pk, in_review.pk]).update(sse_type="")
    Entity.objects.filter(pk__in=[cooperative.pk, bare.pk]).update(
        workflow_state=WorkflowState.VALIDATED
    )
    Entity.objects.filter(pk=in_review.pk).update(
        workflow_state=WorkflowState.IN_REVIEW
    )
    return [cooperative, bare, in_review]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@pytest.mark.parametrize("per_year", [False, True])
def test_exporting_a_country_and_importing_it_again_changes_nothing(
    kh_consultant: User,
    staff: User,
    recorded: list[Entity],
    format: str,
    per_year: bool,
) -> None:
    job = export_request(
        user=staff,
        country=kh(),
        format=format,
        include_unvalidated=True,
        per_year=per_year,
    )
    export_run(job_id=job.pk)
    job.refresh_from_db()
    content = export_file(job)[0].read_bytes()
    before = snapshot()

    checked = upload(kh_consultant, content, name=f"export.{format}")

    assert checked.stage == ImportJob.Stage.READY, problems(checked)
    assert (checked.created_count, checked.updated_count) == (0, 0)
    assert checked.skipped_count == len(recorded)
    assert checked.duplicates == []
    imported = confirm(kh_consultant, checked)
    assert imported.stage == ImportJob.Stage.IMPORTED
    assert snapshot() == before


def test_a_changed_export_updates_only_what_changed(
    kh_consultant: User, staff: User, recorded: list[Entity]
) -> None:
    cooperative = recorded[0]
    job = export_request(user=staff, country=kh(), format="csv", per_year=True)
    export_run(job_id=job.pk)
    job.refresh_from_db()
    text = export_file(job)[0].read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for exported in rows:
        if exported["reference_year"] == "2024":
            exported["members_total"] = "55"
        exported["locality"] = (
            "Sangkae" if exported["entity_code"] == cooperative.code else ""
        )
    changed = io.StringIO()
    writer = csv.DictWriter(changed, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

    checked = upload(kh_consultant, changed.getvalue().encode())
    imported = confirm(kh_consultant, checked)

    assert (imported.created_count, imported.updated_count) == (0, 1)
    cooperative.refresh_from_db()
    assert cooperative.locality == "Sangkae"
    assert cooperative.figures.get(reference_year=2024).members_total == 55
    assert cooperative.figures.get(reference_year=2023).members_total == 40
    # An edit sends a validated record back to draft: it needs validating again.
    assert cooperative.workflow_state == WorkflowState.DRAFT
    assert (
        AuditEvent.objects.filter(object_id=cooperative.pk, action="imported")
        .get()
        .note.startswith("Imported from “entities.csv”")
    )


def test_a_record_in_review_cannot_be_changed_by_an_import(
    kh_consultant: User, recorded: list[Entity]
) -> None:
    in_review = recorded[2]
    before = snapshot()

    job = upload(
        kh_consultant,
        template_csv({"entity_code": in_review.code, "name_en": "Takeo weavers (new)"}),
    )

    assert_refused(job, before, "In review and cannot be changed")


# --- New records -------------------------------------------------------------------------


def test_imported_records_are_drafts_by_the_consultant_with_an_audit_event_naming_the_file(
    kh_consultant: User,
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(other_activities="41; 43", target_groups="WOMEN;YOUTH"),
            row(
                other_activities="41;43",
                target_groups="WOMEN ; YOUTH",
                reference_year="2023",
                members_total="58",
                members_women="33",
            ),
            row(name_en="Takeo Silk Weavers", area="KH-21", sse_type="SHG"),
        ),
        name="field-survey.csv",
    )
    assert job.stage == ImportJob.Stage.READY, problems(job)
    assert job.created_count == 2

    imported = confirm(kh_consultant, job)

    assert imported.stage == ImportJob.Stage.IMPORTED
    assert imported.created_count == 2
    pepper = Entity.objects.get(name_en="Kampot Pepper Cooperative")
    assert pepper.workflow_state == WorkflowState.DRAFT
    assert pepper.created_by == kh_consultant
    assert pepper.other_activities == ["41", "43"]
    assert pepper.sector_construction and pepper.sector_farm_small
    assert sorted(pepper.figures.values_list("reference_year", "members_total")) == [
        (2023, 58),
        (2024, 60),
    ]
    assert pepper.share_not_disaggregated is not None
    events = AuditEvent.objects.filter(object_id=pepper.pk)
    assert {"created", "figures saved", "imported"} <= set(
        events.values_list("action", flat=True)
    )
    assert "field-survey.csv" in events.get(action="imported").note


def test_utf8_with_a_bom_and_utf16_files_are_read(kh_consultant: User) -> None:
    local = row(name_local="សហគមន៍ម្រេចកំពត")
    with_bom = codecs.BOM_UTF8 + template_csv(local)
    utf16 = template_csv(row(name_en="Kep Crab Cooperative"), encoding="utf-16")

    first = upload(kh_consultant, with_bom)
    second = upload(kh_consultant, utf16, name="unicode.txt")

    assert first.stage == ImportJob.Stage.READY, problems(first)
    assert second.stage == ImportJob.Stage.READY, problems(second)
    confirm(kh_consultant, first)
    assert Entity.objects.get(name_local="សហគមន៍ម្រេចកំពត")


def test_an_isic_class_is_imported_even_when_a_spreadsheet_dropped_its_zero(
    kh_consultant: User,
) -> None:
    job = upload(
        kh_consultant,
        template_csv(row(main_activity="112", other_activities="0729")),
    )

    assert job.stage == ImportJob.Stage.READY, problems(job)
    confirm(kh_consultant, job)
    entity = Entity.objects.get(name_en="Kampot Pepper Cooperative")
    assert entity.main_activity_id == "0112"
    assert entity.other_activities == ["0729"]
    assert entity.priority_sectors == ["FARM_SMALL", "ASM"]


def test_a_semicolon_separated_csv_from_excel_is_read(kh_consultant: User) -> None:
    output = io.StringIO()
    writer = csv.DictWriter(
        output, fieldnames=[c.name for c in TEMPLATE_COLUMNS], delimiter=";"
    )
    writer.writeheader()
    writer.writerow(row(other_activities="41 ", main_activity="1"))

    job = upload(kh_consultant, output.getvalue().encode())

    assert job.stage == ImportJob.Stage.READY, problems(job)


def test_an_xlsx_filled_in_from_the_template_is_imported(kh_consultant: User) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(kh())))
    sheet = workbook["data"]
    header = [c.value for c in sheet[1]]
    values = row(year_established=2010, members_total=60, main_activity=1)
    sheet.append([values.get(name) for name in header])
    content = io.BytesIO()
    workbook.save(content)

    job = upload(kh_consultant, content.getvalue(), name="filled.xlsx")

    assert job.stage == ImportJob.Stage.READY, problems(job)
    confirm(kh_consultant, job)
    assert (
        Entity.objects.get(name_en="Kampot Pepper Cooperative").main_activity_id == "01"
    )


# --- Bad files: each says what is wrong, and nothing changes --------------------------------


@pytest.fixture
def before(recorded: list[Entity]) -> tuple[Any, ...]:
    return snapshot()


def test_a_file_in_a_legacy_encoding_is_refused_naming_the_problem(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    content = template_csv(row(name_en="Coopérative de Kampot"), encoding="cp1252")

    job = upload(kh_consultant, content)

    assert_refused(job, before, "not in UTF-8 or UTF-16", "0xE9 on line 2")
    assert not Entity.objects.filter(name_en__startswith="Coop").exists()


def test_a_file_garbled_by_a_double_conversion_is_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    garbled = "Coopérative".encode().decode("cp1252")

    job = upload(kh_consultant, template_csv(row(name_en=garbled)))

    assert_refused(job, before, "looks garbled")


def test_missing_columns_are_named(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    content = b"name_en,area,member_total\nKampot Pepper,KH-7,60\n"

    job = upload(kh_consultant, content)

    assert_refused(
        job,
        before,
        "lacks the columns",
        "members_total",
        "not recognised: member_total",
    )


def test_unknown_codes_are_listed_with_what_is_allowed(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(
        kh_consultant,
        template_csv(row(sse_type="KOOP", area="KH-99", main_activity="00")),
    )

    assert_refused(job, before, "“KOOP” is not a code", "“KH-99” is not a first-level")
    by_column = {e["column"]: e for e in job.errors}
    assert by_column["sse_type"]["row"] == 2
    assert by_column["sse_type"]["value"] == "KOOP"
    assert "COOP, PRECOOP" in by_column["sse_type"]["allowed"]
    assert "not an ISIC Rev.4 division" in by_column["main_activity"]["message"]


def test_more_women_than_the_total_is_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(kh_consultant, template_csv(row(members_women="70")))

    assert_refused(job, before, "add up to more than the total (60)")
    assert job.errors[0]["column"] == "members_total"


def test_dates_and_years_in_the_future_are_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(registration_date="2999-01-01"),
            row(name_en="Other", year_established="2999"),
            row(name_en="Third", reference_year="2999"),
        ),
    )

    assert_refused(
        job,
        before,
        "2999-01-01 is in the future",
        "year established cannot be in the future",
        "reference year cannot be in the future",
    )


def test_duplicate_rows_are_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(kh_consultant, template_csv(row(), row()))

    assert_refused(job, before, "This row repeats row 2")


def test_two_rows_for_the_same_entity_and_year_are_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(kh_consultant, template_csv(row(), row(members_total="61")))

    assert_refused(job, before, "Figures for 2024 are given twice")


def test_rows_of_one_entity_that_disagree_are_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(
        kh_consultant, template_csv(row(), row(reference_year="2023", sse_type="SE"))
    )

    assert_refused(job, before, "same entity as row 2, but this column differs")


def test_formula_cells_are_refused(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    csv_job = upload(kh_consultant, template_csv(row(members_total="=SUM(A1:A3)")))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    names = [c.name for c in TEMPLATE_COLUMNS]
    sheet.append(names)
    values = row()
    sheet.append([values.get(name) for name in names])
    sheet.cell(row=2, column=names.index("members_women") + 1).value = "=C2/2"
    content = io.BytesIO()
    workbook.save(content)

    xlsx_job = upload(kh_consultant, content.getvalue(), name="formulas.xlsx")

    assert_refused(csv_job, before, "holds a formula (=SUM(A1:A3))")
    assert_refused(xlsx_job, before, "holds a formula (=C2/2)")
    assert xlsx_job.errors[0]["column"] == "members_women"


def test_an_empty_file_is_refused(kh_consultant: User, before: tuple[Any, ...]) -> None:
    assert_refused(upload(kh_consultant, b""), before, "The file is empty.")
    header_only = template_csv()
    assert_refused(upload(kh_consultant, header_only), before, "no data rows")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "This is a PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a PNG file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Excel 97–2003"),
        (b"PK\x03\x04\x14\x00\x00\x00broken zip", "not an XLSX workbook"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00data", "holds binary data"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(
    kh_consultant: User, before: tuple[Any, ...], content: bytes, message: str
) -> None:
    job = upload(kh_consultant, content, name="entities.xlsx")

    assert_refused(job, before, message)


def test_too_many_rows_are_refused_with_the_limit(
    kh_consultant: User, before: tuple[Any, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 2)
    rows = [row(name_en=f"Group {n}") for n in range(3)]

    job = upload(kh_consultant, template_csv(*rows))

    assert_refused(job, before, "more than 2 data rows")


def test_a_file_that_is_too_large_is_refused_at_upload(kh_consultant: User) -> None:
    big = SimpleUploadedFile("big.csv", b"x" * (reading.MAX_UPLOAD_BYTES + 1))

    with pytest.raises(ApplicationError) as refused:
        import_start(user=kh_consultant, country=kh(), file=big, kind="template")

    assert "at most 20 MB" in refused.value.field_errors["file"][0]
    assert not ImportJob.objects.exists()


def test_the_problem_report_lists_every_problem_by_row_and_column(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(
        kh_consultant, template_csv(row(sse_type="X"), row(name_en="B", area="Y"))
    )

    report = import_report_path(job).read_text("utf-8-sig")
    lines = list(csv.reader(io.StringIO(report)))
    assert lines[0] == ["row", "column", "value", "problem", "allowed"]
    assert [(line[0], line[1], line[2]) for line in lines[1:]] == [
        ("2", "sse_type", "X"),
        ("3", "area", "Y"),
    ]


def test_a_failure_half_way_through_the_commit_imports_nothing(
    kh_consultant: User, before: tuple[Any, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    job = upload(
        kh_consultant, template_csv(row(), row(name_en="Second", area="KH-21"))
    )
    original = entities_derived.entity_refresh_derived
    calls = []

    def failing_second_time(entity: Entity, **kwargs: Any) -> Any:
        calls.append(entity.pk)
        if len(calls) == 2:
            raise ApplicationError("The database refused this entity.")
        return original(entity, **kwargs)

    monkeypatch.setattr(imports_writing, "entity_refresh_derived", failing_second_time)

    refused = confirm(kh_consultant, job)

    # The first entity was written, then undone with the rest.
    assert len(calls) == 2
    assert_refused(refused, before, "The database refused this entity.")
    assert refused.errors[0]["row"] == 3


def test_an_entity_the_database_refuses_in_a_batch_is_named_and_nothing_is_imported(
    kh_consultant: User,
    recorded: list[Entity],
    before: tuple[Any, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(name_en="First", area="KH-21"),
            row(name_en="Second", area="KH-22"),
            row(name_en="Third", area="KH-23"),
        ),
    )
    original = imports_writing._import_prepare
    taken = recorded[0].code

    def second_takes_a_used_code(item: Any, **kwargs: Any) -> Any:
        prepared = original(item, **kwargs)
        if item.data.get("name_en") == "Second":
            prepared.entity.code = taken  # the database's unique rule refuses it
        return prepared

    monkeypatch.setattr(imports_writing, "_import_prepare", second_takes_a_used_code)

    refused = confirm(kh_consultant, job)

    assert_refused(refused, before, "This entity breaks a rule")
    assert refused.errors[0]["row"] == 3


def test_only_the_countrys_consultants_may_import(
    kh_committee: User, th_consultant: User
) -> None:
    for user in (kh_committee, th_consultant):
        with pytest.raises(NotAllowedError):
            import_start(
                user=user,
                country=kh(),
                file=SimpleUploadedFile("a.csv", template_csv(row())),
                kind="template",
            )


def test_an_unknown_entity_code_is_refused_even_when_it_is_another_countrys(
    kh_consultant: User, th_consultant: User, before: tuple[Any, ...]
) -> None:
    thai = entities_services.entity_create(
        country=Country.objects.get(code="TH"),
        by=th_consultant,
        data={"name_en": "T", "sse_type": "CE"},
    )
    before = snapshot()

    job = upload(kh_consultant, template_csv(row(entity_code=thai.code)))

    assert_refused(job, before, "No entity of Cambodia has this code")


# --- Possible duplicates ----------------------------------------------------------------------


@pytest.fixture
def pepper(kh_consultant: User) -> Entity:
    return entities_services.entity_create(
        country=kh(),
        by=kh_consultant,
        data={
            "name_en": "Kampot Pepper Cooperative",
            "area": area("KH-7"),
            "sse_type": "COOP",
        },
    )


def test_a_row_like_an_entity_already_recorded_needs_a_decision(
    kh_consultant: User, pepper: Entity
) -> None:
    job = upload(kh_consultant, template_csv(row(name_en="Kampot Peper Cooperative")))

    assert job.stage == ImportJob.Stage.READY
    (duplicate,) = job.duplicates
    assert duplicate["row"] == 2
    assert duplicate["matches"][0]["code"] == pepper.code
    assert duplicate["choices"] == ["skip", "create", f"update:{pepper.pk}"]
    with pytest.raises(ApplicationError, match="Decide what to do"):
        import_confirm(user=kh_consultant, job=job, decisions={})


@pytest.mark.parametrize(
    ("decision", "entities", "members"), [("skip", 1, None), ("create", 2, 60)]
)
def test_skipping_or_creating_a_possible_duplicate_does_as_decided(
    kh_consultant: User, pepper: Entity, decision: str, entities: int, members: Any
) -> None:
    job = upload(kh_consultant, template_csv(row(name_en="Kampot Peper Cooperative")))

    confirm(kh_consultant, job, {"r2": decision})

    assert Entity.objects.count() == entities
    assert pepper.figures.count() == 0


def test_two_rows_alike_in_the_same_area_need_a_decision(
    kh_consultant: User,
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(name_en="Kampot Pepper Cooperative"),
            row(name_en="Kampot Peper Cooperative"),
            row(name_en="Kampot Peper Cooperative Two", area="KH-21"),
        ),
    )

    assert job.stage == ImportJob.Stage.READY
    (duplicate,) = job.duplicates
    assert duplicate["row"] == 3
    assert duplicate["matches"] == [
        {"kind": "file", "row": 2, "name": "Kampot Pepper Cooperative"}
    ]


def test_an_entity_created_from_a_possible_duplicate_is_flagged_for_a_second_look(
    kh_consultant: User, pepper: Entity
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(name_en="Kampot Peper Cooperative"),
            row(name_en="Takeo Silk Weavers", area="KH-21"),
        ),
    )

    confirm(kh_consultant, job, {"r2": "create"})

    look_alike = Entity.objects.get(name_en="Kampot Peper Cooperative")
    assert look_alike.flag_possible_duplicate
    assert not Entity.objects.get(name_en="Takeo Silk Weavers").flag_possible_duplicate


def test_rows_alike_each_other_created_together_are_both_flagged(
    kh_consultant: User, pepper: Entity
) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(name_en="Takeo Silk Weavers", area="KH-21"),
            row(name_en="Takeo Silk Weaverss", area="KH-21"),
            row(name_en="Kep Crab Market", area="KH-21"),
        ),
    )

    confirm(kh_consultant, job, {"r3": "create"})

    flagged = dict(
        Entity.objects.filter(area__code="KH-21").values_list(
            "name_en", "flag_possible_duplicate"
        )
    )
    assert flagged == {
        "Takeo Silk Weavers": True,
        "Takeo Silk Weaverss": True,
        "Kep Crab Market": False,
    }


def test_many_names_are_matched_as_one_name_at_a_time_would_be(
    kh_consultant: User, pepper: Entity
) -> None:
    """The import's matcher (one read per area) agrees with the form's."""
    other_area = entities_services.entity_create(
        country=kh(),
        by=kh_consultant,
        data={
            "name_en": "Kampot Pepper Cooperative",
            "area": area("KH-21"),
            "sse_type": "COOP",
        },
    )
    names = [
        ("", "Kampot Peper Cooperative", area("KH-7")),
        ("", "Kampot Pepper Cooperative", area("KH-21")),
        ("", "Battambang Rice Cooperative", area("KH-7")),
        ("", "The Kampot Pepper Cooperative", area("KH-7")),
    ]

    many = entities_duplicates.possible_duplicates_many(country=kh(), names=names)

    one_by_one = [
        [
            e.pk
            for e in entities_duplicates.possible_duplicates(
                country=kh(), name_local=local, name_en=english, area=where
            )
        ]
        for local, english, where in names
    ]
    assert [[found[0] for found in row] for row in many] == one_by_one
    assert one_by_one == [[pepper.pk], [other_area.pk], [], [pepper.pk]]


def test_updating_the_existing_record_from_a_possible_duplicate(
    kh_consultant: User, pepper: Entity
) -> None:
    job = upload(kh_consultant, template_csv(row(name_en="Kampot Peper Cooperative")))

    imported = confirm(kh_consultant, job, {"r2": f"update:{pepper.pk}"})

    assert imported.updated_count == 1
    assert Entity.objects.count() == 1
    pepper.refresh_from_db()
    assert pepper.name_en == "Kampot Peper Cooperative"
    assert pepper.figures.get().members_total == 60


def test_look_alike_rows_within_the_file_need_a_decision(kh_consultant: User) -> None:
    job = upload(
        kh_consultant,
        template_csv(
            row(),
            row(
                name_en="Kampot Pepper Cooperativ",
                members_total="9",
                members_women="",
                members_men="",
            ),
        ),
    )

    (duplicate,) = job.duplicates
    assert duplicate["row"] == 3
    assert duplicate["matches"] == [
        {"kind": "file", "row": 2, "name": "Kampot Pepper Cooperative"}
    ]
    assert duplicate["choices"] == ["skip", "create"]
    confirm(kh_consultant, job, {"r3": "skip"})
    assert Entity.objects.count() == 1


# --- KoboToolbox and ODK Central -------------------------------------------------------------

KOBO_HEADER = [
    "start",
    "end",
    "org/org_name",
    "org/org_name_km",
    "org/province",
    "org/org_type",
    "org/isic_main",
    "org/target_groups",
    "members/members_total",
    "members/members_women",
    "members/members_men",
    "location",
    "_location_latitude",
    "_location_longitude",
    "_location_altitude",
    "_location_precision",
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_index",
]


def kobo_csv(*submissions: dict[str, Any]) -> bytes:
    output = io.StringIO()
    # KoboToolbox's default CSV export separates fields with ';'.
    writer = csv.writer(output, delimiter=";")
    writer.writerow(KOBO_HEADER)
    for index, answers in enumerate(submissions, start=1):
        uuid = answers["uuid"]
        writer.writerow(
            [
                "2024-05-01T09:00:00.000+07:00",
                "2024-05-01T09:20:00.000+07:00",
                answers["name"],
                answers.get("name_km", ""),
                answers.get("province", "KH-7"),
                answers.get("type", "coop"),
                answers.get("isic", "1"),
                answers.get("targets", "WOMEN youth"),
                answers.get("members", "30"),
                answers.get("women", "18"),
                answers.get("men", "12"),
                answers.get("gps", "10.6104 104.1815 12.5 4.0"),
                "10.6104",
                "104.1815",
                "12.5",
                "4.0",
                f"uuid:{uuid}",
                str(1000 + index),
                uuid,
                "2024-05-01T02:21:13",
                "",
                str(index),
            ]
        )
    return output.getvalue().encode()


def kobo_mapping(user: User) -> ColumnMapping:
    return mapping_save(
        user=user,
        country=kh(),
        mapping=None,
        name="Kobo mapping survey 2024",
        tool="kobo",
        columns={
            "submission_id": "_uuid",
            "gps": "location",
            "name_en": "org/org_name",
            "name_local": "org/org_name_km",
            "area": "org/province",
            "sse_type": "org/org_type",
            "main_activity": "org/isic_main",
            "target_groups": "org/target_groups",
            "reference_year": "_submission_time",
            "members_total": "members/members_total",
            "members_women": "members/members_women",
            "members_men": "members/members_men",
        },
    )


def test_a_kobo_export_imports_through_a_saved_mapping_and_again_without_duplicates(
    kh_consultant: User,
) -> None:
    mapping = kobo_mapping(kh_consultant)
    first = kobo_csv(
        {"uuid": "5f1c-aaa", "name": "Kampot Salt Cooperative"},
        {"uuid": "5f1c-bbb", "name": "Kep Crab Group", "type": "SHG", "gps": ""},
    )

    job = upload(kh_consultant, first, kind="kobo", mapping=mapping)
    assert job.stage == ImportJob.Stage.READY, problems(job)
    imported = confirm(kh_consultant, job)

    assert imported.created_count == 2
    salt = Entity.objects.get(external_id="5f1c-aaa")
    assert salt.external_source == "kobo"
    assert salt.sse_type == "COOP"
    assert salt.target_groups == ["WOMEN", "YOUTH"]
    assert (salt.latitude, salt.longitude) == (
        Decimal("10.610400"),
        Decimal("104.181500"),
    )
    assert salt.geo_precision == "EXACT"
    assert salt.figures.get().reference_year == 2024

    second = kobo_csv(
        {"uuid": "5f1c-aaa", "name": "Kampot Salt Cooperative", "members": "31"},
        {"uuid": "5f1c-bbb", "name": "Kep Crab Group", "type": "SHG", "gps": ""},
        {"uuid": "5f1c-ccc", "name": "Koh Kong Fishers", "province": "KH-9"},
    )
    again = confirm(
        kh_consultant, upload(kh_consultant, second, kind="kobo", mapping=mapping)
    )

    assert (again.created_count, again.updated_count, again.skipped_count) == (1, 1, 1)
    assert Entity.objects.count() == 3
    salt.refresh_from_db()
    assert salt.figures.get().members_total == 31


ODK_HEADER = [
    "SubmissionDate",
    "identity-name",
    "identity-type",
    "identity-area",
    "people-members_total",
    "people-members_women",
    "gps-Latitude",
    "gps-Longitude",
    "gps-Altitude",
    "gps-Accuracy",
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def odk_csv(*submissions: dict[str, Any]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(ODK_HEADER)
    for answers in submissions:
        writer.writerow(
            [
                "2025-03-02T10:11:12.000Z",
                answers["name"],
                answers.get("type", "ASSOC"),
                "Kampot",
                answers.get("members", "12"),
                "7",
                "10.61",
                "104.18",
                "",
                "5",
                answers["key"],
                answers["key"],
                "7",
                "collector",
                "0",
                "0",
                "",
                "approved",
                "",
                "0",
                "2025031201",
            ]
        )
    return output.getvalue().encode()


def test_an_odk_export_with_split_gps_columns_imports_and_reimports_by_key(
    kh_consultant: User,
) -> None:
    suggested = suggest_mapping("odk", ODK_HEADER)
    assert suggested["submission_id"] == "KEY"
    # The four split columns are read as one geopoint, keeping its accuracy.
    assert suggested["gps"] == "gps"
    assert "latitude" not in suggested and "longitude" not in suggested
    assert suggested["members_total"] == "people-members_total"
    assert suggested["reference_year"] == "SubmissionDate"
    mapping = mapping_save(
        user=kh_consultant,
        country=kh(),
        mapping=None,
        name="ODK 2025",
        tool="odk",
        columns={
            **suggested,
            "name_en": "identity-name",
            "sse_type": "identity-type",
            "area": "identity-area",
        },
    )
    content = odk_csv({"name": "Kampot Women Weavers", "key": "uuid:8d2e-01"})

    first = confirm(
        kh_consultant, upload(kh_consultant, content, kind="odk", mapping=mapping)
    )
    again = confirm(
        kh_consultant, upload(kh_consultant, content, kind="odk", mapping=mapping)
    )

    assert first.created_count == 1
    assert (again.created_count, again.updated_count, again.skipped_count) == (0, 0, 1)
    weavers = Entity.objects.get()
    assert weavers.external_id == "uuid:8d2e-01"
    assert weavers.area == area("KH-7")
    assert weavers.latitude == Decimal("10.610000")
    assert weavers.geo_precision == "EXACT"
    assert weavers.figures.get().reference_year == 2025


def test_a_mapping_that_reads_a_column_the_file_lacks_says_which(
    kh_consultant: User,
) -> None:
    mapping = kobo_mapping(kh_consultant)
    mapping.columns["sse_type"] = "org/type_of_org"
    mapping.save()

    job = upload(
        kh_consultant,
        kobo_csv({"uuid": "a", "name": "X"}),
        kind="kobo",
        mapping=mapping,
    )

    assert job.stage == ImportJob.Stage.INVALID
    assert (
        "“org/type_of_org”, which this file does not have" in job.errors[0]["message"]
    )


def test_a_survey_answer_outside_the_code_list_names_the_survey_column(
    kh_consultant: User,
) -> None:
    job = upload(
        kh_consultant,
        kobo_csv({"uuid": "a", "name": "X", "type": "guild"}),
        kind="kobo",
        mapping=kobo_mapping(kh_consultant),
    )

    assert job.stage == ImportJob.Stage.INVALID
    assert job.errors[0]["column"] == "org/org_type (sse_type)"
    assert job.errors[0]["value"] == "guild"


def test_a_survey_import_needs_a_mapping_of_that_tool(kh_consultant: User) -> None:
    mapping = kobo_mapping(kh_consultant)

    with pytest.raises(ApplicationError) as refused:
        import_start(
            user=kh_consultant,
            country=kh(),
            file=SimpleUploadedFile("odk.csv", b"KEY\n1\n"),
            kind="odk",
            mapping=mapping,
        )

    assert "mapping" in refused.value.field_errors


def test_an_import_job_already_done_does_nothing_when_delivered_again(
    kh_consultant: User,
) -> None:
    job = confirm(kh_consultant, upload(kh_consultant, template_csv(row())))

    import_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Entity.objects.count() == 1


def test_a_row_with_a_bad_code_still_reports_the_rules_it_breaks(
    kh_consultant: User, before: tuple[Any, ...]
) -> None:
    job = upload(kh_consultant, template_csv(row(sse_type="KOOP", members_women="70")))

    assert_refused(job, before, "“KOOP” is not a code", "add up to more than the total")
    assert {(e["row"], e["column"]) for e in job.errors} == {
        (2, "sse_type"),
        (2, "members_total"),
    }


def test_entities_not_checked_by_an_import_are_checked_when_written(
    kh_consultant: User,
) -> None:
    before = Entity.objects.count()
    unchecked = imports_writing.NewEntity(
        data={
            "name_en": "Kampot Salt Cooperative",
            "area": area("KH-7"),
            "sse_type": "COOP",
            "registration_status": "INFORMAL",
            "main_activity": IsicCode.objects.get(code="08"),
            "other_activities": ["ZZ"],
        },
    )

    with pytest.raises(ApplicationError) as refused:
        imports_writing.entities_import_create(
            country=kh(), by=kh_consultant, entities=[unchecked], note=""
        )

    assert "ZZ" in str(refused.value.field_errors["other_activities"])
    assert Entity.objects.count() == before


def test_an_imported_entity_is_recorded_exactly_as_the_forms_record_one(
    kh_consultant: User,
) -> None:
    data = {
        "name_en": "Kampot Salt Cooperative",
        "area": area("KH-7"),
        "other_areas": [area("KH-23")],
        "sse_type": "COOP",
        "registration_status": "INFORMAL",
        "main_activity": IsicCode.objects.get(code="08"),
        "other_activities": ["03"],
        "year_established": 2001,
    }
    figures = {
        2023: {"members_total": 20, "members_women": 12, "board_total": 3},
        2024: {"members_total": 25, "chair_sex": "F", "currency": ""},
    }
    by_form = entities_services.entity_create(country=kh(), by=kh_consultant, data=data)
    for year, values in figures.items():
        entities_services.figures_save(
            entity=by_form,
            by=kh_consultant,
            reference_year=year,
            data=values,
            expected_version=None,
        )
    (imported,) = imports_writing.entities_import_create(
        country=kh(),
        by=kh_consultant,
        entities=[
            imports_writing.NewEntity(
                data={**data, "area": area("KH-9")}, figures=figures
            )
        ],
        note="Imported from “x.csv”",
    )

    by_form.refresh_from_db()
    by_import = Entity.objects.get(pk=imported)
    fields = [
        *entities_derived.DERIVED_FIELDS,
        "version",
        "workflow_state",
        "created_by_id",
    ]
    assert {f: getattr(by_import, f) for f in fields} == {
        f: getattr(by_form, f) for f in fields
    }
    assert by_import.code == f"KH-{int(by_form.code[3:]) + 1:06d}"

    def history(entity: Entity) -> list[tuple[str, dict[str, Any]]]:
        events = AuditEvent.objects.filter(object_id=entity.pk).order_by("at", "id")
        return [(e.action, e.changes) for e in events]

    imported = history(by_import)
    assert imported[-1][0] == "imported"
    expected = [
        (action, {k: v for k, v in changes.items() if k != "area"})
        for action, changes in history(by_form)
    ]
    assert [
        (action, {k: v for k, v in changes.items() if k != "area"})
        for action, changes in imported[:-1]
    ] == expected


def test_the_beat_task_expires_old_import_files_daily(settings: Any) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE["expire-import-files"]

    assert schedule["task"] == "surveys.imports.tasks.expire_import_files"
    assert schedule["schedule"].hour == {2}
