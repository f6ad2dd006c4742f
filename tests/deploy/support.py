"""Running the site as production runs it: the compose file's gunicorn command, production settings,
a PostgreSQL database of its own and Redis. Shared by the deployment tests."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
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
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def start(self, log_path):
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(self.workers)}
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
