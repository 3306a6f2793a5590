"""Load countries, admin areas (with centroids), macro-regions, ISIC Rev.4, legal forms
and exchange rates.

Idempotent: every row is upserted on its natural key (country code, area code, region
code, ISIC code, legal-form code), so a second run changes nothing and duplicates
nothing, and a run after an edit in the admin puts the reference values back (except
exchange rates: only the missing ones are added, so a rate staff corrected stays). Rows
that are no longer in the reference data are reported, not deleted, because entities
may still point at them.

The upserts are bulk INSERT ... ON CONFLICT DO UPDATE (SQLite and PostgreSQL), one
statement per table and pass, because the test suite loads this data for many tests.
"""

from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from countries import reference_data as data
from countries.models import (
    AdminArea,
    Country,
    ExchangeRate,
    IsicCode,
    LegalForm,
    MacroRegion,
)
from countries.reference_data.centroids import CENTROIDS
from countries.reference_data.russian_names import AREA_NAMES_RU, LEGAL_FORM_NAMES_RU

NaturalKey = tuple[str, str]


class Command(BaseCommand):
    help = "Load or refresh the reference data (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            self._load_countries()
            regions = self._load_macro_regions()
            self._load_areas(regions)
            self._drop_retired_macro_regions()
            self._load_isic()
            self._load_legal_forms()
            self._load_russian_names()
            self._load_exchange_rates()
        if options["verbosity"] >= 1:
            self._print_summary()

    def _load_countries(self) -> None:
        Country.objects.bulk_create(
            [
                Country(
                    code=seed.code,
                    name=seed.name,
                    name_local=seed.name_local,
                    currency=seed.currency,
                )
                for seed in data.COUNTRIES
            ],
            update_conflicts=True,
            unique_fields=["code"],
            # review_quorum is left alone: it is a setting the admins change.
            update_fields=["name", "name_local", "currency"],
        )

    def _load_macro_regions(self) -> dict[NaturalKey, int]:
        MacroRegion.objects.bulk_create(
            [
                MacroRegion(
                    country_id=seed.country,
                    code=seed.code,
                    name_en=seed.name_en,
                    name_local=seed.name_local,
                )
                for seed in data.MACRO_REGIONS
            ],
            update_conflicts=True,
            unique_fields=["country", "code"],
            update_fields=["name_en", "name_local"],
        )
        return _ids_by_natural_key(MacroRegion)

    def _load_russian_names(self) -> None:
        for (country, code), name in AREA_NAMES_RU.items():
            AdminArea.objects.filter(country_id=country, code=code).update(name_ru=name)
        for (country, code), name in LEGAL_FORM_NAMES_RU.items():
            LegalForm.objects.filter(country_id=country, code=code).update(name_ru=name)

    def _drop_retired_macro_regions(self) -> None:
        """Macro-regions no longer in the seeds (a scheme made finer) and holding no
        area any more are removed, so that coverage matrices do not show them."""
        seeded = {(seed.country, seed.code) for seed in data.MACRO_REGIONS}
        for region in MacroRegion.objects.filter(areas__isnull=True):
            if (region.country_id, region.code) not in seeded:
                region.delete()

    def _load_areas(self, regions: dict[NaturalKey, int]) -> None:
        # Two passes: successors first, so that the second pass can point
        # `replaced_by` at rows that already have an id.
        successors = [seed for seed in data.AREAS if seed.replaced_by is None]
        replaced = [seed for seed in data.AREAS if seed.replaced_by is not None]
        area_ids: dict[NaturalKey, int] = {}
        for seeds in (successors, replaced):
            AdminArea.objects.bulk_create(
                [
                    AdminArea(
                        country_id=seed.country,
                        code=seed.code,
                        level=seed.level,
                        iso_3166_2=seed.iso_3166_2,
                        kind=seed.kind,
                        name_en=seed.name_en,
                        name_local=seed.name_local,
                        macro_region_id=regions[(seed.country, seed.macro_region)],
                        valid_from=seed.valid_from,
                        valid_to=seed.valid_to,
                        replaced_by_id=(
                            area_ids[(seed.country, seed.replaced_by)]
                            if seed.replaced_by
                            else None
                        ),
                        **_centroid(seed.code),
                    )
                    for seed in seeds
                ],
                update_conflicts=True,
                unique_fields=["country", "code"],
                update_fields=[
                    "level",
                    "iso_3166_2",
                    "kind",
                    "name_en",
                    "name_local",
                    "macro_region",
                    "valid_from",
                    "valid_to",
                    "replaced_by",
                    "centroid_lat",
                    "centroid_lon",
                ],
            )
            area_ids = _ids_by_natural_key(AdminArea)

    def _load_isic(self) -> None:
        # Sections first, so that the divisions' and classes' foreign keys resolve.
        for seeds in (data.ISIC_SECTIONS, data.ISIC_DIVISIONS, data.ISIC_CLASSES):
            IsicCode.objects.bulk_create(
                [
                    IsicCode(
                        code=seed.code,
                        level=seed.level,
                        title=seed.title,
                        section_id=seed.section,
                    )
                    for seed in seeds
                ],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["level", "title", "section"],
            )

    def _load_legal_forms(self) -> None:
        LegalForm.objects.bulk_create(
            [
                LegalForm(
                    country_id=seed.country,
                    code=seed.code,
                    name_en=seed.name_en,
                    name_local=seed.name_local,
                    governing_law=seed.governing_law,
                    default_sse_type=seed.default_sse_type,
                    to_be_confirmed=True,
                )
                for seed in data.LEGAL_FORMS
            ],
            update_conflicts=True,
            unique_fields=["country", "code"],
            update_fields=[
                "name_en",
                "name_local",
                "governing_law",
                "default_sse_type",
                "to_be_confirmed",
            ],
        )

    def _load_exchange_rates(self) -> None:
        # Rows already there are left alone: staff may have corrected a rate.
        ExchangeRate.objects.bulk_create(
            [
                ExchangeRate(
                    currency=seed.currency,
                    year=seed.year,
                    units_per_usd=seed.units_per_usd,
                    source=seed.source,
                )
                for seed in data.EXCHANGE_RATES
            ],
            ignore_conflicts=True,
        )

    def _print_summary(self) -> None:
        known = {(seed.country, seed.code) for seed in data.AREAS}
        for seed in data.COUNTRIES:
            areas = AdminArea.objects.filter(country_id=seed.code, level=1)
            current = areas.current().count()
            former = areas.count() - current
            regions = MacroRegion.objects.filter(country_id=seed.code).count()
            forms = LegalForm.objects.filter(country_id=seed.code).count()
            self.stdout.write(
                f"{seed.code} {seed.name}: {current} current areas, {former} former, "
                f"{regions} macro-regions, {forms} legal forms"
            )
            stale = sorted(
                code
                for code in areas.values_list("code", flat=True)
                if (seed.code, code) not in known
            )
            if stale:
                self.stdout.write(
                    self.style.WARNING(
                        f"  not in the reference data (kept): {', '.join(stale)}"
                    )
                )
        sections = IsicCode.objects.filter(level="section").count()
        divisions = IsicCode.objects.filter(level="division").count()
        self.stdout.write(f"ISIC Rev.4: {sections} sections, {divisions} divisions")
        self.stdout.write(f"Exchange rates: {ExchangeRate.objects.count()}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))


def _centroid(code: str) -> dict[str, Decimal | None]:
    # Through str() so that 13.1 is stored as 13.10000, not as the nearest binary float.
    lat, lon = CENTROIDS.get(code, (None, None))
    return {
        "centroid_lat": None if lat is None else Decimal(str(lat)),
        "centroid_lon": None if lon is None else Decimal(str(lon)),
    }


def _ids_by_natural_key(
    model: type[MacroRegion] | type[AdminArea],
) -> dict[NaturalKey, int]:
    return {
        (country, code): pk
        for pk, country, code in model.objects.values_list("pk", "country_id", "code")
    }
