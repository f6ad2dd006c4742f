"""Renew the page cache's generation: every cached page, shared or in a worker's memory, is made anew.

The release step runs it after migrating: pages made by the previous code (its templates, its
translations, its static files' hashed names) must not outlive a deploy by the rest of the minute.
"""

from django.core.management.base import BaseCommand

from embassy.pagecache import forget_generation


class Command(BaseCommand):
    help = "Renew the page cache: every cached page is made anew (run after each deploy)."

    def handle(self, *args, **options):
        forget_generation()
        self.stdout.write("Page cache renewed.")
