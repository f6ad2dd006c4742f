"""Load a file written by export_content into a freshly migrated, empty database."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from .export_content import CONTENT


def content_models():
    for label in CONTENT:
        if "." in label:
            yield apps.get_model(label)
        else:
            yield from apps.get_app_config(label).get_models()


class Command(BaseCommand):
    help = "Import content exported by export_content into an empty database (after `migrate`)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_content")

    def handle(self, *args, path, **options):
        # Groups are created by `migrate` itself (the staff roles), and loading updates them by name.
        occupied = [
            model._meta.label
            for model in content_models()
            if model._meta.label != "auth.Group" and model._default_manager.exists()
        ]
        if occupied:
            raise CommandError(
                f"The database already has content ({', '.join(occupied)}). Import into an empty, "
                "freshly migrated database, so that nothing is merged by accident."
            )
        # loaddata runs in one transaction and resets PostgreSQL's id sequences afterwards.
        call_command("loaddata", path, verbosity=0)
        self.stdout.write(f"Content imported from {path}.")
