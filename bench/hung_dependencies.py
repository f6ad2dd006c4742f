"""PostgreSQL, then Redis, frozen under 30 concurrent visitors: what each costs them, and the recovery.

    .venv/bin/python bench/hung_dependencies.py            # the issue's figures: 60 s freezes, 30 visitors
    .venv/bin/python bench/hung_dependencies.py --seconds 15

Frozen with SIGSTOP (connections stay open, the kernel still acknowledges, nothing answers: a
stalled host or a network partition), on servers of its own (a throwaway PostgreSQL cluster and
redis-server, as tests/deploy/test_hung_dependencies.py uses), behind gunicorn as docker compose
runs it, with its default workers (2 × CPUs + 1). Visitors ask in turn for five pages they have seen
(cached, with copies kept for outages), two articles nobody has, and /healthz. Three runs:
- database: PostgreSQL frozen; a 60 s freeze crosses a minute's turn, after which seen pages come
  from the copies kept for outages;
- database, right after a change: the page cache renewed just before, so every seen page comes
  from those copies from the start;
- cache: Redis frozen; every page is made by Django from the database.
Prints, per kind of page, before/while/after: answers, p50/p99/max as visitors waited (queue
included) and p99/max in the worker (gunicorn's access log), and the statuses; then the workers
gunicorn killed and how long after the return the site was itself again.
Targets (issue 11): seen pages p99 < 100 ms, others a 503 within 1 s, no worker killed, recovery < 5 s.
"""

import argparse
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.deploy.support import (  # noqa: E402
    Cluster,
    Gunicorn,
    RedisServer,
    frozen,
    load,
    manage,
    prepare_site,
    production_env,
    summary,
    time_in_worker,
)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60, help="each freeze")
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--after", type=int, default=10, help="seconds of load after each return")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="embassy-bench-hung-"))
    cluster = Cluster(directory).init()
    cluster.start()
    redis_server = RedisServer().start()
    site = None
    try:
        env = production_env(cluster.url, 0, REDIS_URL=f"{redis_server.url}/0")
        prepare_site(env)
        site = Gunicorn(env, workers=None)
        log_path = directory / "gunicorn.log"
        site.start(log_path)
        articles = re.findall(r'href="(/en/news/[a-z0-9-]+/[a-z0-9-]+/)"', site.get("/en/news/").text)
        seen = ["/en/", "/en/news/", "/ru/", *articles[:2]]
        print(f"{args.clients} visitors, {args.seconds} s freezes, {args.after} s after each return\n")
        runs = [
            ("database", cluster, articles[2:4], None),
            ("database, right after a change", cluster, articles[4:6], "renew_page_cache"),
            ("cache", redis_server, articles[6:8], None),
        ]
        for name, server, unseen, before in runs:
            for path in seen:
                site.get(path)
            if before:
                manage(env, before)
            paths = {**dict.fromkeys(seen, "cached"), **dict.fromkeys(unseen, "unseen"), "/healthz": "health"}
            killed_before = log_path.read_text().count("WORKER TIMEOUT")
            answers, start, end = frozen_under_load(site, server, paths, args)
            time_in_worker(answers, log_path.read_text())
            late = [
                answer.started + answer.seconds - end
                for answer in answers
                if answer.started >= end and not itself(answer, database=server is cluster)
            ]
            print(f"== {name} frozen")
            print(summary(answers, start, end))
            print(f"workers killed: {log_path.read_text().count('WORKER TIMEOUT') - killed_before}")
            print(f"itself again {max(late, default=0):.1f} s after the return\n")
    finally:
        if site:
            site.stop()
        redis_server.stop()
        cluster.stop(mode="immediate", check=False)
        shutil.rmtree(directory, ignore_errors=True)


def itself(answer, database):
    """Whether the answer is the site's usual one: fresh, and (with Redis back) from the page cache."""
    if answer.status != 200 or answer.stale:
        return False
    return database or answer.kind == "health" or bool(answer.cache)


def frozen_under_load(site, server, paths, args):
    answers = []
    seconds = args.seconds + args.after
    visitors = threading.Thread(
        target=lambda: answers.extend(load(site.port, paths, clients=args.clients, seconds=seconds))
    )
    with frozen(server):
        start = time.monotonic()
        visitors.start()
        time.sleep(args.seconds)
        end = time.monotonic()
    visitors.join()
    return answers, start, end


if __name__ == "__main__":
    main()
