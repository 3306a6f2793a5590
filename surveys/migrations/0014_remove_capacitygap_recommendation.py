from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("surveys", "0013_recommendations_by_actor")]

    operations = [
        migrations.RemoveField(model_name="capacitygap", name="recommendation"),
    ]
