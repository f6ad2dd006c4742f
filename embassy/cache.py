"""Django's Redis cache, with one client object per connection pool, and a Redis that does not
answer skipped for a few seconds.

Django's RedisCacheClient builds a new redis.Redis for every cache operation; with redis-py 7 that
builds its table of ~80 response callbacks each time, 0.18 ms, which was half the cost of serving
a page from the cache (bench/benchmark.py). The client shares its pool's connections and is
thread-safe, so keeping it changes nothing else.

A frozen Redis (a stalled server, a partition) would cost every call its socket timeout. After one
timeout, calls in the process fail at once (a cache miss to the callers, which treat every cache
error as one) until a background trial finds Redis answering again (embassy/breaker.py).
"""

from contextlib import contextmanager

import redis as redis_py
from django.core.cache.backends import redis

from .breaker import Breaker

breaker = Breaker("Redis")


class Connection(redis_py.Connection):
    """A connection to Redis that is not tried while the breaker is open, and trips it on a timeout."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.arguments = kwargs

    def connect_check_health(self, *args, **kwargs):
        self.check_breaker()
        with self.tripping():
            return super().connect_check_health(*args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        self.check_breaker()
        with self.tripping():
            return super().send_packed_command(*args, **kwargs)

    def read_response(self, *args, **kwargs):
        with self.tripping():
            return super().read_response(*args, **kwargs)

    def check_breaker(self):
        if not breaker.allows():
            self.disconnect()
            raise redis_py.ConnectionError("Redis is skipped: it did not answer in time a moment ago")

    @contextmanager
    def tripping(self):
        try:
            yield
        except redis_py.TimeoutError:
            breaker.tripped(self.trial)
            raise

    def trial(self):
        """Raises unless Redis answers a PING within the connection's own timeouts."""
        connection = redis_py.Connection(**self.arguments)
        try:
            connection.send_command("PING")
            connection.read_response()
        finally:
            connection.disconnect()


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
        self._options = {"connection_class": Connection, **self._options}
