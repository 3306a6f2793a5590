from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0022_entity_consent_level"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="entity",
            name="consent_given",
        ),
        migrations.AddConstraint(
            model_name="entity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("consent_level__in", ["NONE", "NAME_PLACE", "FIGURES"])
                ),
                name="entity_consent_level_code",
            ),
        ),
    ]
