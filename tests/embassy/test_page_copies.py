"""Each process serves its own copies of recent pages, and drops them the moment a change is announced."""

import time

import pytest
import redis as redis_py
from django.core.cache import cache

from embassy.pagecopies import ANNOUNCEMENTS, LocalPages

PAGE = (1, "200 OK", [("Content-Type", "text/html")], b"<p>page</p>")


def test_a_process_serves_its_own_copy_without_asking_redis(visitor, make_publication, monkeypatch):
    make_publication()
    made = visitor.get("/en/")
    asked = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.append(keys) or real_get_many(keys))

    served = visitor.get("/en/")

    assert (served["X-Cache"], served.content) == ("hit", made.content)
    assert asked == []


def test_a_change_in_this_process_drops_its_copies_at_once(visitor, make_publication):
    item = make_publication(title_en="First wording")
    visitor.get("/en/")
    item.title_en = "Second wording"
    item.save()

    assert "Second wording" in visitor.get("/en/").text


def test_copies_are_kept_within_a_memory_budget_and_only_for_the_current_minute(monkeypatch):
    monkeypatch.setattr(LocalPages, "MAX_BYTES", 2 * len(PAGE[3]))
    local = LocalPages(redis_url="")
    local.get("warm-up", 0)
    for key in ("a", "b", "c"):
        local.keep(key, local.epoch, None, PAGE, minute=1)

    assert [local.get(key, 60) is not None for key in ("a", "b", "c")] == [True, True, False]
    local.keep("d", local.epoch, None, PAGE, minute=2)
    assert local.get("a", 120) is None and local.get("d", 120) is not None


def test_a_copy_is_not_kept_when_a_renewal_came_after_it_was_read():
    local = LocalPages(redis_url="")
    local.get("warm-up", 0)
    epoch_when_read = local.epoch
    local.forget()

    local.keep("page", epoch_when_read, None, PAGE, minute=1)

    assert local.get("page", 60) is None


def test_a_copy_is_not_served_past_the_next_scheduled_instant():
    local = LocalPages(redis_url="")
    local.get("warm-up", 0)
    local.keep("page", local.epoch, 100.0, PAGE, minute=1)

    assert local.get("page", 99.9) is not None
    assert local.get("page", 100.0) is None


@pytest.fixture
def listening(redis_url):
    """Copies in a process that listens to announcements on a real Redis server."""
    local = LocalPages(redis_url)
    local.get("warm-up", 0)  # the first request starts the listener
    eventually(lambda: local.listening)
    yield local
    local.stopped.set()


def eventually(condition, seconds=10):
    """Wait for another thread's work (not for time to pass): poll until `condition` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the listener did not get there in time"
        time.sleep(0.01)


def test_a_renewal_announced_by_another_process_drops_the_copies(listening, redis_url):
    listening.keep("page", listening.epoch, None, PAGE, minute=1)
    assert listening.get("page", 60) is not None

    redis_py.Redis.from_url(redis_url).publish(ANNOUNCEMENTS, b"")

    eventually(lambda: listening.get("page", 60) is None)


def test_copies_are_not_trusted_while_the_announcement_channel_is_lost(listening, redis_url):
    listening.keep("page", listening.epoch, None, PAGE, minute=1)
    epoch = listening.epoch

    redis_py.Redis.from_url(redis_url).client_kill_filter(_type="pubsub")

    eventually(lambda: not listening.listening)  # it waits a second before trying again
    assert listening.epoch != epoch and listening.get("page", 60) is None
    eventually(lambda: listening.listening)  # back, with nothing kept from before
    assert listening.get("page", 60) is None


def test_copies_are_not_trusted_once_the_channel_falls_silent(listening, monkeypatch):
    import redis.client

    monkeypatch.setattr(LocalPages, "SILENCE_SECONDS", 0.5)
    monkeypatch.setattr(redis.client.PubSub, "ping", lambda self, message=None: None)  # no answer ever comes
    listening.keep("page", listening.epoch, None, PAGE, minute=1)

    eventually(lambda: not listening.listening)

    assert listening.get("page", 60) is None


def test_a_renewal_is_announced_to_every_other_process(redis_url, settings):
    from embassy.pagecopies import announce_renewal

    settings.REDIS_URL = redis_url
    other_process = redis_py.Redis.from_url(redis_url).pubsub(ignore_subscribe_messages=True)
    other_process.subscribe(ANNOUNCEMENTS)
    eventually(lambda: other_process.get_message() is None and other_process.subscribed)

    announce_renewal()

    heard = []
    eventually(lambda: heard.append(other_process.get_message(timeout=0.1)) or heard[-1] is not None)
    assert heard[-1]["channel"] == ANNOUNCEMENTS.encode()
    other_process.close()


def test_an_unreachable_channel_is_retried_ever_less_often(caplog):
    import threading

    local = LocalPages("redis://127.0.0.1:1/0")  # nothing listens there
    waits = []

    class Stopwatch(threading.Event):
        def wait(self, timeout=None):
            waits.append(timeout)
            if len(waits) == 8:
                self.set()
            return self.is_set()

    local.stopped = Stopwatch()
    local.listen()  # in this thread, until the eighth wait

    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert not local.listening
    assert len(caplog.records) == 8


def test_copies_can_be_switched_off_to_measure_pages_from_the_shared_cache(
    visitor, make_publication, monkeypatch, settings
):
    from embassy.pagecache import PageCache

    settings.PAGE_CACHE_COPIES = False
    visitor.application = PageCache(visitor.application.application)
    make_publication()
    visitor.get("/en/")
    asked = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.append(keys) or real_get_many(keys))

    assert visitor.get("/en/")["X-Cache"] == "hit"
    assert len(asked) == 1
