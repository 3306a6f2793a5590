from django.db import migrations

# The map groups the entities by their cell at the zoom asked (`surveys.maps.clusters`:
# the stored cell shifted right, row and column in one key). PostgreSQL cannot tell
# how many cells such a key makes and expects one for every ten entities, so it
# gathers every point before grouping; told the number of cells, it groups the points
# of every country in parallel, each worker its few cells. One statistics object for
# each zoom down to the stored grid's; the expression is the grouping's, as written.
GRID_ZOOM = 16  # surveys.models.entities.MAP_GRID_ZOOM
CELL_KEY = 2**25  # surveys.maps.clusters.CELL_KEY


def _cell(zoom):
    shift = GRID_ZOOM - zoom
    return f"((map_row::bigint >> {shift}) * {CELL_KEY} + (map_col >> {shift}))"


def add_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for zoom in range(GRID_ZOOM + 1):
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS entity_map_cell_z{zoom} "
            f"ON {_cell(zoom)} FROM surveys_entity"
        )
    schema_editor.execute("ANALYZE surveys_entity")


def remove_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for zoom in range(GRID_ZOOM + 1):
        schema_editor.execute(f"DROP STATISTICS IF EXISTS entity_map_cell_z{zoom}")


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0040_entity_sort_indexes"),
    ]

    operations = [
        migrations.RunPython(add_statistics, remove_statistics),
    ]
