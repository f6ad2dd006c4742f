"""The Redis cache backend keeps one client per connection pool and behaves as Django's does."""

import pytest

from embassy.cache import RedisCache


@pytest.fixture
def redis_cache(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "test-cache-backend"})
    yield cache
    cache.delete_many(["page", "one", "two"])  # not clear(): that would empty the whole database


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache

    assert client.get_client("a") is client.get_client("b", write=True)


def test_stores_reads_and_deletes_like_djangos(redis_cache):
    redis_cache.set("page", {"content": b"<html>"}, 60)
    redis_cache.set_many({"one": 1, "two": 2})

    assert redis_cache.get("page") == {"content": b"<html>"}
    assert redis_cache.get_many(["one", "two", "three"]) == {"one": 1, "two": 2}
    assert redis_cache.add("one", 9) is False
    redis_cache.delete_many(["one", "two"])
    assert redis_cache.get("one") is None
