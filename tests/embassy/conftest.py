import pytest
from django.core.cache import cache
from django.db import OperationalError, connection


@pytest.fixture(autouse=True)
def empty_cache():
    """Stored page copies and health probes must not leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def database_down(db, monkeypatch):
    """Every query fails as it does when PostgreSQL is stopped."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused (simulated)")

    def set_down():
        monkeypatch.setattr(connection, "cursor", refuse)

    return set_down


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The lockout tests log in dozens of times; the production hasher is slow by design."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def redis_url():
    """A real Redis database, for what only Redis does (skipped where no server runs; .ci/run starts one)."""
    import redis

    url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return url
