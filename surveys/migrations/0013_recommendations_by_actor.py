"""A capacity gap's single recommendation becomes one recommendation addressed to all
actors; the next migration removes the text field.

Apart from the removal: on PostgreSQL a table cannot be altered in the transaction
that inserted rows whose deferred foreign-key checks point at it."""

from typing import Any

from django.db import migrations

ALL_ACTORS = "ALL"


def recommendations_from_text(apps: Any, schema_editor: Any) -> None:
    CapacityGap = apps.get_model("surveys", "CapacityGap")
    Recommendation = apps.get_model("surveys", "Recommendation")
    Recommendation.objects.bulk_create(
        Recommendation(capacity_gap_id=pk, actor=ALL_ACTORS, text=text.strip())
        for pk, text in CapacityGap.objects.exclude(recommendation="").values_list(
            "pk", "recommendation"
        )
        if text.strip()
    )


def text_from_recommendations(apps: Any, schema_editor: Any) -> None:
    CapacityGap = apps.get_model("surveys", "CapacityGap")
    Recommendation = apps.get_model("surveys", "Recommendation")
    texts: dict[int, list[str]] = {}
    for gap_id, text in Recommendation.objects.order_by(
        "capacity_gap", "position", "pk"
    ).values_list("capacity_gap_id", "text"):
        texts.setdefault(gap_id, []).append(text)
    for gap_id, parts in texts.items():
        CapacityGap.objects.filter(pk=gap_id).update(recommendation="\n\n".join(parts))


class Migration(migrations.Migration):
    dependencies = [("surveys", "0012_review_round_and_form_submissions")]

    operations = [
        migrations.RunPython(recommendations_from_text, text_from_recommendations),
    ]
