"""export_content and import_content: all content to one file and back into an empty database."""

import json
from datetime import UTC, datetime
from importlib import import_module

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from counters.models import Clock
from embassy.management.commands.import_content import content_models
from news.models import Publication

DEFAULT_CLOCKS = import_module("counters.migrations.0002_default_clocks").DEFAULT_CLOCKS


def snapshot(tmp_path, name):
    """Every content row, compared by value (ids of users and groups aside: they go by name)."""
    path = tmp_path / name
    call_command("export_content", str(path), verbosity=0)
    return sorted(json.dumps(row, sort_keys=True) for row in json.loads(path.read_text()))


def empty_the_database():
    """No content at all, only the staff roles `migrate` creates."""
    call_command("flush", interactive=False, verbosity=0)


def freshly_migrated_database():
    """What `migrate` leaves: the staff roles and the default clocks of counters 0002."""
    empty_the_database()
    for clock in DEFAULT_CLOCKS:
        Clock.objects.create(**clock)


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


@pytest.mark.django_db(transaction=True)
def test_times_come_back_to_the_microsecond(tmp_path, make_publication):
    # Django's own JSON keeps milliseconds: 10:44:11.000345 came back as 10:44:11.
    moment = datetime(2026, 11, 29, 10, 44, 11, 345, tzinfo=UTC)
    make_publication(slug="exact", published_at=moment)
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)
    empty_the_database()

    call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)

    assert Publication.objects.get(slug="exact").published_at == moment


@pytest.mark.django_db(transaction=True)
def test_an_imported_file_cannot_bring_in_unsafe_html(tmp_path, make_publication):
    make_publication(slug="tampered", body_en="<p>Text</p>")
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)
    tampered = (
        (tmp_path / "backup.json")
        .read_text()
        .replace("<p>Text</p>", "<p>Text</p><script>alert(1)</script><img src=x onerror=alert(2)>")
    )
    (tmp_path / "backup.json").write_text(tampered)
    empty_the_database()

    call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)

    assert Publication.objects.get(slug="tampered").body_en == "<p>Text</p>"


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


@pytest.mark.django_db(transaction=True)
def test_import_into_a_freshly_migrated_database_replaces_the_default_clocks(tmp_path, make_publication):
    call_command("load_demo", verbosity=0)
    make_publication(slug="restored")
    Clock.objects.create(label_en="Tokyo", label_ru="Токио", time_zone="Asia/Tokyo", order=3)
    before = snapshot(tmp_path, "before.json")
    call_command("export_content", str(tmp_path / "backup.json.gz"), verbosity=0)
    freshly_migrated_database()

    call_command("import_content", str(tmp_path / "backup.json.gz"), verbosity=0)

    assert snapshot(tmp_path, "after.json") == before
    assert Publication.objects.filter(slug="restored").exists()


@pytest.mark.django_db(transaction=True)
def test_import_refuses_a_database_whose_clocks_staff_have_changed(tmp_path):
    call_command("export_content", str(tmp_path / "backup.json"), verbosity=0)
    freshly_migrated_database()
    Clock.objects.filter(time_zone="Europe/London").update(label_en="Greenwich")

    with pytest.raises(CommandError, match=r"already has content \(counters.Clock\)"):
        call_command("import_content", str(tmp_path / "backup.json"), verbosity=0)
    assert Clock.objects.filter(label_en="Greenwich").exists()
