"""Store as saving now does the texts saved before: a body that shows nothing ("<p></p>") as "".

The rules that read the database (the admin's "Missing Russian" filter, complete_in) take "" for no
text; a body saved earlier as the editor's empty paragraphs would otherwise count as a text.
"""

from django.conf import settings
from django.db import migrations

from news.sanitize import has_visible_text

CODES = [code for code, _name in settings.LANGUAGES]


def tidy_texts(apps, schema_editor):
    Publication = apps.get_model("news", "Publication")
    bodies = [f"body_{code}" for code in CODES]
    changed = []
    # Only the bodies, a thousand rows at a time: they are most of the table's bytes.
    for publication in Publication.objects.only("pk", *bodies).iterator(chunk_size=1000):
        before = [getattr(publication, field) for field in bodies]
        for field in bodies:
            body = getattr(publication, field)
            if body and not has_visible_text(body):
                setattr(publication, field, "")
        if before != [getattr(publication, field) for field in bodies]:
            changed.append(publication)
    Publication.objects.bulk_update(changed, bodies, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_featured_index"),
    ]

    operations = [
        migrations.RunPython(tidy_texts, migrations.RunPython.noop, elidable=True),
    ]
