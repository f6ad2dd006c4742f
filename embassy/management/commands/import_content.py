"""Load a file written by export_content into a freshly migrated, empty database."""

from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .export_content import CONTENT

# Rows that `migrate` itself creates: not content, replaced by the imported ones.
DEFAULT_CLOCKS = import_module("counters.migrations.0002_default_clocks").DEFAULT_CLOCKS
CLOCK_FIELDS = ["time_zone", "label_en", "label_ru", "order", "is_shown"]


def content_models():
    for label in CONTENT:
        if "." in label:
            yield apps.get_model(label)
        else:
            yield from apps.get_app_config(label).get_models()


def has_only_default_clocks(clocks) -> bool:
    """Whether the clocks are exactly those `migrate` adds (counters 0002), untouched by staff."""
    expected = sorted(
        tuple({"is_shown": True, **clock}[field] for field in CLOCK_FIELDS) for clock in DEFAULT_CLOCKS
    )
    return sorted(clocks.values_list(*CLOCK_FIELDS)) == expected


class Command(BaseCommand):
    help = "Import content exported by export_content into an empty database (after `migrate`)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_content")

    def handle(self, *args, path, **options):
        Clock = apps.get_model("counters", "Clock")
        default_clocks = has_only_default_clocks(Clock.objects.all())
        # Groups are created by `migrate` itself (the staff roles), and loading updates them by name;
        # so are the default clocks, which the imported ones replace.
        occupied = [
            model._meta.label
            for model in content_models()
            if model._meta.label != "auth.Group"
            and not (model is Clock and default_clocks)
            and model._default_manager.exists()
        ]
        if occupied:
            raise CommandError(
                f"The database already has content ({', '.join(occupied)}). Import into an empty, "
                "freshly migrated database, so that nothing is merged by accident."
            )
        # One transaction: the default clocks stay if loading fails. loaddata resets PostgreSQL's
        # id sequences afterwards.
        with transaction.atomic():
            Clock.objects.all().delete()
            call_command("loaddata", path, verbosity=0)
            # loaddata bypasses save(): an edited or foreign file must not bring in unsafe HTML.
            apps.get_model("news", "Publication").objects.all().clean_bodies()
        self.stdout.write(f"Content imported from {path}.")
