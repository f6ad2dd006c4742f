"""PostgreSQL stops under a running site and comes back: stored pages keep being served, other pages
answer a styled 503 at once, nothing crashes, and the site recovers without a restart.

The test makes a throwaway cluster with initdb/pg_ctl on a free port, so the shared one is untouched.
"""

import json
import re

import pytest

from .support import Gunicorn, flush_redis, prepare_site, production_env, throwaway_cluster

REDIS_DB = 12
QUICK = 5  # seconds: "no hang longer than a few seconds"


@pytest.fixture(scope="module")
def cluster():
    with throwaway_cluster("embassy-faults-") as cluster:
        yield cluster


@pytest.fixture(scope="module")
def site(cluster, tmp_path_factory):
    flush_redis(REDIS_DB)
    env = production_env(cluster.url, REDIS_DB)
    prepare_site(env)
    server = Gunicorn(env, workers=2)
    try:
        yield server.start(tmp_path_factory.mktemp("faults") / "gunicorn.log")
    finally:
        server.stop()
        flush_redis(REDIS_DB)


def test_the_site_outlives_its_database(cluster, site):
    articles = re.findall(r'href="(/en/news/[a-z0-9-]+/[a-z0-9-]+/)"', site.get("/en/news/").text)
    seen, unseen = articles[0], articles[1]
    before = {path: site.get(path) for path in ["/en/", "/en/news/", seen]}
    assert all(response.status == 200 for response in before.values())
    pid = site.process.pid

    cluster.stop()
    try:
        # Pages seen before: a stored copy (the page cache's, or the one kept for this moment), unchanged.
        for path, fresh in before.items():
            for _ in range(3):  # both workers, each with a broken persistent connection at first
                stale = site.get(path)
                assert stale.status == 200, path
                assert stale.body == fresh.body, path
                assert stale.seconds < QUICK
        # A page never seen: a styled 503, at once.
        unavailable = site.get(unseen)
        assert unavailable.status == 503
        assert "Temporarily unavailable" in unavailable.text and "/static/css/site." in unavailable.text
        assert unavailable.headers["Retry-After"] == "30"
        assert unavailable.seconds < QUICK
        # Health says what is wrong; pages that need no database still work.
        health = site.get("/healthz")
        assert health.status == 503
        assert json.loads(health.body) == {"database": "unavailable", "cache": "ok"}
        assert site.get("/en/no-such-page/").status == 404
        assert site.get("/robots.txt").status == 200
        assert site.get("/admin/login/").status == 200
    finally:
        cluster.start()

    # Back without a restart: fresh pages, the unseen article, a healthy probe.
    assert site.process.pid == pid and site.process.poll() is None
    for _ in range(3):
        home = site.get("/en/")
        assert home.status == 200 and "X-Served-Stale" not in home.headers
    assert site.get(unseen).status == 200
    assert site.get("/healthz").status == 200
