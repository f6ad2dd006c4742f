"""Renew the page cache's generation: every cached page, shared or in a worker's memory, is made anew.

The release step runs it after migrating: pages made by the previous code (its templates, its
translations, its static files' hashed names) must not outlive a deploy by the rest of the minute.
With --stored-copies it also forgets the copies kept for database outages, as a takedown does: for
when a takedown could not reach Redis (its error says so).
"""

from django.core.management.base import BaseCommand

from embassy.middleware import forget_stale_copies
from embassy.pagecache import count_change, forget_generation


class Command(BaseCommand):
    help = "Renew the page cache: every cached page is made anew (run after each deploy)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stored-copies",
            action="store_true",
            help="Also forget the copies of pages kept for database outages.",
        )

    def handle(self, *args, stored_copies=False, **options):
        count_change()  # for the workers' copies while Redis is down
        forget_generation()
        if stored_copies:
            forget_stale_copies()
        self.stdout.write("Page cache renewed." + (" Stored copies forgotten." if stored_copies else ""))
