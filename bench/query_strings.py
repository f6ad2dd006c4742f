"""Can a stranger force full renders? 400 connections asking for pages with a new query each time.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_wrk   # as for bench/benchmark.py
    .venv/bin/python bench/query_strings.py        # uses and flushes redis://127.0.0.1:6379/11 (REDIS_URL)

Runs gunicorn as bench/benchmark.py does and loads it with wrk at 400 connections, each request
with a query string of its own (a random cache-buster, tracking parameters, a page number's
spellings), against the cached page itself. A parameter the page does not read must cost what the
cached page costs; a bad page number, an unknown address (both 404s, never cached) and a search
(never cached) are shown for comparison at the same load. Prints requests/s and p50/p99 latency.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchmark import Server, get, milliseconds, production_env  # noqa: E402 - after the path

RUNS = {
    "cached home, /en/": ("/en/", ""),
    "home, ?nocache=<random>": ("/en/?nocache=", "random"),
    "home, ?utm_source=…&fbclid=<random>": ("/en/?utm_source=telegram&fbclid=", "random"),
    "archive page 2, &utm_campaign=<random>": ("/en/news/?page=2&utm_campaign=", "random"),
    "archive, ?page=x<random> (a 404)": ("/en/news/?page=x", "random"),
    "an unknown address, /en/x<random>/ (a 404)": ("/en/x", "random"),
    "search, ?q=minister<random> (uncached)": ("/en/search/?q=minister+", "random"),
}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=400)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8392)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a PostgreSQL database holding the publications (see above).")
    env = production_env(args.workers, args.port, GUNICORN_LOG_LEVEL="warning")
    base = f"http://127.0.0.1:{args.port}"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    print(f"gunicorn: {args.workers} sync workers; wrk: {args.connections} connections, {args.seconds} s\n")
    print(f"{'':44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, (path, varying) in RUNS.items():
        # A fresh server for each: requests still queued from a slow run would slow the next.
        with Server({**env, "GUNICORN_CMD_ARGS": "--access-logfile /dev/null"}, "embassy.wsgi"):
            subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "FLUSHDB"], capture_output=True, check=True)
            for cached in ("/en/", "/en/news/?page=2"):
                get(base + cached)  # now in the cache
            got = wrk(base, path, varying, args)
        print(f"{name:44} {got['rps']:8.0f} {got['p50']:8.1f} {got['p99']:8.1f} {got['errors']:8}")


def wrk(base, path, varying, args):
    """wrk at `path`, each request ending in a random number of its own if `varying`."""
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    suffix = " .. math.random(1, 1000000000)" if varying else ""
    script.write(f'request = function() return wrk.format("GET", "{path}"{suffix}) end\n')
    script.close()
    output = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s", "--latency"]
        + ["-s", script.name, base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


if __name__ == "__main__":
    main()
