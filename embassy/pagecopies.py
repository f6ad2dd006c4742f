"""Each process's own copies of recent pages, and the announcements that make them safe to serve.

Part of the page cache (embassy/pagecache.py): a copy here saves the Redis round trip of a hit.
"""

import logging
import os
import threading
import time
import weakref

from django.conf import settings

logger = logging.getLogger(__name__)

ANNOUNCEMENTS = "pagecache:renewed"  # the pub/sub channel of generation renewals


def announce_renewal():
    """Every process, on every replica, drops its copies: this one at once, the others when they hear it."""
    for pages in list(LocalPages.in_this_process):
        pages.forget()
    if settings.REDIS_URL:
        try:
            announcer().publish(ANNOUNCEMENTS, b"")
        except Exception:  # listeners that cannot hear announcements stop trusting their copies
            logger.warning("Could not announce a page cache renewal", exc_info=True)


_announcer = {}


def announcer():
    """This process's Redis client for announcements (a forked process makes its own)."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = _announcer.get((os.getpid(), settings.REDIS_URL))
    if client is None:
        from .cache import Connection  # skipped, as the cache is, while Redis does not answer

        client = redis.Redis.from_url(
            settings.REDIS_URL,
            connection_class=Connection,
            socket_connect_timeout=settings.REDIS_TIMEOUT,
            socket_timeout=settings.REDIS_TIMEOUT,
            retry=Retry(NoBackoff(), 0),  # redis-py's default waits seconds between three more tries
        )
        _announcer.clear()
        _announcer[(os.getpid(), settings.REDIS_URL)] = client
    return client


class LocalPages:
    """This process's own copies of the pages it recently served or made, to serve with no round trip.

    A copy is served only while nothing it shows can have changed: it is dropped when a renewal
    of the generation is announced (by this process directly; by any other process, on any
    replica, over the Redis channel ANNOUNCEMENTS, which a thread of each process listens to),
    whenever that channel is not known to be connected, at the end of its minute (its key holds
    the minute) and at the next scheduled instant. Without Redis the site runs in one process,
    which hears its own renewals directly.

    A renewal announced between reading a page from Redis and keeping it changes the epoch the
    reader noted first, so that page is never kept. As with any cache renewed after a commit, a
    request in the instant between a change's commit and its announcement arriving (well under
    a millisecond on one host) may still get the page from before it.
    """

    in_this_process = weakref.WeakSet()
    MAX_BYTES = 8 * 1024 * 1024
    PING_SECONDS = 1
    SILENCE_SECONDS = 3

    def __init__(self, redis_url, enabled=True):
        self.redis_url, self.enabled = redis_url, enabled
        self.pages, self.size, self.minute = {}, 0, None
        self.epoch = 0
        self.listening = enabled and not redis_url  # in one process, renewals are heard directly
        self.pid = None
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.in_this_process.add(self)

    def get(self, key, now):
        """(page, next change) for `key`, or None."""
        if self.pid != os.getpid():
            self.start()
        entry = self.pages.get(key) if self.listening else None
        if entry is None:
            return None
        epoch, next_change, page = entry
        if epoch != self.epoch or (next_change is not None and now >= next_change):
            return None
        return page, next_change

    def keep(self, key, epoch, next_change, page, minute):
        """Keep `page`, read or made under `epoch`, unless a renewal was heard since."""
        with self.lock:
            if not self.listening or epoch != self.epoch:
                return
            if minute != self.minute:  # pages of earlier minutes are never asked for again
                self.pages, self.size, self.minute = {}, 0, minute
            if self.size + len(page[3]) <= self.MAX_BYTES:
                self.pages[key] = (epoch, next_change, page)
                self.size += len(page[3])

    def forget(self, listening=None):
        with self.lock:
            self.epoch += 1
            self.pages, self.size = {}, 0
            if listening is not None:
                self.listening = listening

    def start(self):
        """In each process (gunicorn forks its workers from a loaded master), start listening."""
        self.pid = os.getpid()
        self.forget(listening=self.enabled and not self.redis_url)
        if self.enabled and self.redis_url:
            threading.Thread(target=self.listen, name="page-cache-announcements", daemon=True).start()

    def listen(self):
        import redis

        timeout = settings.REDIS_TIMEOUT
        client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=timeout, socket_timeout=timeout)
        failures = 0
        while not self.stopped.is_set():
            pubsub = client.pubsub()
            try:
                pubsub.subscribe(ANNOUNCEMENTS)
                pinged = heard = time.monotonic()
                while not self.stopped.is_set():
                    # A connection can die without a word (a network partition, a failover): the
                    # channel is pinged, and a channel that stays silent is taken for lost.
                    if time.monotonic() - pinged >= self.PING_SECONDS:
                        pubsub.ping()
                        pinged = time.monotonic()
                    if time.monotonic() - heard > self.SILENCE_SECONDS:
                        raise redis.ConnectionError("no answer on the announcement channel")
                    message = pubsub.get_message(timeout=self.PING_SECONDS / 2)
                    if message is None:
                        continue
                    heard = time.monotonic()
                    if message["type"] == "subscribe":
                        # Renewals are heard from now on, but may have been missed before.
                        self.forget(listening=True)
                        failures = 0
                    elif message["type"] == "message":
                        self.forget()
            except Exception:
                self.forget(listening=False)
                # Pages come from Redis meanwhile. While Redis stays down, one warning a minute at
                # most per worker, not one a second.
                retry = min(2**failures, 60)
                failures += 1
                logger.warning("Page cache announcements unavailable; retrying in %s s", retry, exc_info=True)
                self.stopped.wait(retry)
            finally:
                pubsub.close()
        self.forget(listening=False)


class CopiesCheckedByCount:
    """This process's copies of pages made while Redis is down, served only while the database's
    count of content changes (embassy/models.py) is the one read before each was made.

    Every change adds one to that count in its own transaction, on whichever replica it is made, so
    a copy outlives no change; a copy also ends with its minute (its key holds the minute) and at the
    next scheduled instant. Kept apart from LocalPages, whose copies are trusted by the Redis channel.
    """

    MAX_BYTES = LocalPages.MAX_BYTES

    def __init__(self):
        self.pages, self.size, self.minute = {}, 0, None
        self.in_use = False  # since Redis last failed to answer
        self.lock = threading.Lock()

    def get(self, key, number, now):
        """(page, next change) for `key` if made under the count `number`, or None."""
        entry = self.pages.get(key)
        if entry is None or entry[0] != number:
            return None
        _, next_change, page = entry
        if next_change is not None and now >= next_change:
            return None
        return page, next_change

    def keep(self, key, number, next_change, page, minute):
        with self.lock:
            if minute != self.minute:  # pages of earlier minutes are never asked for again
                self.pages, self.size, self.minute = {}, 0, minute
            replaced = self.pages.pop(key, None)
            if replaced is not None:
                self.size -= len(replaced[2][3])
            if self.size + len(page[3]) <= self.MAX_BYTES:
                self.pages[key] = (number, next_change, page)
                self.size += len(page[3])

    def forget(self):
        with self.lock:
            self.pages, self.size, self.in_use = {}, 0, False
