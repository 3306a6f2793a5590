from django.db import migrations, models

# On PostgreSQL the look-alike search's "starts with" and "holds the word" lookups on
# the stored name key are served by a trigram index instead of reading the area.
TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS entity_name_key_trgm "
    "ON surveys_entity USING gin (name_key gin_trgm_ops)"
)


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(TRIGRAM_INDEX)


def remove_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The extension stays: other indexes or queries of the database may use it.
        schema_editor.execute("DROP INDEX IF EXISTS entity_name_key_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0024_draft_deletion_and_comment_resolutions"),
    ]

    operations = [
        migrations.RunPython(add_trigram_index, remove_trigram_index),
        migrations.AddField(
            model_name="importjob",
            name="checked_from",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
