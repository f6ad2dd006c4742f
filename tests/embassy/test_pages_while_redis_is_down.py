"""While Redis is down, each worker serves its own copies of pages, checked against the database.

Every content change adds one to a count kept in the database, in the change's own transaction
(embassy/models.py); a worker's copy is served only while that count is the one it was made under,
so a frozen Redis costs a cached page one tiny query instead of a render, and no change is missed.
"""

import os
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections, transaction
from django.utils import timezone

from embassy import cache as embassy_cache
from embassy import middleware, pagecache
from embassy.breaker import Breaker
from embassy.pagecache import PageCache, count_change, counted_changes
from news.models import Publication

from .test_page_cache import django_renders


@pytest.fixture
def redis_down(monkeypatch):
    """Redis did not answer a moment ago: its breaker is open in this process, as after a timeout."""
    breaker = Breaker("Redis")
    breaker.open, breaker.pid = True, os.getpid()
    monkeypatch.setattr(embassy_cache, "breaker", breaker)
    monkeypatch.setattr(pagecache, "cache_breaker", breaker)
    monkeypatch.setattr(middleware, "cache_breaker", breaker)
    return breaker


def test_a_page_seen_while_redis_is_down_is_served_again_without_django(
    visitor, make_publication, redis_down
):
    make_publication(title_en="Statement on the talks")
    first = visitor.get("/en/news/")

    renders, again = django_renders(visitor, "/en/news/")

    assert first["X-Cache"] == "miss" and "Statement on the talks" in first.text
    assert (renders, again["X-Cache"], again.content) == (0, "hit", first.content)


@pytest.mark.parametrize(
    "change, shown, gone",
    [
        ({"title_en": "Statement on the talks, corrected"}, "talks, corrected", None),
        ({"status": Publication.Status.WITHDRAWN}, None, "Statement on the talks"),
    ],
)
def test_a_change_while_redis_is_down_is_shown_at_once_by_every_worker(
    visitor, make_publication, redis_down, change, shown, gone
):
    publication = make_publication(title_en="Statement on the talks")
    workers = [visitor.application, PageCache(visitor.application.application)]
    for worker in workers:
        visitor.application = worker
        visitor.get("/en/news/")
        assert django_renders(visitor, "/en/news/")[0] == 0

    for name, value in change.items():
        setattr(publication, name, value)
    publication.save()

    for worker in workers:
        visitor.application = worker
        renders, page = django_renders(visitor, "/en/news/")
        assert renders == 1
        assert shown is None or shown in page.text
        assert gone is None or gone not in page.text


def test_a_page_made_while_a_change_was_saved_is_not_served_after_it(visitor, make_publication, redis_down):
    publication = make_publication(title_en="Statement on the talks")
    django = visitor.application.application

    def saved_while_rendering(environ, start_response):
        body = django(environ, start_response)  # the page shows the title from before the change
        publication.title_en = "Statement on the talks, corrected"
        publication.save()
        return body

    visitor.application.application = saved_while_rendering
    made = visitor.get("/en/news/")
    visitor.application.application = django

    renders, after = django_renders(visitor, "/en/news/")

    assert "talks, corrected" not in made.text
    assert renders == 1 and "talks, corrected" in after.text


def test_the_count_of_changes_is_added_to_in_the_changes_own_transaction(
    visitor, make_publication, redis_down
):
    publication = make_publication(title_en="Statement on the talks")
    visitor.get("/en/news/")
    before = counted_changes()

    with pytest.raises(RuntimeError), transaction.atomic():
        publication.title_en = "A title never saved"
        publication.save()
        assert counted_changes() == before + 1
        raise RuntimeError("the editor's save failed after the row was written")

    assert counted_changes() == before
    renders, page = django_renders(visitor, "/en/news/")
    assert renders == 0 and "A title never saved" not in page.text


def test_a_copy_made_while_redis_is_down_ends_at_the_next_scheduled_publication(
    visitor, make_publication, redis_down
):
    make_publication(title_en="Statement due in ten seconds", published_at=timedelta(seconds=10))
    assert "due in ten seconds" not in visitor.get("/en/news/").text
    assert django_renders(visitor, "/en/news/")[0] == 0

    with time_machine.travel(timezone.now() + timedelta(seconds=11), tick=False):
        renders, page = django_renders(visitor, "/en/news/")

    assert renders == 1 and "due in ten seconds" in page.text


def test_with_the_database_down_too_django_answers_with_its_copy_kept_for_outages(
    visitor, make_publication, redis_down, database_down, monkeypatch
):
    make_publication(title_en="Statement on the talks")
    seen = visitor.get("/en/news/")  # made with Redis down: kept by the worker, not in Redis
    database_down()

    page = visitor.get("/en/news/")
    monkeypatch.undo()  # both back, for the test database's own teardown

    assert page.status_code == 200 and page["X-Served-Stale"] == "database unavailable"
    assert page.content == seen.content


def test_the_copies_are_dropped_once_redis_answers_again(visitor, make_publication, redis_down):
    make_publication(title_en="Statement on the talks")
    visitor.get("/en/news/")
    assert visitor.application.copies.pages

    redis_down.open = False
    answer = visitor.get("/en/news/")

    assert answer["X-Cache"] == "miss"  # from the page cache's own path, which stores it in Redis
    assert not visitor.application.copies.pages


def test_a_change_redis_never_heard_of_is_not_hidden_by_its_pages_once_it_answers_again(
    visitor, make_publication, redis_down, monkeypatch
):
    publication = make_publication(title_en="Statement on the talks")
    redis_down.open = False
    assert visitor.get("/en/news/")["X-Cache"] == "miss"  # stored in Redis
    redis_down.open = True
    visitor.application.local.forget(listening=False)  # the worker's announcement channel is lost too
    visitor.get("/en/news/")

    def unreachable():
        raise TimeoutError("no answer")

    next_generation = pagecache.next_generation

    # A command saves a change while Redis does not answer, and exits: its renewal is never made.
    monkeypatch.setattr(pagecache, "next_generation", unreachable)
    publication.title_en = "Statement on the talks, corrected"
    publication.save()
    monkeypatch.setattr(pagecache, "next_generation", next_generation)
    redis_down.open = False
    visitor.application.local.forget(listening=True)  # and heard again

    renders, page = django_renders(visitor, "/en/news/")

    assert renders == 1 and "talks, corrected" in page.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: no two changes overlap")
@pytest.mark.django_db(transaction=True)
def test_two_changes_in_flight_are_counted_without_one_waiting_for_the_other():
    before = counted_changes()
    counted_by_the_other = threading.Event()

    def another_editor():
        try:
            with transaction.atomic():
                count_change()
            counted_by_the_other.set()
        finally:
            connections.close_all()

    with transaction.atomic():
        count_change()
        other = threading.Thread(target=another_editor)
        other.start()
        # Bounded: a second change queued behind this one would wait until this one commits.
        assert counted_by_the_other.wait(timeout=5)
    other.join()

    assert counted_changes() == before + 2
