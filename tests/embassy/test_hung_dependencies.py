"""A database or cache that does not answer is given up on quickly, then skipped for a few seconds.

A frozen server looks, to a client, like a socket that accepts connections and never answers: here,
a listening socket that nothing reads. tests/deploy/test_hung_dependencies.py freezes real servers.
"""

import socket
import time
from datetime import timedelta

import psycopg
import pytest
import time_machine
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from embassy import cache as embassy_cache
from embassy import middleware, pagecache
from embassy.breaker import Breaker
from embassy.postgresql import base as bounded


@pytest.fixture
def silent_server():
    """Accepts connections (the kernel does, into its backlog) and never answers."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as server:
        yield server


def connections_made(server):
    server.setblocking(False)
    made = 0
    while True:
        try:
            server.accept()[0].close()
        except BlockingIOError:
            return made
        made += 1


def eventually(condition, seconds=10):
    """Wait for another thread's work (not for time to pass): poll until `condition` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the trial did not get there in time"
        time.sleep(0.01)


@pytest.fixture
def breakers(monkeypatch):
    """Each dependency's breaker, fresh for the test and closed after it (its trials stop)."""
    made = {"redis": Breaker("Redis", pause=0.05), "postgresql": Breaker("PostgreSQL", pause=0.05)}
    for module in (embassy_cache, pagecache, middleware):
        monkeypatch.setattr(
            module, "cache_breaker" if module is not embassy_cache else "breaker", made["redis"]
        )
    monkeypatch.setattr(bounded, "breaker", made["postgresql"])
    yield made
    for breaker in made.values():
        breaker.open = False


def test_a_dependency_is_skipped_until_a_trial_in_the_background_finds_it_answering():
    breaker = Breaker("PostgreSQL", pause=0.01)
    attempts = []

    def trial():
        attempts.append(1)
        if len(attempts) < 3:
            raise OSError("no answer")

    assert breaker.allows()
    breaker.tripped(trial)
    breaker.tripped(trial)  # one trial at a time, however many callers gave up

    assert not breaker.allows()
    breaker.trials.join(timeout=10)
    assert breaker.allows() and len(attempts) == 3


def test_a_frozen_redis_costs_one_timeout_then_is_skipped_without_connecting(silent_server, breakers):
    cache = embassy_cache.RedisCache(
        f"redis://127.0.0.1:{silent_server.getsockname()[1]}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}},
    )

    with pytest.raises(Exception):  # noqa: B017, PT011 - the callers treat any cache error as a miss
        cache.get_many(["a", "b"])
    assert not breakers["redis"].allows()
    with pytest.raises(Exception):  # noqa: B017, PT011
        cache.set("a", 1)

    assert connections_made(silent_server) == 1


def test_a_renewal_that_could_not_reach_a_frozen_redis_is_made_once_it_answers(breakers, monkeypatch):
    from django.core.cache import cache

    frozen = [True]

    def trial():
        if frozen[0]:
            raise TimeoutError("no answer")

    def incr(*args, **kwargs):
        if frozen[0]:
            raise TimeoutError("no answer")
        return real_incr(*args, **kwargs)

    before = pagecache.next_generation()
    real_incr = cache.incr
    monkeypatch.setattr(cache, "incr", incr)
    breakers["redis"].tripped(trial)

    pagecache.forget_generation()  # a change saved meanwhile
    assert cache.get(pagecache.GENERATION_KEY) == before
    frozen[0] = False

    eventually(lambda: cache.get(pagecache.GENERATION_KEY) != before)


def bounded_database(port, monkeypatch):
    """A connection to PostgreSQL at `port`, as a web worker makes it (deploy/gunicorn.conf.py)."""
    monkeypatch.setattr(bounded.BoundedConnection, "seconds", 0.2)
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "embassy.postgresql",
                "NAME": "embassy",
                "USER": "embassy",
                "HOST": "127.0.0.1",
                "PORT": port,
            }
        }
    )
    return handler["default"]


def test_a_frozen_database_costs_one_bounded_connection_attempt_then_is_skipped(
    silent_server, breakers, monkeypatch, django_db_blocker
):
    database = bounded_database(silent_server.getsockname()[1], monkeypatch)
    started = time.monotonic()

    with django_db_blocker.unblock():  # not the test database: a server of the test's own
        with pytest.raises(OperationalError, match="did not answer within"):
            database.ensure_connection()
        assert time.monotonic() - started < 1
        with pytest.raises(OperationalError, match="skipped"):
            database.ensure_connection()

    assert connections_made(silent_server) == 1


def test_web_connections_carry_a_statement_timeout_and_commands_none(monkeypatch, settings):
    settings.DATABASE_TIMEOUT = 0.4
    monkeypatch.setattr(bounded.BoundedConnection, "seconds", None)  # as in manage.py
    handler = ConnectionHandler({"default": {"ENGINE": "embassy.postgresql", "NAME": "embassy"}})

    assert "statement_timeout" not in handler["default"].get_connection_params().get("options", "")
    bounded.serve_requests()

    assert "-c statement_timeout=400" in handler["default"].get_connection_params()["options"]
    assert bounded.BoundedConnection.seconds == pytest.approx(0.4 + bounded.GRACE_SECONDS)


def test_the_database_backend_raises_what_django_expects_of_psycopg():
    assert bounded.DatabaseWrapper.Database.OperationalError is psycopg.OperationalError
    assert issubclass(bounded.NoAnswer, psycopg.OperationalError)


def test_a_worker_serves_the_copy_kept_for_outages_for_a_second_without_asking_django_again(
    visitor, make_publication, database_down, monkeypatch
):
    from django.utils import timezone

    from embassy.pagecache import forget_generation

    make_publication(title_en="Statement on the talks")
    fresh = visitor.get("/en/news/")
    forget_generation()  # a minute's turn: the page cache holds the page no more
    database_down()
    django = visitor.application.application
    asked = []
    monkeypatch.setattr(visitor.application, "application", lambda *args: asked.append(1) or django(*args))

    first, second = visitor.get("/en/news/"), visitor.get("/en/news/")

    assert [first.content, second.content] == [fresh.content, fresh.content]
    assert first["X-Served-Stale"] == second["X-Served-Stale"] == "database unavailable"
    assert "no-store" in second["Cache-Control"] and "public" not in second["Cache-Control"]
    assert len(asked) == 1
    monkeypatch.undo()  # the database is back
    with time_machine.travel(timezone.now() + timedelta(seconds=1)):
        back = visitor.get("/en/news/")
    assert "X-Served-Stale" not in back and "Statement on the talks" in back.text
