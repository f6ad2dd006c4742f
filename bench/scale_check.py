"""Times uncached pages against the archive's first page, on the database DATABASE_URL names.

    createdb -h 127.0.0.1 -U postgres bench_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_scale DJANGO_SECRET_KEY=bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py generate_publications 100000
    .venv/bin/python bench/scale_check.py

Each page is rendered in this process through the whole middleware stack (Django's test client),
with the cache emptied before every request, so every timing is a page made from the database.
Prints the median of --runs renderings, the queries each page runs and its ratio to the archive's
first page; the issue's budget is 3×.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from news.models import Category, Publication  # noqa: E402
from news.views import PER_PAGE  # noqa: E402

BUDGET = 3.0


def pages():
    """(label, path, held to the budget?) for each page to time."""
    english = Publication.objects.published().in_language("en")
    category = Category.objects.get(slug="statements")
    last_page = -(-english.count() // PER_PAGE)
    last_in_category = -(-english.filter(category=category).count() // PER_PAGE)
    article = english.newest_first().select_related("category").first()
    yield "archive, first page", "/en/news/", True
    yield f"archive, last page ({last_page})", f"/en/news/?page={last_page}", True
    yield "category, first page", f"/en/news/{category.slug}/", True
    yield (
        f"category, last page ({last_in_category})",
        f"/en/news/{category.slug}/?page={last_in_category}",
        True,
    )
    yield "feed (RSS)", "/en/news/feed/rss/", True
    yield "feed (Atom, Russian)", "/ru/news/feed/atom/", True
    yield "sitemap index", "/sitemap.xml", True
    for path in sitemap_pages():
        yield f"sitemap {path}", path, True
    yield "home", "/en/", False
    yield (
        "article",
        f"/en/news/{category.slug}/{article.slug}/".replace(category.slug, article.category.slug),
        False,
    )
    try:
        with translation.override("en"):
            search = reverse("search")
    except NoReverseMatch:
        search = None
    if search:
        yield "search 'minister'", f"{search}?q=minister", True
        yield "search 'санкций'", f"/ru{search[3:]}?q=санкций", True
    else:
        print("(no search page yet: not timed)")


def sitemap_pages():
    """The first and last page of each publication sitemap section."""
    from embassy.urls import sitemaps

    for section, site in sitemaps.items():
        if not section.startswith("publications"):
            continue
        site = site() if callable(site) else site
        path = reverse("sitemap-section", kwargs={"section": section}) if "-" in section else "/sitemap.xml"
        yield path
        if site.paginator.num_pages > 1:
            yield f"{path}?p={site.paginator.num_pages}"


def time_page(client, path, runs):
    for _ in range(2):  # warm up: templates, translations, the connection
        cache.clear()
        client.get(path)
    timings = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings) * 1000, len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    total = Publication.objects.count()
    print(f"{total} publications on {connection.vendor}; median of {args.runs} uncached renderings\n")
    print(f"{'page':<44} {'ms':>8} {'queries':>8} {'KB':>8} {'ratio':>7}")
    baseline, failures = None, []
    for label, path, budgeted in pages():
        ms, queries, size = time_page(client, path, args.runs)
        baseline = baseline or ms
        ratio = ms / baseline
        verdict = "" if not budgeted else ("ok" if ratio <= BUDGET else "OVER")
        if verdict == "OVER":
            failures.append(label)
        print(f"{label:<44} {ms:8.1f} {queries:8d} {size / 1024:8.1f} {ratio:6.2f}× {verdict}")
    print(
        f"\nbudget: {BUDGET:.0f}× the archive's first page; "
        + (f"over: {failures}" if failures else "all within")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
