"""Entities' points outside their area, flagged again by each area's own reach."""

from django.db import migrations

from countries.area_reach import area_reaches


def flag_by_area_reach(apps, schema_editor):  # type: ignore[no-untyped-def]
    AdminArea = apps.get_model("countries", "AdminArea")
    Entity = apps.get_model("surveys", "Entity")
    for country_id in AdminArea.objects.values_list("country_id", flat=True).distinct():
        reaches = area_reaches(AdminArea.objects.filter(country_id=country_id, level=1))
        flagged: dict[bool, list[int]] = {True: [], False: []}
        entities = Entity.objects.filter(country_id=country_id).values_list(
            "pk", "area_id", "latitude", "longitude", "flag_geo_mismatch"
        )
        for pk, area_id, latitude, longitude, flag in entities.iterator(
            chunk_size=5000
        ):
            reach = reaches.get(area_id)
            outside = (
                reach is not None
                and latitude is not None
                and longitude is not None
                and reach.outside((float(latitude), float(longitude))) is not None
            )
            if outside != flag:
                flagged[outside].append(pk)
        for flag, ids in flagged.items():
            for start in range(0, len(ids), 5000):
                Entity.objects.filter(pk__in=ids[start : start + 5000]).update(
                    flag_geo_mismatch=flag
                )


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0009_profile"),
        ("surveys", "0029_import_notes"),
    ]

    operations = [
        migrations.RunPython(flag_by_area_reach, migrations.RunPython.noop),
    ]
