"""One request makes a page after a change or at the turn of a minute; the others wait for it briefly.

Part of the page cache (embassy/pagecache.py). Every page's key changes each minute and every save
renews the generation, so at those moments every worker on every replica misses the same pages at
once; each making them itself, the renders compete for the same cores and the requests queued behind
them wait for all of them. Instead the first request to miss a page takes a turn (a short lock in the
cache, under the page's key and the generation it will be stored under) and makes it; the others
read the cache every few milliseconds and serve the page as soon as it is stored under that same
generation. Every wait is bounded: a request stops waiting, and makes the page itself, when the
generation is renewed (it then takes a turn for the new one), when the maker's answer turns out to
be one that may not be shared (a "page not found", say: the requests after it then make their own
at once rather than in turn), after WAIT_SECONDS, or when the cache fails. A turn expires after
MAKING_SECONDS, so a maker that dies holds up nobody for long.
"""

import logging
import os
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

MAKING_SECONDS = 2
WAIT_SECONDS = 0.5
# At once (the page may be known not to be shared), then every few milliseconds.
PAUSES = (0, 0.001, 0.002, 0.004)
LONGEST_PAUSE = 0.005
UNSHARED = "unshared"  # a turn's value once its page is known not to be one to store


def turn_key(key, generation):
    return f"pagecache:making:{generation}:{key}"


def take_turn(key, generation):
    """Whether this request makes the page at `key` under `generation`: it does unless another
    request is making it. A cache that fails makes nobody wait."""
    try:
        return bool(cache.add(turn_key(key, generation), os.getpid(), timeout=MAKING_SECONDS))
    except Exception:
        logger.warning("Page cache unavailable for taking a turn", exc_info=True)
        return True


def let_go(key, generation, shared):
    """The page is stored, or is not one to store (`shared` false): requests waiting for it stop
    waiting, and when it is not, the next ones under this generation make their own at once."""
    try:
        if shared:
            cache.delete(turn_key(key, generation))
        else:
            cache.set(turn_key(key, generation), UNSHARED, timeout=MAKING_SECONDS)
    except Exception:  # the turn expires by itself
        logger.warning("Page cache unavailable for letting go of a turn", exc_info=True)


def read(keys):
    """The cache's values of `keys`; none when the cache fails."""
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("Page cache unavailable while looking for a page", exc_info=True)
        return {}


def readings(keys, key, generation, deadline):
    """The cache's values of `keys`, read every few milliseconds while another request holds the
    turn to make the page at `key` under `generation`, until `deadline` (time.monotonic()).

    The caller stops reading when the values show what it waits for. The readings end, leaving the
    caller to make the page, when the turn is let go (after the reading that shows it), at the
    deadline, or when the cache fails.
    """
    turn = turn_key(key, generation)
    pauses = iter(PAUSES)
    while True:
        pause = next(pauses, LONGEST_PAUSE)
        if time.monotonic() + pause > deadline:
            return
        if pause:
            time.sleep(pause)
        try:
            values = cache.get_many([*keys, turn])
        except Exception:
            logger.warning("Page cache unavailable while waiting for a page", exc_info=True)
            return
        yield values
        if values.get(turn, UNSHARED) == UNSHARED:
            return
