"""Django's Redis cache, with one Redis client object per connection pool instead of one per call.

Django's RedisCacheClient builds a new redis.Redis for every cache operation; with redis-py 7 that
builds its table of ~80 response callbacks each time, 0.18 ms, which was half the cost of serving
a page from the cache (bench/benchmark.py). The client shares its pool's connections and is
thread-safe, so keeping it changes nothing else.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
