from django.core.management.base import BaseCommand

import consular.demo
import counters.demo
import news.demo
from embassy import roles


class Command(BaseCommand):
    help = "Load the demo content of every app. Safe to run again: it adds only what is missing."

    def handle(self, *args, **options):
        for name, loader in [
            ("news", news.demo.load),
            ("counters", counters.demo.load),
            ("consular", consular.demo.load),
            ("staff", roles.load_demo),
        ]:
            created = loader()
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
            self.stdout.write(f"Demo content ({name}): added {summary}.")
