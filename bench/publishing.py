"""Publishing under load: an editor saves a publication every few seconds while visitors load cached pages.

Two parts, both run by bench/benchmark.py:
- `application`: the site exactly as deployed (embassy.wsgi), each answer saying which worker gave it
  (`X-Worker: <pid>`), so that the checker knows when every worker shows a change. Each page a worker
  makes or waits for (X-Cache other than "hit") is noted on stderr, in gunicorn's log, as
  `bench-page <outcome> <path>`, to count the renders each change costs. The header is added
  here, for the benchmark only: the site's own answers do not name their process. With
  BENCH_COALESCING=0, requests that miss a page no longer wait for the one making it.
- `python -m bench.publishing --base URL --first-save T --until T --workers N PATH…`: the editor
  and the checker. From `--first-save` (a Unix time) until `--until`, it changes the newest
  publication's English title to a new marker every `--every` seconds, as a save through the admin
  does (one transaction: the page cache is renewed at once and again at the commit), then asks for
  each PATH, round and round, until every worker has answered each with the marker, and notes how
  long after the save's commit each did. It prints the figures as JSON and puts the title back.
"""

import argparse
import json
import os
import secrets
import sys
import time
import urllib.request
from itertools import cycle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

from embassy import pagemaking  # noqa: E402
from embassy.wsgi import application as site  # noqa: E402 - needs the settings module chosen

if os.environ.get("BENCH_COALESCING") == "0":  # for comparison: every request that misses makes the page
    pagemaking.take_turn = lambda key, generation: True


def application(environ, start_response):
    def naming_the_worker(status, headers, exc_info=None):
        outcome = next((value for name, value in headers if name == "X-Cache"), None)
        if outcome not in (None, "hit"):
            sys.stderr.write(f"bench-page {outcome} {environ.get('PATH_INFO')}\n")
        return start_response(status, [*headers, ("X-Worker", str(os.getpid()))], exc_info)

    return site(environ, naming_the_worker)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", required=True)
    parser.add_argument("--first-save", type=float, required=True)
    parser.add_argument("--until", type=float, required=True)
    parser.add_argument("--every", type=float, default=2)
    parser.add_argument("--workers", type=int, required=True)
    args = parser.parse_args()

    from django.db import transaction

    from news.models import Publication

    publication = Publication.objects.published().in_language("en").newest_first().first()
    title = publication.title_en
    run = secrets.token_hex(3)
    saves = []
    try:
        at = args.first_save
        while at <= args.until:
            time.sleep(max(at - time.time(), 0))
            marker = f"Publishing under load {run}-{len(saves)}"
            with transaction.atomic():  # as the admin saves
                publication.title_en = marker
                publication.save()
            saves.append(check(args, marker, deadline=time.monotonic() + args.every - 0.1))
            at += args.every
    finally:
        publication.title_en = title
        publication.save()
    print(json.dumps(saves))


def check(args, marker, deadline):
    """How long after the save each worker first answered each path with `marker` (seconds); how
    long after it the last request answered without it was made; and how many answers went back to
    the page from before it after showing it."""
    saved = time.monotonic()
    seen, went_back, answers, errors, last_without = {}, 0, 0, 0, None
    for path in cycle(args.paths):
        if (
            time.monotonic() > deadline
            or sum(len(workers) for workers in seen.values()) == len(args.paths) * args.workers
        ):
            break
        asked = time.monotonic() - saved
        try:
            with urllib.request.urlopen(args.base + path, timeout=5) as response:
                worker, body = response.headers["X-Worker"], response.read()
        except OSError:  # counted, and the change is not seen: the figures say so
            errors += 1
            continue
        answers += 1
        workers = seen.setdefault(path, {})
        if marker.encode() in body:
            workers.setdefault(worker, time.monotonic() - saved)
        else:
            last_without = asked
            went_back += worker in workers
    return {
        "visible": seen,
        "went_back": went_back,
        "last_without": last_without,
        "answers": answers,
        "errors": errors,
    }


if __name__ == "__main__":
    main()
