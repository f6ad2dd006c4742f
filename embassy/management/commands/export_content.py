"""Write the site's content to one file: publications in both languages and their versions, their
images' records, categories, counters, clocks, consular offices.

Staff accounts, embargo links' tokens and the embargo link openings stay out unless asked for
(embassy/backup.py says why). Uploaded image files live in the media volume and are backed up with it
(see the README).
"""

from django.core.management.base import BaseCommand, CommandError

from embassy.backup import Scope, export


def add_scope_arguments(parser, verb):
    parser.add_argument(
        "--with-accounts",
        action="store_true",
        help=f"{verb} the staff accounts too: password hashes, superuser flags, e-mail addresses.",
    )
    parser.add_argument(
        "--with-embargo-tokens",
        action="store_true",
        help=f"{verb} embargo links' tokens, so their addresses keep working (else they get new ones).",
    )
    parser.add_argument(
        "--with-access-logs",
        action="store_true",
        help=f"{verb} the embargo links' openings: readers' addresses and browsers.",
    )
    parser.add_argument("--full", action="store_true", help="All three of the above: a full backup.")


def scope_from(options) -> Scope:
    full = options["full"]
    return Scope(
        accounts=full or options["with_accounts"],
        embargo_tokens=full or options["with_embargo_tokens"],
        access_logs=full or options["with_access_logs"],
    )


class Command(BaseCommand):
    help = (
        "Export the content to one JSON file (.json, or compressed: .json.gz, .json.bz2, .json.xz), "
        "readable by its owner only."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. embassy-2026-01-31.json.gz")
        add_scope_arguments(parser, "Include")

    def handle(self, *args, path, **options):
        scope = scope_from(options)
        try:
            counts = export(path, scope)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        left_out = [
            what
            for what, included in [
                ("staff accounts", scope.accounts),
                ("embargo links' tokens", scope.embargo_tokens),
                ("embargo link openings", scope.access_logs),
            ]
            if not included
        ]
        note = f" Left out (see --help): {', '.join(left_out)}." if left_out else ""
        self.stdout.write(f"Content exported to {path}: {sum(counts.values())} rows.{note}")
