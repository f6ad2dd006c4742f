"""gunicorn's settings for Embassy CMS (docker compose's `web` runs `gunicorn -c deploy/gunicorn.conf.py`).

These values can be overridden from the environment: GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_TIMEOUT,
GUNICORN_LOG_LEVEL, FORWARDED_ALLOW_IPS (all in .env.example and the README).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: each serves one request at a time, and pages are short database reads. The usual
# 2 × CPUs + 1 keeps the cores busy while some workers wait on PostgreSQL or Redis.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# A worker silent for this long is killed and replaced; a page never needs more than a second or
# so: every wait on PostgreSQL and Redis is bounded (DATABASE_TIMEOUT, REDIS_TIMEOUT in settings.py).
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows. Rarely: each recycle delays the
# requests queued meanwhile by tens of milliseconds, and p99 counts them once they are 1 % of all.
# Serving cached pages at 6,000–8,000 requests/s (bench/benchmark.py), a limit of 20,000 recycled a
# worker every ~3 s and put p99 at 60–90 ms; at 200,000 it stays at 7–8 ms.
max_requests = 200000
max_requests_jitter = 20000
# Load Django once in the master and fork the workers from it: a worker (re)starts in milliseconds
# instead of the ~0.4 s of importing the site, which otherwise stalled the requests queued behind it
# (p99 of 150–180 ms against 35 ms at 16 connections), and the workers share the imported code's
# memory. Code changes need a full restart (docker compose does one), not a HUP.
preload_app = True

# Refuse oversized requests before Django sees them (400 from gunicorn): a request line over 4 KB,
# more than 50 headers, or a header over 8 KB.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Logs to stdout/stderr, where docker collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The web container is reachable only through the proxy on compose's network, so the proxy's
# X-Forwarded-* headers are trusted whatever its address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# But no environ value from a header: the site is served at the root, and the proxy passes a
# client's own headers on, so gunicorn's default (SCRIPT_NAME and PATH_INFO from a trusted proxy)
# would let a `SCRIPT_NAME: /x` header prefix every link on a page that a CDN then keeps for all.
forwarder_headers = ""
# Heartbeat files in memory, not on the container's (possibly slow) overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_fork(server, worker):
    """Workers serve visitors: no wait on PostgreSQL may outlast DATABASE_TIMEOUT there (management
    commands, which may run long migrations, are not bounded so)."""
    from embassy.postgresql.base import serve_requests

    serve_requests()
