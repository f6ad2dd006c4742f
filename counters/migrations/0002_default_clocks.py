"""The header's default cities, Moscow and London, so that a new site shows the clocks from the start."""

from django.db import migrations

DEFAULT_CLOCKS = [
    {"time_zone": "Europe/Moscow", "label": "Moscow", "label_en": "Moscow", "label_ru": "Москва", "order": 1},
    {"time_zone": "Europe/London", "label": "London", "label_en": "London", "label_ru": "Лондон", "order": 2},
]


def add_default_clocks(apps, schema_editor):
    Clock = apps.get_model("counters", "Clock")
    if Clock.objects.exists():
        return
    for data in DEFAULT_CLOCKS:
        Clock.objects.create(**data)


class Migration(migrations.Migration):
    dependencies = [("counters", "0001_initial")]

    operations = [migrations.RunPython(add_default_clocks, migrations.RunPython.noop)]
