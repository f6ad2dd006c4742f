"""PostgreSQL or Redis frozen under a running site costs visitors little and the site nothing.

Frozen, not stopped: SIGSTOP leaves every connection open and the kernel still acknowledging, as a
stalled host or a network partition does, but nothing answers. Under 30 concurrent visitors, with
either frozen, pages already cached keep coming (the workers' part under 100 ms at p99), no worker
is killed by gunicorn and the site is itself again within 5 s of the dependency's return; with
PostgreSQL frozen other pages answer the styled 503 within 1 s, and with Redis frozen a change saved
meanwhile is on every worker at once. Timings are taken in the worker, from
gunicorn's access log: what the site spends, whatever load the test machine adds in the queue.

The freezes here are 15 s; bench/hung_dependencies.py holds them for the issue's 60 s and prints
the figures. Throwaway PostgreSQL and Redis servers of the test's own, so the shared ones are untouched.
"""

import re
import threading
import time

import psycopg
import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from embassy.breaker import Breaker
from embassy.postgresql import base as bounded

from .support import (
    Gunicorn,
    RedisServer,
    frozen,
    load,
    manage,
    percentile,
    prepare_site,
    production_env,
    summary,
    throwaway_cluster,
    time_in_worker,
)

CLIENTS = 30
FREEZE = 15  # seconds
AFTER = 7  # seconds of load after the return
RECOVERY = 5  # seconds after the return


@pytest.fixture(scope="module")
def cluster():
    with throwaway_cluster("embassy-hung-") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def redis_server():
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def env(cluster, redis_server):
    env = production_env(cluster.url, 0, REDIS_URL=f"{redis_server.url}/0")
    prepare_site(env)
    return env


@pytest.fixture(scope="module")
def site(env, tmp_path_factory):
    server = Gunicorn(env, workers=None)  # gunicorn.conf.py's default: 2 × CPUs + 1
    server.log_path = tmp_path_factory.mktemp("hung") / "gunicorn.log"
    try:
        yield server.start(server.log_path)
    finally:
        server.stop()


def visitors_paths(site, unseen):
    """Pages visitors have seen (each cached, with a copy kept for outages), `unseen` articles that
    nobody has (the 4th to 6th on the archive's first page, say), and the health probe."""
    links = re.findall(r'href="(/en/news/[a-z0-9-]+/[a-z0-9-]+/)"', site.get("/en/news/").text)
    articles = [link for link in links if not link.startswith("/en/news/feed/")]
    seen = ["/en/", "/en/news/", "/ru/", *articles[:2]]
    for path in seen:
        assert site.get(path).status == 200
    return {
        **dict.fromkeys(seen, "cached"),
        **dict.fromkeys(articles[unseen], "unseen"),
        "/healthz": "health",
    }


def frozen_under_load(site, server, paths, meanwhile=None, marker=None):
    """The visitors' answers while `server` is frozen and after, and when it froze and came back
    (time.monotonic()). `meanwhile()` runs halfway through the freeze."""
    answers = []
    visitors = threading.Thread(
        target=lambda: answers.extend(
            load(site.port, paths, clients=CLIENTS, seconds=FREEZE + AFTER, marker=marker)
        )
    )
    with frozen(server):
        start = time.monotonic()
        visitors.start()
        try:
            time.sleep(FREEZE / 2)
            if meanwhile:
                meanwhile()
            time.sleep(start + FREEZE - time.monotonic())
        finally:
            end = time.monotonic()
    visitors.join()
    time_in_worker(answers, site.log_path.read_text())
    print(summary(answers, start, end))
    return answers, start, end


def during(answers, kind, start, end):
    # The last second of the freeze left out: an answer started then may end after the return.
    return [answer for answer in answers if answer.kind == kind and start <= answer.started < end - 1]


def in_worker(answers):
    """How long each answer took in its worker: the site's own part, whatever the test machine's load
    added in the queue for a worker. An answer gunicorn did not log (a worker killed) counts as endless."""
    return [float("inf") if answer.in_worker is None else answer.in_worker for answer in answers]


def as_visitors_waited(answers):
    """In the queue for a worker and in it. A worker pool held up shows here; so does the test
    machine's own load, which is why the 100 ms bound is on the workers' part."""
    return [answer.seconds for answer in answers]


def recovered(answers, end):
    """The answers started RECOVERY seconds after the return, when the site must be itself again."""
    after = [answer for answer in answers if answer.started >= end + RECOVERY]
    assert after
    return after


def workers_killed(site):
    return site.log_path.read_text().count("WORKER TIMEOUT")


def test_a_frozen_database_costs_visitors_little(site, cluster):
    paths = visitors_paths(site, unseen=slice(2, 4))

    answers, start, end = frozen_under_load(site, cluster, paths)

    cached = during(answers, "cached", start, end)
    assert cached and all(answer.status == 200 for answer in cached)
    assert percentile(in_worker(cached), 0.99) < 0.1
    assert percentile(as_visitors_waited(cached), 0.99) < 1
    unseen = during(answers, "unseen", start, end)
    assert unseen and all(answer.status == 503 for answer in unseen)
    assert max(in_worker(unseen)) < 1
    health = during(answers, "health", start, end)
    assert health and all(answer.status == 503 for answer in health)
    assert max(in_worker(health)) < 1
    assert workers_killed(site) == 0
    # Itself again: fresh pages, the unseen ones too, and a healthy probe.
    assert all(answer.status == 200 and not answer.stale for answer in recovered(answers, end))


def test_a_frozen_database_right_after_a_change_serves_the_copies_kept_for_outages(site, env, cluster):
    paths = visitors_paths(site, unseen=slice(4, 6))
    # As after a change or at a minute's turn, no page is in the page cache: each comes through
    # Django, which has only the copies kept for outages to answer with.
    manage(env, "renew_page_cache")

    answers, start, end = frozen_under_load(site, cluster, paths)

    cached = during(answers, "cached", start, end)
    assert cached and all(answer.status == 200 and answer.stale for answer in cached)
    assert percentile(in_worker(cached), 0.99) < 0.1
    assert percentile(as_visitors_waited(cached), 0.99) < 1
    unseen = during(answers, "unseen", start, end)
    assert unseen and all(answer.status == 503 for answer in unseen)
    assert max(in_worker(unseen)) < 1
    assert workers_killed(site) == 0
    assert all(answer.status == 200 and not answer.stale for answer in recovered(answers, end))


def test_a_frozen_cache_costs_visitors_little(site, env, redis_server):
    paths = visitors_paths(site, unseen=slice(6, 8))
    corrected = next(path for path, kind in paths.items() if kind == "cached" and path.count("/") == 5)
    slug = corrected.rstrip("/").rsplit("/", 1)[1]
    changed = []

    def correct_the_article():
        # Staff correct a title while Redis is frozen: every worker shows it from then on.
        changed.append(time.monotonic())
        manage(
            env,
            "shell",
            "-c",
            "from news.models import Publication\n"
            f"publication = Publication.objects.get(slug={slug!r})\n"
            "publication.title_en = 'Corrected while the cache was frozen'\n"
            "publication.save()",
        )
        changed.append(time.monotonic())

    answers, start, end = frozen_under_load(
        site, redis_server, paths, correct_the_article, marker=b"Corrected while the cache was frozen"
    )

    # Each worker keeps its own copies meanwhile, checked against the database's count of content
    # changes on every request: Redis costs each worker one wait of REDIS_TIMEOUT, not one per call.
    cached = during(answers, "cached", start, end)
    assert cached and all(answer.status == 200 for answer in cached)
    assert percentile(in_worker(cached), 0.99) < 0.1
    assert percentile(as_visitors_waited(cached), 0.99) < 1
    unseen = during(answers, "unseen", start, end)
    assert unseen and all(answer.status == 200 for answer in unseen)
    assert max(in_worker(unseen)) < 1
    # The change, made on none of the workers, is on every one the moment it is saved: no answer
    # asked for after it shows the page from before it (30 visitors keep all the workers busy).
    article = [answer for answer in answers if answer.path == corrected and answer.status == 200]
    assert not any(answer.shows for answer in article if answer.started + answer.seconds < changed[0])
    after_change = [answer for answer in article if answer.started > changed[1]]
    assert after_change and all(answer.shows for answer in after_change)
    health = during(answers, "health", start, end)
    assert health and all(answer.status == 503 for answer in health)
    assert max(in_worker(health)) < 1
    assert workers_killed(site) == 0
    # Itself again: pages come from the page cache, and the probe is healthy.
    after = recovered(answers, end)
    assert all(answer.status == 200 for answer in after)
    assert all(answer.cache for answer in after if answer.kind != "health")


def test_a_transaction_cut_off_by_a_frozen_database_is_dropped_never_committed(
    cluster, monkeypatch, django_db_blocker
):
    monkeypatch.setattr(bounded.BoundedConnection, "seconds", 0.3)  # as in a web worker
    monkeypatch.setattr(bounded, "breaker", Breaker("PostgreSQL", pause=0.05))
    settings = {"ENGINE": "embassy.postgresql", "NAME": "postgres", "USER": "postgres"}
    database = ConnectionHandler({"default": {**settings, "HOST": "127.0.0.1", "PORT": cluster.port}})[
        "default"
    ]
    with django_db_blocker.unblock(), psycopg.connect(cluster.url, autocommit=True) as observer:
        observer.execute("CREATE TABLE notes (words text)")
        database.set_autocommit(False)
        with database.cursor() as cursor:
            cursor.execute("INSERT INTO notes VALUES ('first half')")

        with frozen(cluster), pytest.raises(OperationalError), database.cursor() as cursor:
            cursor.execute("INSERT INTO notes VALUES ('second half')")

        assert database.connection.closed
        with pytest.raises(OperationalError):
            database.commit()
        # Once the server has read the dropped connection's end, its transaction is gone, rolled back.
        deadline = time.monotonic() + 10
        while observer.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()"
        ).fetchone()[0]:
            assert time.monotonic() < deadline
            time.sleep(0.05)  # the server's work, not the code under test
        assert observer.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
        database.close()
