"""Loads the reference page's publications, once: a site that has any content is left as staff made it."""

from datetime import datetime

from django.db import transaction

from embassy.clock import site_zone

from .demo_content import CATEGORIES, PUBLICATIONS
from .models import Category, Publication


@transaction.atomic
def load() -> dict[str, int]:
    created = {"categories": 0, "publications": 0}
    if Category.objects.exists() or Publication.objects.exists():
        # Staff may have renamed, re-slugged or deleted demo items: matching them again could only
        # duplicate or resurrect them.
        return created
    categories = {}
    for data in CATEGORIES:
        category, was_created = Category.objects.get_or_create(slug=data["slug"], defaults=data)
        categories[category.slug] = category
        created["categories"] += was_created
    for data in PUBLICATIONS:
        fields = {key: value for key, value in data.items() if key not in {"category", "published_at"}}
        _publication, was_created = Publication.objects.get_or_create(
            slug=data["slug"],
            defaults={
                **fields,
                "category": categories[data["category"]],
                "published_at": datetime.fromisoformat(data["published_at"]).replace(tzinfo=site_zone()),
                "status": Publication.Status.PUBLISHED,
            },
        )
        created["publications"] += was_created
    return created
