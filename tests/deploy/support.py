"""Running the site as production runs it: the compose file's gunicorn command, production settings,
a PostgreSQL database of its own and Redis. Shared by the deployment tests."""

import asyncio
import contextlib
import glob
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import redis
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("DEPLOY_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("DEPLOY_TEST_REDIS", "redis://127.0.0.1:6379")
HOST = "embassy.test"


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def web_command():
    """The very command docker compose runs for `web`, pointed at this virtualenv's gunicorn."""
    command = list(compose()["services"]["web"]["command"])
    return [str(BIN / command[0]), *command[1:]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail("PostgreSQL server binaries are missing: apt-get install -y postgresql")
    return found[-1]


@contextlib.contextmanager
def throwaway_cluster(prefix):
    """A started PostgreSQL cluster of the test's own, in a temporary folder removed afterwards."""
    directory = tempfile.mkdtemp(prefix=prefix)
    cluster = Cluster(directory).init()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop(mode="immediate", check=False)
        shutil.rmtree(directory, ignore_errors=True)


class Cluster:
    """A PostgreSQL cluster of the test's own, run as the postgres user when the test runs as root."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.directory, self.user)

    def run(self, *command, check=True):
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        subprocess.run([*prefix, *command], check=check, capture_output=True, cwd=self.directory)

    def init(self):
        self.run(postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        return self

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "log")
        self.run(postgres_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode="fast", check=True):
        self.run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=check)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def pids(self):
        """The server and every process it has started (connections, background workers)."""
        server = int((self.data / "postmaster.pid").read_text().split()[0])
        return [server, *children(server)]


def children(pid):
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(child) for task in tasks for child in (task / "children").read_text().split()]


class RedisServer:
    """A redis-server of the test's own on a free port: nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # waiting for the server to bind, not for the code under test

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def pids(self):
        return [self.process.pid]


@contextlib.contextmanager
def frozen(server):
    """The server's processes stopped (SIGSTOP) as a stalled host or a partition leaves them:
    connections stay open and the kernel still acknowledges, but nothing answers. The server
    first, so that it starts no process meanwhile; always continued afterwards."""
    stopped = []
    try:
        while pids := [pid for pid in server.pids() if pid not in stopped]:
            for pid in pids:
                os.kill(pid, signal.SIGSTOP)
                stopped.append(pid)
        yield
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)


def production_env(database_url, redis_db, **extra):
    """Settings as .env.example describes them for production: debug off, HTTPS behind one proxy."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        DJANGO_HTTPS="1",
        DJANGO_TRUSTED_PROXIES="1",
        DATABASE_URL=database_url,
        REDIS_URL=f"{REDIS}/{redis_db}",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def create_database(server_url, name):
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"


def drop_database(server_url, name):
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(redis_db):
    redis.Redis.from_url(f"{REDIS}/{redis_db}").flushdb()


def prepare_site(env):
    """What the release step does (migrate, demo content), plus the image build's collectstatic."""
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


@dataclass
class Gunicorn:
    """One gunicorn started with the compose file's command, and a small HTTP client for it."""

    env: dict
    workers: int | None = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def start(self, log_path):
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        if self.workers is not None:  # None: gunicorn.conf.py's own default, 2 × CPUs + 1
            env["GUNICORN_WORKERS"] = str(self.workers)
        self.log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            web_command(), cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {Path(log_path).read_text()}")
            try:
                if self.get("/healthz").status in (200, 503):
                    return self
            except OSError:
                time.sleep(0.2)  # waiting for the server to bind, not for the code under test
        raise RuntimeError(f"gunicorn did not answer: {Path(log_path).read_text()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        if self.process:
            self.log.close()

    def request(self, method, path, *, headers=None, body=None, https=True):
        """As the proxy passes it on: the public Host, and X-Forwarded-Proto: https."""
        sent = {"Host": HOST}
        if https:
            sent.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"})
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read(), time.monotonic() - started)
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


@dataclass
class Answer:
    number: int  # sent as the X-Forwarded-For address, which gunicorn's access log records
    kind: str
    path: str
    status: int  # 0: no answer (connection refused, reset or closed early)
    stale: bool
    cache: str
    started: float
    seconds: float  # as the visitor waited: in the queue for a worker, and in it
    in_worker: float | None = None  # in the worker alone, by gunicorn's access log (None: not logged)
    shows: bool = False  # whether the page held the `marker` load() was given


def address(number):
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def load(port, paths, *, clients, seconds, marker=None):
    """`clients` visitors, each asking for the next of `paths` ({path: kind}) as soon as the last
    answered, for `seconds`. An asyncio client in one thread, so that the test process itself adds
    little to the latencies it measures. Returns every Answer, in order of completion; each notes
    whether its page held `marker` (bytes), if given."""
    answers = []
    order = list(paths.items())
    numbers = iter(range(1, 1 << 24))

    async def visitor(turn, deadline):
        while time.monotonic() < deadline:
            path, kind = order[turn % len(order)]
            turn += 1
            number = next(numbers)
            started = time.monotonic()
            status, headers, response = 0, {}, b""
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                request = (
                    f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
                    f"X-Forwarded-For: {address(number)}\r\nConnection: close\r\n\r\n"
                )
                writer.write(request.encode())
                response = await asyncio.wait_for(reader.read(-1), timeout=60)
                writer.close()
                head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
                status = int(head[0].split()[1])
                headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in head[1:]}
            except (OSError, IndexError, ValueError):  # TimeoutError is an OSError
                pass
            seconds_waited = time.monotonic() - started
            stale = "x-served-stale" in headers
            answer = Answer(
                number, kind, path, status, stale, headers.get("x-cache", ""), started, seconds_waited
            )
            answer.shows = marker is not None and marker in response
            answers.append(answer)

    async def run():
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(visitor(turn, deadline) for turn in range(clients)))

    asyncio.run(run())
    return answers


def time_in_worker(answers, log):
    """Each answer's time in the worker, from gunicorn's access log (its format: deploy/gunicorn.conf.py)."""
    by_address = {address(answer.number): answer for answer in answers}
    for line in log.splitlines():
        match = re.match(r'(\S+) \S+ "[^"]*" \d+ \S+ (\d+)ms', line)
        if match and match[1] in by_address:
            by_address[match[1]].in_worker = int(match[2]) / 1000


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)] if ordered else float("nan")


def summary(answers, start, end):
    """Figures of a freeze from `start` to `end`: per kind of page, during it and after it."""
    lines = []
    for label, low, high in (("before", 0, start), ("frozen", start, end), ("after", end, float("inf"))):
        for kind in sorted({answer.kind for answer in answers}):
            some = [answer for answer in answers if answer.kind == kind and low <= answer.started < high]
            if not some:
                continue
            seconds = [answer.seconds for answer in some]
            in_worker = [answer.in_worker for answer in some if answer.in_worker is not None]
            statuses = {}
            for answer in some:
                key = f"{answer.status}{' stale' if answer.stale else ''} {answer.cache or '-'}"
                statuses[key] = statuses.get(key, 0) + 1
            p50, p99, most = (
                value * 1000 for value in (percentile(seconds, 0.5), percentile(seconds, 0.99), max(seconds))
            )
            lines.append(
                f"{label:7} {kind:7} {len(some):6} answers  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms"
                f"  max {most:7.1f} ms  in the worker: p99 {percentile(in_worker, 0.99) * 1000:7.1f} ms"
                f"  max {max(in_worker, default=float('nan')) * 1000:7.1f} ms  {statuses}"
            )
    return "\n".join(lines)
