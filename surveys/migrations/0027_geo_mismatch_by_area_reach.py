"""Entities' points outside their area, flagged again by each area's own reach."""

from django.db import migrations

from countries.area_reach import area_reaches


def flag_by_area_reach(apps, schema_editor):  # type: ignore[no-untyped-def]
    AdminArea = apps.get_model("countries", "AdminArea")
    Entity = apps.get_model("surveys", "Entity")
    for country_id in AdminArea.objects.values_list("country_id", flat=True).distinct():
        reaches = area_reaches(AdminArea.objects.filter(country_id=country_id, level=1))
        changed = []
        entities = Entity.objects.filter(country_id=country_id).only(
            "pk", "area_id", "latitude", "longitude", "flag_geo_mismatch"
        )
        for entity in entities.iterator(chunk_size=2000):
            reach = reaches.get(entity.area_id)
            outside = (
                reach is not None
                and entity.latitude is not None
                and entity.longitude is not None
                and reach.outside((float(entity.latitude), float(entity.longitude)))
                is not None
            )
            if outside != entity.flag_geo_mismatch:
                entity.flag_geo_mismatch = outside
                changed.append(entity)
        Entity.objects.bulk_update(changed, ["flag_geo_mismatch"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0009_profile"),
        ("surveys", "0026_import_notes"),
    ]

    operations = [
        migrations.RunPython(flag_by_area_reach, migrations.RunPython.noop),
    ]
