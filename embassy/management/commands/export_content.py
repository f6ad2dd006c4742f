"""Write all of the site's content to one file: publications in both languages, their images' records,
categories, counters, clocks, consular offices, and the staff accounts the history refers to.

Every model of the content apps is included, so a model added later is exported without a change
here. Uploaded image files live in the media volume and are backed up with it (see the README).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# The apps whose models are the site's content, and the accounts that content refers to
# (authors of history entries and embargo links; staff roles).
CONTENT = ["news", "counters", "consular", "auth.group", "auth.user"]
# JSON with times to the microsecond (embassy/backup_json.py); loaddata reads it as "json".
EXACT_JSON = "exact-json"


class Command(BaseCommand):
    help = "Export all content to one JSON file (.json, or compressed: .json.gz, .json.bz2, .json.xz)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write, e.g. embassy-2026-01-31.json.gz")

    def handle(self, *args, path, **options):
        # Natural keys: users, groups, permissions and content types are referred to by name, so the
        # file loads into any freshly migrated database whatever ids those rows got there.
        call_command(
            "dumpdata",
            *CONTENT,
            format=EXACT_JSON,
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=path,
            verbosity=0,
        )
        self.stdout.write(f"Content exported to {path}.")
