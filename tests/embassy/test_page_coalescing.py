"""After a change or at the turn of a minute, one request makes a page and the others wait for it briefly."""

import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache.backends.locmem import LocMemCache

from embassy import pagecache, pagemaking
from embassy.pagecache import PageCache

pytestmark = pytest.mark.django_db

MID_MINUTE = datetime(2026, 12, 1, 9, 0, 30, tzinfo=UTC)
BOUND = 10  # seconds: far longer than any of these waits takes, so a request that hangs fails the test


class Site:
    """A stand-in for Django that reads the site's content as a render starts, and whose renders
    numbered in `held` (the first, unless told) go on until the test lets them finish."""

    def __init__(self):
        self.content, self.headers, self.held = "before the change", [], {1}
        self.renders, self.counting = 0, threading.Lock()
        self.started = {n: threading.Event() for n in range(1, 6)}  # no test makes more renders
        self.may_finish = threading.Event()

    def __call__(self, environ, start_response):
        with self.counting:
            self.renders += 1
            n = self.renders
            started = self.started[n]
        body = f"render {n}: {self.content}".encode()
        started.set()
        if n in self.held:
            self.may_finish.wait(BOUND)
        headers = [("Content-Type", "text/plain"), ("Content-Length", str(len(body))), *self.headers]
        start_response("200 OK", headers)
        return [body]


@pytest.fixture
def requests():
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield pool


@pytest.fixture
def site(visitor, requests):
    site = Site()
    visitor.application = PageCache(site)
    with time_machine.travel(MID_MINUTE, tick=False):
        pagecache.current_generation(time.time())  # known before the threads start: no query in them
        yield site
    site.may_finish.set()


@pytest.fixture
def waiting(monkeypatch):
    """A semaphore released each time a request finds the page being made by another and waits."""
    waits = threading.Semaphore(0)
    take_turn = pagemaking.take_turn

    def noting_waits(key, generation):
        turn = take_turn(key, generation)
        if not turn:
            waits.release()
        return turn

    monkeypatch.setattr(pagemaking, "take_turn", noting_waits)
    return waits


def test_a_request_arriving_while_the_page_is_made_gets_that_page(visitor, site, waiting, requests):
    first = requests.submit(visitor.get, "/en/")
    assert site.started[1].wait(BOUND)
    second = requests.submit(visitor.get, "/en/")
    assert waiting.acquire(timeout=BOUND)

    site.may_finish.set()

    made, served = first.result(BOUND), second.result(BOUND)
    assert (made["X-Cache"], served["X-Cache"]) == ("miss", "wait")
    assert served.content == made.content == b"render 1: before the change"
    assert site.renders == 1
    assert served["ETag"] == made["ETag"] and "s-maxage=30" in served["Cache-Control"]


def test_at_the_turn_of_a_minute_one_request_makes_the_page_for_all(visitor, site, waiting, requests):
    site.held = {2}
    visitor.get("/en/")  # the page of 09:00
    with time_machine.travel(datetime(2026, 12, 1, 9, 1, 0, 200000, tzinfo=UTC), tick=False):
        first = requests.submit(visitor.get, "/en/")
        assert site.started[2].wait(BOUND)
        second = requests.submit(visitor.get, "/en/")
        assert waiting.acquire(timeout=BOUND)

        site.may_finish.set()

        assert first.result(BOUND).content == second.result(BOUND).content == b"render 2: before the change"
    assert site.renders == 2


def test_waiting_head_and_conditional_requests_get_their_answers_from_that_page(
    visitor, site, waiting, requests
):
    etag = f'"{hashlib.md5(b"render 1: before the change").hexdigest()}"'
    first = requests.submit(visitor.get, "/en/")
    assert site.started[1].wait(BOUND)
    head = requests.submit(visitor.head, "/en/")
    conditional = requests.submit(visitor.get, "/en/", HTTP_IF_NONE_MATCH=etag)
    assert waiting.acquire(timeout=BOUND) and waiting.acquire(timeout=BOUND)

    site.may_finish.set()

    made, head, conditional = first.result(BOUND), head.result(BOUND), conditional.result(BOUND)
    assert (head.status_code, head["X-Cache"], head.content) == (200, "wait", b"")
    assert head["Content-Length"] == made["Content-Length"]
    assert (conditional.status_code, conditional["X-Cache"], conditional.content) == (304, "wait", b"")
    assert site.renders == 1


def test_a_change_during_the_wait_gets_the_page_made_after_it_and_only_once(
    visitor, site, waiting, requests, monkeypatch
):
    monkeypatch.setattr(pagemaking, "WAIT_SECONDS", BOUND)  # only the change may end the wait
    first = requests.submit(visitor.get, "/en/")
    assert site.started[1].wait(BOUND)
    waiters = [requests.submit(visitor.get, "/en/") for _ in range(2)]
    assert waiting.acquire(timeout=BOUND) and waiting.acquire(timeout=BOUND)

    site.content = "after the change"
    pagecache.forget_generation()  # staff save something while the first request is still rendering
    answers = [waiter.result(BOUND) for waiter in waiters]
    site.may_finish.set()

    assert sorted(answer.content for answer in answers) == [b"render 2: after the change"] * 2
    assert [answer["X-Cache"] for answer in answers].count("miss") == 1  # the other was served it
    assert first.result(BOUND).content == b"render 1: before the change"  # it started before the change
    assert visitor.get("/en/").content.endswith(b"after the change")  # never the first's, stored late


def test_a_request_stops_waiting_for_a_page_that_never_comes_and_makes_it(
    visitor, site, waiting, requests, monkeypatch
):
    monkeypatch.setattr(pagemaking, "WAIT_SECONDS", 0.2)
    first = requests.submit(visitor.get, "/en/")
    assert site.started[1].wait(BOUND)

    second = requests.submit(visitor.get, "/en/").result(BOUND)  # the first render never ends meanwhile

    assert waiting.acquire(timeout=0)
    assert (second["X-Cache"], second.content) == ("miss", b"render 2: before the change")
    assert not first.done()


def test_a_request_stops_waiting_as_soon_as_the_page_turns_out_not_to_be_shared(
    visitor, site, waiting, requests, monkeypatch
):
    site.headers = [("Set-Cookie", "visitor=1")]
    monkeypatch.setattr(pagemaking, "WAIT_SECONDS", 60)  # the maker letting go must end the wait
    requests.submit(visitor.get, "/en/")
    assert site.started[1].wait(BOUND)
    second = requests.submit(visitor.get, "/en/")
    assert waiting.acquire(timeout=BOUND)

    site.may_finish.set()

    assert second.result(BOUND).content == b"render 2: before the change"
    assert site.renders == 2


def test_a_cache_that_fails_during_the_wait_ends_it(visitor, site, waiting, requests, monkeypatch):
    monkeypatch.setattr(pagemaking, "WAIT_SECONDS", 60)
    requests.submit(visitor.get, "/en/")
    assert site.started[1].wait(BOUND)
    second = requests.submit(visitor.get, "/en/")
    assert waiting.acquire(timeout=BOUND)

    def fail(*args, **kwargs):
        raise ConnectionError("Redis is down (simulated)")

    monkeypatch.setattr(LocMemCache, "get_many", fail)  # in every thread's cache client

    assert second.result(BOUND).content == b"render 2: before the change"  # the first still renders


def test_once_a_page_turns_out_not_to_be_shared_the_next_requests_make_theirs_at_once(
    visitor, site, waiting, requests, monkeypatch
):
    site.headers, site.held = [("Set-Cookie", "visitor=1")], {2}
    monkeypatch.setattr(pagemaking, "WAIT_SECONDS", 60)  # nothing but the first answer may end a wait
    assert visitor.get("/en/").content == b"render 1: before the change"
    second = requests.submit(visitor.get, "/en/")
    assert site.started[2].wait(BOUND)

    third = requests.submit(visitor.get, "/en/").result(BOUND)  # while the second is still rendering

    assert third.content == b"render 3: before the change"
    assert not second.done()
