"""Load a file written by export_content into a freshly migrated, empty database: every row checked,
all or nothing (embassy/backup.py)."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from embassy.backup import Refused, Scope, load, read

from .export_content import add_scope_arguments, scope_from

# Rows that `migrate` itself creates: not content, replaced by the imported ones.
DEFAULT_CLOCKS = import_module("counters.migrations.0002_default_clocks").DEFAULT_CLOCKS
CLOCK_FIELDS = ["time_zone", "label_en", "label_ru", "order", "is_shown"]
SHOWN_REFUSALS = 50


def content_models(scope=None):
    """The models a backup holds: every model of the content apps (and accounts, if in `scope`)."""
    return (scope or Scope(access_logs=True)).models()


def has_only_default_clocks(clocks) -> bool:
    """Whether the clocks are exactly those `migrate` adds (counters 0002), untouched by staff."""
    expected = sorted(
        tuple({"is_shown": True, **clock}[field] for field in CLOCK_FIELDS) for clock in DEFAULT_CLOCKS
    )
    return sorted(clocks.values_list(*CLOCK_FIELDS)) == expected


class Command(BaseCommand):
    help = (
        "Import content exported by export_content into an empty database (after `migrate`). Every row "
        "is checked as an admin save would; if any is refused, nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_content")
        add_scope_arguments(parser, "Import")

    def handle(self, *args, path, **options):
        scope = scope_from(options)
        try:
            rows = read(path)
        except ValueError as error:
            raise CommandError(str(error)) from error
        Clock = apps.get_model("counters", "Clock")
        default_clocks = has_only_default_clocks(Clock.objects.all())
        # The default clocks that `migrate` adds are replaced by the imported ones.
        occupied = [
            model._meta.label
            for model in content_models(Scope(accounts=scope.accounts, access_logs=True))
            if not (model is Clock and default_clocks) and model._default_manager.exists()
        ]
        if occupied:
            raise CommandError(
                f"The database already has content ({', '.join(occupied)}). Import into an empty, "
                "freshly migrated database, so that nothing is merged by accident."
            )
        try:
            # One transaction: the default clocks stay if anything is refused.
            with transaction.atomic():
                Clock.objects.all().delete()
                report = load(rows, scope)
        except Refused as refused:
            raise CommandError(self.refusals(refused.report, path)) from None
        if report.without_account:
            self.stdout.write(
                "Imported without the staff account they name, which this database does not have (the "
                f"author of a version, the maker of an embargo link): {report.without_account} rows."
            )
        if report.skipped_roles:
            self.stdout.write(
                "Skipped, as `migrate` keeps staff roles as the code defines them (auth.group): "
                f"{report.skipped_roles} rows."
            )
        self.stdout.write(f"Content imported from {path}: {sum(report.loaded.values())} rows.")

    @staticmethod
    def refusals(report, path):
        lines = report.refusals[:SHOWN_REFUSALS]
        more = len(report.refusals) - len(lines)
        return "\n".join(
            [
                f"Nothing was imported from {path}. Rows refused: {len(report.refusals)}.",
                *(f"  {line}" for line in lines),
                *([f"  … and {more} more."] if more else []),
            ]
        )
