"""The copies kept for database outages cannot be multiplied by strangers, nor grow without bound."""

import pickle
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache

from embassy.middleware import StaleIfErrorMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime(2026, 12, 4, 12, 0, 30, tzinfo=UTC), tick=False) as traveller:
        yield traveller


HOST_SPELLINGS = ["testserver", "TESTSERVER", "TestServer", "testserver.", "testserver:80", "testserver:8081"]


def stored_copies():
    """The stored copies of pages in the cache (the test settings' cache is in this process's
    memory): every value that holds a page's content, whatever its key."""
    copies = []
    for value in cache._cache.values():
        value = pickle.loads(value)
        if isinstance(value, dict) and "content" in value:
            copies.append(value)
    return copies


def test_every_spelling_of_the_host_stores_one_copy_which_every_spelling_is_served(
    client, make_publication, database_down, clock
):
    make_publication(title_en="Statement on the talks")
    for host in HOST_SPELLINGS:
        for port in ("80", "8081"):
            client.get("/en/news/", HTTP_HOST=host, SERVER_PORT=port)

    assert len(stored_copies()) == 1
    database_down()
    clock.shift(timedelta(minutes=2))
    served = {host: client.get("/en/news/", HTTP_HOST=host) for host in HOST_SPELLINGS}

    assert {host: response.status_code for host, response in served.items()} == dict.fromkeys(
        HOST_SPELLINGS, 200
    )
    assert all(response["X-Served-Stale"] for response in served.values())


def test_only_the_canonical_spelling_of_the_host_makes_a_copy(client, make_publication):
    make_publication()
    for host in ("TESTSERVER", "TestServer", "testserver.", "testserver:8081"):
        client.get("/en/news/", HTTP_HOST=host)

    assert stored_copies() == []


def test_a_flood_of_pages_cannot_store_more_copies_than_there_are_slots(
    client, make_publications, monkeypatch
):
    monkeypatch.setattr(StaleIfErrorMiddleware, "SLOTS", 8, raising=False)
    items = make_publications(40)
    for item in items:
        assert client.get(item.get_absolute_url()).status_code == 200

    copies = stored_copies()
    assert 0 < len(copies) <= 8
    # A copy and its owner per slot, and the epoch.
    assert len([key for key in cache._cache if "stale-copy:" in key]) <= 2 * 8 + 1


def test_a_flood_of_pages_never_takes_the_slot_of_a_page_visitors_read(
    client, make_publications, database_down, monkeypatch, clock
):
    monkeypatch.setattr(StaleIfErrorMiddleware, "SLOTS", 1, raising=False)
    read, *flood = make_publications(20)
    seen = client.get(read.get_absolute_url())
    for item in flood:
        client.get(item.get_absolute_url())

    database_down()
    clock.shift(timedelta(minutes=2))
    assert client.get(read.get_absolute_url()).content == seen.content
    assert client.get(flood[-1].get_absolute_url()).status_code == 503


def test_a_slot_nobody_read_for_an_hour_goes_to_another_page(
    client, make_publications, database_down, monkeypatch, clock
):
    monkeypatch.setattr(StaleIfErrorMiddleware, "SLOTS", 1)
    first, second = make_publications(2)
    client.get(first.get_absolute_url())
    clock.shift(timedelta(minutes=61))
    client.get(second.get_absolute_url())

    database_down()
    assert client.get(second.get_absolute_url()).status_code == 200
    assert client.get(first.get_absolute_url()).status_code == 503


def test_a_page_over_the_size_limit_gets_no_copy(client, make_publication, database_down, monkeypatch):
    monkeypatch.setattr(StaleIfErrorMiddleware, "MAX_COPY_BYTES", 200, raising=False)
    make_publication()
    assert client.get("/en/news/").status_code == 200

    database_down()

    assert client.get("/en/news/").status_code == 503
    assert stored_copies() == []
