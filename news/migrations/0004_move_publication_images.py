"""Move each publication's single image into its gallery, stripped of metadata, with renditions.

Kept apart from the schema changes (0003, 0005): PostgreSQL refuses to alter a table in the
transaction that has just written rows pointing at it ("pending trigger events").
"""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import get_image_dimensions
from django.db import migrations

from news.images import make_renditions, without_metadata

CODES = [code for code, _name in settings.LANGUAGES]


def move_into_gallery(apps, schema_editor):
    Publication = apps.get_model("news", "Publication")
    PublicationImage = apps.get_model("news", "PublicationImage")
    storage = PublicationImage._meta.get_field("image").storage
    for publication in Publication.objects.exclude(image="").exclude(image__isnull=True):
        old_name = name = publication.image.name
        width = height = None
        renditions = []
        try:
            with storage.open(old_name) as original:
                clean = without_metadata(File(original, name=posixpath.basename(old_name)))
        except (OSError, ValidationError):
            pass  # missing or unreadable here: keep the record; staff can upload the image again
        else:
            width, height = get_image_dimensions(clean)
            name = storage.save(posixpath.join(posixpath.dirname(old_name), clean.name), clean)
            storage.delete(old_name)  # it still carried its EXIF, and media files are public
            renditions = make_renditions(storage, name)
        texts = {}
        for code in CODES:
            texts[f"alt_{code}"] = getattr(publication, f"image_alt_{code}") or ""
            texts[f"caption_{code}"] = getattr(publication, f"image_caption_{code}") or ""
        PublicationImage.objects.create(
            publication=publication,
            image=name,
            width=width,
            height=height,
            alt=publication.image_alt or "",
            caption=publication.image_caption or "",
            order=0,
            renditions=renditions,
            **texts,
        )


def move_back(apps, schema_editor):
    """Going back keeps each publication's first image; renditions stay where they are."""
    Publication = apps.get_model("news", "Publication")
    PublicationImage = apps.get_model("news", "PublicationImage")
    for publication in Publication.objects.all():
        first = PublicationImage.objects.filter(publication=publication).order_by("order", "pk").first()
        if first is None:
            continue
        publication.image = first.image.name
        publication.image_alt = first.alt
        publication.image_caption = first.caption
        for code in CODES:
            setattr(publication, f"image_alt_{code}", getattr(first, f"alt_{code}") or "")
            setattr(publication, f"image_caption_{code}", getattr(first, f"caption_{code}") or "")
        publication.save(
            update_fields=["image", "image_alt", "image_caption"]
            + [f"image_{field}_{code}" for field in ("alt", "caption") for code in CODES]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_publicationimage"),
    ]

    operations = [
        migrations.RunPython(move_into_gallery, move_back),
    ]
