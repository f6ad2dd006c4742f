"""Small factories shared by every test module."""

import itertools
import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from embassy.pagecache import PageCache
from news.models import Category, Publication

_sequence = itertools.count(1)

# The instant every test starts at, whatever the machine's clock says (docs/testing-time.md): an
# ordinary Wednesday morning in London, mid-minute, far from midnight and from a change of the clocks.
TESTS_START_AT = datetime(2025, 6, 11, 9, 30, 30, tzinfo=UTC)


MACHINE_CLOCK = pytest.StashKey[time_machine.travel]()


def pytest_configure(config):
    """`TESTS_MACHINE_CLOCK=2031-03-30T00:59:30+00:00` runs the whole session, set-up included, as if
    the machine's clock said so (CI's far-dated runs): what no test's own clock covers must not care."""
    if machine_clock := os.environ.get("TESTS_MACHINE_CLOCK"):
        config.stash[MACHINE_CLOCK] = time_machine.travel(datetime.fromisoformat(machine_clock))
        config.stash[MACHINE_CLOCK].start()


def pytest_unconfigure(config):
    if MACHINE_CLOCK in config.stash:
        config.stash[MACHINE_CLOCK].stop()


@pytest.fixture(autouse=True)
def tests_clock():
    """Each test starts at TESTS_START_AT and time runs on from there; a test that needs another
    moment travels to it. Factories therefore date their data by this clock, never the machine's."""
    with time_machine.travel(TESTS_START_AT) as clock:
        yield clock


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back rows send no signal to renew cached pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language: a request or test that switched to Russian
    must not make the next test's messages Russian."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests render templates without running collectstatic first, so the manifest is not needed."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def make_category(db):
    def make(**overrides):
        n = next(_sequence)
        fields = {"slug": f"category-{n}", "name_en": f"Category {n}", "name_ru": f"Рубрика {n}", "order": n}
        fields.update(overrides)
        return Category.objects.create(**fields)

    return make


@pytest.fixture
def category(make_category):
    return make_category(slug="statements", name_en="Statements and comments", name_ru="Заявления")


@pytest.fixture
def make_publication(db, category):
    """A published, bilingual publication one hour old unless told otherwise. `published_at` may be a
    timedelta from the test's clock, for tables of cases written before any test runs."""

    def make(**overrides):
        n = next(_sequence)
        fields = {
            "slug": f"publication-{n}",
            "title_en": f"Statement number {n}",
            "title_ru": f"Заявление номер {n}",
            "lead_en": f"Lead of statement {n}.",
            "lead_ru": f"Анонс заявления {n}.",
            "body_en": f"<p>Body of statement {n}.</p>",
            "body_ru": f"<p>Текст заявления {n}.</p>",
            "category": category,
            "status": Publication.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }
        fields.update(overrides)
        if isinstance(fields["published_at"], timedelta):
            fields["published_at"] = timezone.now() + fields["published_at"]
        return Publication.objects.create(**fields)

    return make


@pytest.fixture
def make_publications(make_publication, category):
    """`count` published publications, one a minute apart, made in one bulk query."""

    def make(count, **overrides):
        now = timezone.now()
        publications = []
        for i in range(count):
            n = next(_sequence)
            fields = {
                "slug": f"bulk-{n}",
                "title_en": f"Bulk statement {n}",
                "title_ru": f"Массовое заявление {n}",
                "lead_en": "Lead.",
                "lead_ru": "Анонс.",
                "body_en": "<p>Body.</p>",
                "body_ru": "<p>Текст.</p>",
                "category": category,
                "status": Publication.Status.PUBLISHED,
                "published_at": now - timedelta(minutes=i + 1),
            }
            fields.update(overrides)
            publications.append(Publication(**fields))
        return Publication.objects.bulk_create(publications)

    return make


class Visitor:
    """Requests through the whole WSGI application, as gunicorn makes them: the page cache in front
    of Django included, which the test client (it calls Django's handler directly) never reaches."""

    def __init__(self):
        self.application = PageCache(WSGIHandler())
        self.factory = RequestFactory()

    def get(self, path, **extra):
        return self.request(self.factory.get(path, **extra).environ)

    def head(self, path, **extra):
        return self.request(self.factory.head(path, **extra).environ)

    def queries_when_cached(self, path):
        """Make the page at `path`, then ask for it again: the SQL queries of that second answer,
        which must come from the page cache."""
        assert self.get(path)["X-Cache"] == "miss", path
        with CaptureQueriesContext(connection) as queries:
            assert self.get(path)["X-Cache"] == "hit", path
        return len(queries)

    def request(self, environ):
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        # As the test client does: the test's transaction must survive the request's end.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            body = self.application(environ, start_response)
            try:
                content = b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        response = HttpResponse(content, status=int(answer["status"].split()[0]))
        del response["Content-Type"]
        for name, value in answer["headers"]:
            response.headers[name] = value
        return response


@pytest.fixture
def count_queries(client):
    """`count_queries(path)`: how many queries Django runs to make the page at `path` afresh (the test
    client calls Django directly, never through the page cache)."""

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        return len(queries)

    return count


@pytest.fixture
def visitor(db):
    """An anonymous visitor's requests, served as in production (see Visitor).

    The clock stands still mid-minute (tests may move it): pages are cached per minute, and a test
    must not cross a minute's end by chance between two requests.
    """
    with time_machine.travel(timezone.now().replace(second=30, microsecond=0), tick=False):
        yield Visitor()


@pytest.fixture
def back_to_the_latest_migrations(transactional_db):
    """For a test that moves the schema back to test a migration: afterwards every migration is
    applied again, so that the tests after it meet the schema they expect."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
