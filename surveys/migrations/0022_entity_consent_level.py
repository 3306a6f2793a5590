from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# The old yes/no said nothing about figures: a "yes" becomes the narrower level, and
# the consultant records a wider consent when the entity gave one.
GIVEN = "NAME_PLACE"
NOT_GIVEN = "NONE"


def consent_levels_from_booleans(
    apps: Apps, schema_editor: BaseDatabaseSchemaEditor
) -> None:
    Entity = apps.get_model("surveys", "Entity")
    Entity.objects.filter(consent_given=True).update(consent_level=GIVEN)


def consent_booleans_from_levels(
    apps: Apps, schema_editor: BaseDatabaseSchemaEditor
) -> None:
    Entity = apps.get_model("surveys", "Entity")
    Entity.objects.exclude(consent_level=NOT_GIVEN).update(consent_given=True)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0021_releases"),
    ]

    operations = [
        migrations.AddField(
            model_name="entity",
            name="consent_by",
            field=models.CharField(
                blank=True,
                help_text="The name or role of the person who gave it.",
                max_length=250,
                verbose_name="consent given by",
            ),
        ),
        migrations.AddField(
            model_name="entity",
            name="consent_level",
            field=models.CharField(
                choices=[
                    ("NONE", "Not published"),
                    ("NAME_PLACE", "Name and place only"),
                    ("FIGURES", "Name, place and figures"),
                ],
                default="NONE",
                max_length=12,
                verbose_name="consent to publication",
            ),
        ),
        migrations.RunPython(
            consent_levels_from_booleans, consent_booleans_from_levels, elidable=True
        ),
    ]
