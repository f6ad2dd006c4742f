"""export_content and import_content: all content to one file and back into an empty database."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from embassy.management.commands.import_content import content_models
from news.models import Publication


def snapshot(tmp_path, name):
    """Every content row, compared by value (ids of users and groups aside: they go by name)."""
    path = tmp_path / name
    call_command("export_content", str(path), verbosity=0)
    return sorted(json.dumps(row, sort_keys=True) for row in json.loads(path.read_text()))


def empty_the_database():
    """What a freshly migrated database holds: no content, the staff roles `migrate` creates."""
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_is_lossless(tmp_path, make_publication):
    call_command("load_demo", verbosity=0)
    make_publication(
        slug="english-only", title_en="English only", title_ru="", lead_ru="", body_ru="", is_featured=True
    )
    before = snapshot(tmp_path, "before.json")
    call_command("export_content", str(tmp_path / "backup.json.gz"), verbosity=0)
    empty_the_database()
    assert not Publication.objects.exists()

    call_command("import_content", str(tmp_path / "backup.json.gz"), verbosity=0)

    assert snapshot(tmp_path, "after.json") == before
    models = {json.loads(row)["model"] for row in before}
    assert {"news.publication", "news.category", "counters.counter", "consular.consularoffice"} <= models
    english_only = Publication.objects.get(slug="english-only")
    assert english_only.title_en == "English only" and english_only.title_ru == ""


@pytest.mark.django_db
def test_every_model_of_the_content_apps_is_exported():
    labels = {model._meta.label_lower for model in content_models()}

    assert {"news.publication", "news.publicationimage", "counters.clock", "consular.openinghours"} <= labels


@pytest.mark.django_db
def test_import_refuses_a_database_that_already_has_content(tmp_path, make_publication):
    make_publication()
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)

    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)
