"""The anonymous page cache: exact invalidation by a content generation, never a stale minute.

A cached page is keyed by
- the content generation, which every save or delete of site content renews (signals, below) and
  which also renews itself when the next scheduled publication's instant passes;
- the current minute in the site's time zone, so that the header's date and clocks, the day
  counters and "open now" are right to the minute and no page outlives local midnight;
- the full path, whose language prefix separates the languages.
Requests with a session cookie (staff) bypass it, and so does any response that is private,
uncacheable (previews and embargo links are never_cache) or sets a cookie.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.db import DatabaseError
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

from .clock import site_zone

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change"
# The apps whose content pages show; a change to any of their rows renews the generation.
CONTENT_APPS = ("news", "counters", "consular")
# Rows that record something without changing any page.
NOT_CONTENT = {"news.embargolinkuse", "news.historicalpublication"}
RETRY_SECONDS = 60
# Never pages for visitors: the admin, health checks and the language switch's POST target.
UNCACHED_PREFIXES = (f"/{settings.ADMIN_URL_PATH}", "/healthz", "/i18n/")
STALE_WHILE_REVALIDATE = 30
CACHED_PARAMETERS = {"page", "p"}  # p: the sitemap's pages


def renew_generation(**kwargs):
    """Signal receiver: content changed, so every cached page is out of date from now on."""
    try:
        cache.delete_many([GENERATION_KEY, NEXT_CHANGE_KEY])
    except Exception:  # a cache that is down holds no stale pages either
        logger.warning("Could not renew the page cache generation", exc_info=True)


def next_scheduled_instant():
    """When the next scheduled publication goes live, or None."""
    from news.models import Publication

    return (
        Publication.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def valid_generation(values, now):
    """The generation among cache `values`, or None when it is missing or its scheduled instant passed."""
    generation, next_change = values.get(GENERATION_KEY), values.get(NEXT_CHANGE_KEY)
    if generation is not None and (next_change is None or now.timestamp() < next_change):
        return generation
    return None


def current_generation(now, values=None):
    """The content generation and the timestamp of its next scheduled renewal (or None).

    The generation renews itself once the next scheduled instant has passed. `values` are the two
    keys already read from the cache, if the caller has them.
    """
    if values is None:
        values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY])
    generation = valid_generation(values, now)
    if generation is not None:
        return generation, values.get(NEXT_CHANGE_KEY)
    generation = time.time_ns()
    try:
        instant = next_scheduled_instant()
        next_change = instant.timestamp() if instant else None
    except DatabaseError:
        next_change = now.timestamp() + RETRY_SECONDS
    cache.set_many({GENERATION_KEY: generation, NEXT_CHANGE_KEY: next_change}, timeout=None)
    if next_change is None:
        cache.delete(NEXT_CHANGE_KEY)
    return generation, next_change


def seconds_fresh(now, next_change):
    """How long a page rendered `now` stays right: to the end of the minute or the next scheduled instant."""
    seconds = 60 - now.second if now.second else 60
    if next_change is not None:
        seconds = min(seconds, max(int(next_change - now.timestamp()), 0))
    return seconds


class PageCacheMiddleware:
    """Serve anonymous pages from the cache; store the ones that may be shared."""

    def __init__(self, get_response):
        if not settings.PAGE_CACHE_ENABLED:
            raise MiddlewareNotUsed("PAGE_CACHE_ENABLED is off: every page is made afresh")
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_use_cache(request):
            return self.get_response(request)
        now = timezone.now()
        try:
            key = self.key(request, now)
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers 400
        try:
            # One round trip: the generation, its next renewal and the stored page together.
            values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, key])
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        stored = values.get(key)
        generation = valid_generation(values, now)
        if stored is not None and generation is not None and stored[0] == generation:
            response = stored[1]
            response["X-Cache"] = "hit"
            self.mark_public(response, now, values.get(NEXT_CHANGE_KEY))
            return response
        # The generation is fixed before rendering: a change made during the rendering deletes it,
        # so the page stored under it is never served after that change.
        try:
            generation, next_change = current_generation(now, values)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        response = self.get_response(request)
        if not self.may_store(response):
            return response
        set_response_etag(response)
        try:
            cache.set(key, (generation, response), timeout=seconds_fresh(now, next_change) + 1)
        except Exception:
            logger.warning("Could not store %s in the page cache", request.path, exc_info=True)
        response["X-Cache"] = "miss"
        self.mark_public(response, now, next_change)
        return response

    @staticmethod
    def may_use_cache(request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(UNCACHED_PREFIXES)
            # Only a page number varies a page; any other parameter (a search query, a cache-buster)
            # would let a flood of unique addresses fill the cache.
            and set(request.GET) <= CACHED_PARAMETERS
        )

    @staticmethod
    def may_store(response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
            and "no-cache" not in control
        )

    @staticmethod
    def key(request, now):
        local = now.astimezone(site_zone())
        minute = local.strftime("%Y%m%d%H%M")
        # The absolute URI validates the host (an unknown one is a 400 before anything is served).
        path = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
        return f"pagecache:{minute}:{path}"

    @staticmethod
    def mark_public(response, now, next_change):
        """Shared caches (a CDN) may keep the page while it stays right; browsers revalidate each time.

        Browsers get max-age=0: with the ETag their revalidation is a cheap 304, and no browser
        keeps showing a list after a scheduled publication's instant or a withdrawal. A shared
        cache may serve a page a little past its minute while it refetches, but never past local
        midnight (yesterday's date and day counts) or a scheduled publication's instant.
        """
        seconds = seconds_fresh(now, next_change)
        expires = now + timedelta(seconds=seconds)
        at_midnight = expires.astimezone(site_zone()).date() != now.astimezone(site_zone()).date()
        at_schedule = next_change is not None and expires.timestamp() >= next_change
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=seconds,
            stale_while_revalidate=0 if at_midnight or at_schedule else STALE_WHILE_REVALIDATE,
        )
