"""The anonymous page cache: a WSGI layer in front of Django, exact to the content and the minute.

It sits in front of Django rather than among its middleware because a page served from the cache
needs nothing Django does for a request (building the request, signals, the middleware chain,
resolving the URL): the stored bytes, from Redis or from this process's own copy. As a middleware
it served pages at under half of Django's own ceiling; as a WSGI layer it serves them faster than
Django can answer with a constant string (bench/benchmark.py, README).

A cached page is keyed by
- the current minute, so that the header's date and clocks, the day counters and "open now" are
  right to the minute and no page outlives local midnight (minutes are counted in UTC: every time
  zone in use is a whole number of minutes from UTC, so local minutes and midnights fall on the
  same boundaries);
- the address as the server received it (scheme, the proxy's scheme header, host, path, query
  string): two requests share a page only when Django would have seen the same address. Only its
  canonical spelling is cached (the host in lower case on the server's port), so that endless
  spellings cannot flood the cache; an address without a language prefix is also keyed by the
  language Django answers it in. A page is stored only after Django answered 200, so a host Django
  refuses never has one. Parameters a page does not read (utm_source, fbclid, a cache-buster) are
  dropped before the key is made and before Django sees the request, so that they neither make a
  new render nor change the page (canonical_query);
and a stored page carries the content generation it was made under and is served only while that
generation is current. Every save or delete of site content renews the generation (signals,
embassy/apps.py), and it renews itself when the next scheduled publication's instant passes.

Each process also keeps its own copies of the pages it served in the last minute, and serves them
without asking Redis while no change can have happened (embassy/pagecopies.py): every renewal of the
generation is announced over Redis pub/sub, and a process that hears one, or loses the channel,
drops its copies.

While Redis is down or skipped (frozen), each process keeps copies of its own instead, checked on
every request against the count of content changes kept in the database (embassy/models.py), which
every change adds one to in its own transaction: a cached page costs one tiny query rather than a
render, and a change on any replica is seen by every worker at once.

After a change, and at the turn of each minute, one request makes each page and the others that
miss it meanwhile wait for it briefly (embassy/pagemaking.py), instead of all making it at once.

Requests with a session cookie (staff) bypass it, and so does any response that is private or
uncacheable (previews and embargo links are never_cache), sets a cookie, varies on a header the
key does not hold, or streams.
"""

import functools
import hashlib
import logging
import secrets
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl, unquote_plus

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Subquery, Sum
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import parse_etags, quote_etag

from . import pagemaking
from .cache import breaker as cache_breaker
from .clock import site_zone
from .pagecopies import CopiesCheckedByCount, LocalPages, announce_renewal

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"  # a counter
NEXT_CHANGE_KEY = "pagecache:next-change"
# The apps whose content pages show; a change to any of their rows renews the generation.
CONTENT_APPS = ("news", "counters", "consular")
# Rows that record something without changing any page.
NOT_CONTENT = {"news.embargolinkuse", "news.historicalpublication"}
RETRY_SECONDS = 60
STALE_WHILE_REVALIDATE = 30
# How long a process serves a copy kept for database outages once Django answered with it: the
# site is itself again this long after the database's return, at most.
OUTAGE_COPY_SECONDS = 1
# The page-number parameter of each page that has pages, by URL name. On any other page a page
# number changes nothing, and keeping a copy for each number would let a flood of them fill the cache.
PAGE_PARAMETERS = {"news:list": "page", "news:category": "page", "sitemap-section": "p"}
# Pages that read free text from their query: never cached (each search is a page of its own).
SEARCH_PARAMETERS = {"search": {"q", "category", "year", "page"}}
# Where no page is shared, and parameters are left as they came.
UNCACHED_PATHS = (
    settings.STATIC_URL,
    settings.MEDIA_URL,
    f"/{settings.ADMIN_URL_PATH}",
    "/healthz",
    "/i18n/",
)
LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}
# A stored page may vary only on what the key holds (the session cookie is never in a cached
# request) and on the encoding, which the proxy negotiates.
HARMLESS_VARY = {"", "accept-encoding", "cookie"}
# What a 304 keeps of the full response (RFC 9110, 15.4.5).
KEPT_ON_304 = {"cache-control", "content-location", "etag", "expires", "vary", "x-cache"}


def renew_generation(**kwargs):
    """Signal receiver: content changed, so every cached page is out of date from now on.

    Renewed at once and again when the change commits: a page made by another request while the
    change was still uncommitted shows the old content under the generation renewed at once, and
    must not be served once the change is visible. Outside a transaction both happen now. The
    database's count of changes, for when Redis is down, is added to in the change's transaction.
    """
    count_change(kwargs.get("using"))
    forget_generation()
    transaction.on_commit(forget_generation, using=kwargs.get("using"))


def count_change(using=None):
    """Add one to the database's count of content changes, in the transaction of the change.

    The count is the sum of a few rows, and a change adds to one that no other change in flight
    holds: two staff saving at once never queue on one row (nor past the web's statement timeout).
    """
    from .models import ContentGeneration

    counts = ContentGeneration.objects.db_manager(using)
    with transaction.atomic(using=counts.db):
        free = counts.select_for_update(skip_locked=True).order_by("?").values("pk")[:1]
        if counts.filter(pk__in=Subquery(free)).update(number=F("number") + 1):
            return
        if counts.filter(pk=secrets.randbelow(ContentGeneration.ROWS) + 1).update(number=F("number") + 1):
            return  # every row held by a change in flight: wait for one
    # No rows (a flushed test database): start at a random point, so that no copy made under an
    # earlier count is ever taken for current.
    try:
        with transaction.atomic(using=counts.db):
            ContentGeneration.start(counts)
    except IntegrityError:  # made meanwhile by another change
        pass
    counts.filter(pk=1).update(number=F("number") + 1)


def counted_changes():
    """The database's count of content changes (None if it has none yet)."""
    from .models import ContentGeneration

    return ContentGeneration.objects.aggregate(total=Sum("number"))["total"]


def forget_generation():
    try:
        next_generation()
    except Exception:  # a cache that is down holds no stale pages either
        logger.warning("Could not renew the page cache generation", exc_info=True)
        # But a frozen one still holds them when it answers again.
        cache_breaker.again_when_back(forget_generation)
    announce_renewal()


def next_generation():
    """Renew the generation: a counter, so that no two renewals can ever give the same one."""
    return next_count(GENERATION_KEY)


def next_count(key):
    """Add one to the counter at `key` in the cache; a counter that was never set, or was evicted,
    starts at a random point, so that it never comes back to a value it had before."""
    try:
        return cache.incr(key)
    except ValueError:
        cache.add(key, secrets.randbits(62), timeout=None)
        return cache.incr(key)


def next_scheduled_instant():
    """When the next publication due at a future instant becomes readable, or None."""
    from news.models import Publication

    return (
        Publication.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def valid_generation(values, now):
    """(generation, next change) from cache `values` when both are known and the instant has not
    passed; None otherwise. The next change is stored with the generation it was looked up for."""
    generation, known = values.get(GENERATION_KEY), values.get(NEXT_CHANGE_KEY)
    if generation is None or known is None or known[0] != generation:
        return None
    if known[1] is not None and now >= known[1]:
        return None
    return generation, known[1]


def current_generation(now, values=None):
    """The content generation and the timestamp of its next scheduled renewal (or None).

    Once the next scheduled instant has passed, the generation is renewed. The next instant is
    looked up after the generation is read and stored with it: a change committed during the
    lookup renews the generation, so a lookup that missed it is never trusted. `values` are the
    two keys already read from the cache, if the caller has them.
    """
    if values is None:
        values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY])
    valid = valid_generation(values, now)
    if valid is not None:
        return valid
    generation, known = values.get(GENERATION_KEY), values.get(NEXT_CHANGE_KEY)
    instant_passed = known is not None and known[0] == generation and known[1] is not None
    if generation is None or instant_passed:
        generation = next_generation()
    try:
        instant = next_scheduled_instant()
        next_change = instant.timestamp() if instant else None
    except DatabaseError:
        next_change = now + RETRY_SECONDS
    cache.set(NEXT_CHANGE_KEY, (generation, next_change), timeout=None)
    return generation, next_change


def fresh_until(now, next_change):
    """When a page made at `now` stops being right: the end of its minute or the next scheduled instant."""
    end_of_minute = now - now % 60 + 60
    return end_of_minute if next_change is None else min(end_of_minute, next_change)


def seconds_fresh(now, next_change):
    # Rounded down: a cache may drop the page a fraction of a second early, never keep it too long.
    return max(int(fresh_until(now, next_change) - now), 0)


def shared_cache_control(now, next_change):
    """Shared caches (a CDN) may keep the page while it stays right; browsers revalidate each time.

    Browsers get max-age=0: with the ETag their revalidation is a cheap 304, and no browser keeps
    showing a list after a scheduled publication's instant or a withdrawal. A shared cache may
    serve a page a little past its minute while it refetches, but never past local midnight
    (yesterday's date and day counts) or a scheduled publication's instant: the whole window,
    freshness and staleness, must end before either.
    """
    stale_until = fresh_until(now, next_change) + STALE_WHILE_REVALIDATE
    zone = site_zone()
    past_midnight = (
        datetime.fromtimestamp(stale_until, zone).date() != datetime.fromtimestamp(now, zone).date()
    )
    past_schedule = next_change is not None and next_change < stale_until
    stale = 0 if past_midnight or past_schedule else STALE_WHILE_REVALIDATE
    return f"public, max-age=0, s-maxage={seconds_fresh(now, next_change)}, stale-while-revalidate={stale}"


def may_use_cache(environ):
    """Whether the request is an anonymous visitor's read of a page that may be shared, at an
    address in its one canonical spelling (so that a flood of spellings cannot fill the cache)."""
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return False
    if not is_page_address(environ.get("PATH_INFO", "")):
        return False
    cookies = environ.get("HTTP_COOKIE")
    if cookies and is_signed_in(parse_cookie(cookies)):
        return False
    host = environ.get("HTTP_HOST")
    if host is not None and not canonical_host(host, environ.get("SERVER_PORT"))[1]:
        return False
    return is_canonical_query(environ.get("QUERY_STRING", ""))


SIGNED_IN_COOKIE = "signedin"  # set beside the session cookie: embassy.middleware.mark_signed_in


def signed_in_mark(session_key):
    """What the signed-in cookie holds for a session cookie: only this site can make it."""
    return salted_hmac("embassy.signed-in", session_key).hexdigest()


def is_signed_in(cookies):
    """Whether the request comes from a signed-in staff member: a session cookie this site gave at a
    login, not any value a stranger sends under its name to have every page made afresh."""
    session_key = cookies.get(settings.SESSION_COOKIE_NAME)
    mark = cookies.get(SIGNED_IN_COOKIE)
    return bool(session_key and mark) and constant_time_compare(mark, signed_in_mark(session_key))


def canonical_host(host, server_port):
    """The host as Django matches it (lower case, no trailing dot, no port), and whether `host`
    spells it so, or with the port the server listens on: the one spelling whose pages are kept."""
    domain, port = split_domain_port(host)
    return domain, host == (f"{domain}:{port}" if port else domain) and port in ("", server_port)


def is_page_address(path):
    return path.startswith("/") and not path.startswith(UNCACHED_PATHS)


def canonical_query(path, query):
    """The query with only what the page at `path` reads: its page number (the last one given, as
    Django reads it, without leading zeros), a search's own parameters, nothing on any other page.

    The query is left as it came where no page answers (Django's 404, or its redirect to the
    language prefix, keeps it) and where it holds a NUL (refused with a 400).
    """
    pairs = [(unquote_plus(pair.partition("=")[0]), pair) for pair in query.split("&") if pair]
    name = view_name(path) if pairs else None
    if name is None or any("\x00" in unquote_plus(pair) for _, pair in pairs):
        return query
    if name in SEARCH_PARAMETERS:
        return "&".join(pair for key, pair in pairs if key in SEARCH_PARAMETERS[name])
    numbers = [pair.partition("=")[2] for key, pair in pairs if key == PAGE_PARAMETERS.get(name)]
    if not numbers:
        return ""
    number = numbers[-1]
    if number.isascii() and number.isdigit():
        number = number.lstrip("0") or "0"  # page 0 is a 404, as is any number past the last page
    return f"{PAGE_PARAMETERS[name]}={number}"


def is_canonical_query(query, view_name=None):
    """No parameter, or one page number: any other parameter (a search query, a cache-buster) or
    spelling would let a flood of unique addresses fill the cache.

    Without `view_name` (before Django has resolved the address) any page-number parameter may be
    one; with it, only the parameter that page really has.
    """
    if not query:
        return True
    parameters = parse_qsl(query, keep_blank_values=True)
    if len(parameters) != 1:
        return False
    name, number = parameters[0]
    names = set(PAGE_PARAMETERS.values()) if view_name is None else {PAGE_PARAMETERS.get(view_name)}
    return name in names and number.isdigit() and not number.startswith("0")


def has_its_page_parameter(environ):
    """Whether the address's query, if any, is the page number of a page that has pages."""
    query = environ.get("QUERY_STRING", "")
    return not query or is_canonical_query(query, view_name(environ.get("PATH_INFO", "/")))


def view_name(path):
    """The URL name Django resolves `path` to (None for no page), as it would for that address's language."""
    prefix = path.split("/", 2)[1]
    with translation.override(prefix if prefix in LANGUAGE_CODES else None):
        try:
            return resolve(path).view_name
        except Resolver404:
            return None


@functools.cache
def build():
    """Which build of the static files the process serves, by its manifest of hashed names.

    Part of every key: during a deploy the old replicas run on after the release step has renewed
    the generation, and a page they made would link the new replicas' visitors to stylesheets and
    scripts the new build no longer has.
    """
    try:
        manifest = (Path(settings.STATIC_ROOT) / "staticfiles.json").read_bytes()
    except OSError:  # no collected static files (development): one build
        return ""
    return hashlib.md5(manifest, usedforsecurity=False).hexdigest()


def page_key(environ, now):
    """The cache key of the page at the request's address in the current minute, and whether the key
    holds the visitor's language preference (for addresses with no language prefix, which Django
    answers in the language of the language cookie or Accept-Language)."""
    path = environ.get("PATH_INFO", "")
    prefixed = path.split("/", 2)[1] in LANGUAGE_CODES  # may_use_cache saw a leading slash
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    forwarded_host = environ.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else ""
    parts = [
        environ.get("wsgi.url_scheme", ""),
        environ.get(proxy_header, ""),
        # As Django: an empty Host header is a Host header (refused), not a missing one.
        environ["HTTP_HOST"]
        if "HTTP_HOST" in environ
        else f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}",
        forwarded_host,
        environ.get("SCRIPT_NAME", ""),
        path,
        environ.get("QUERY_STRING", ""),
        build(),
    ]
    if not prefixed:
        # The language Django will answer in, not the raw headers, whose spellings are endless.
        visitor = SimpleNamespace(COOKIES=parse_cookie(environ.get("HTTP_COOKIE", "")), META=environ)
        parts.append(translation.get_language_from_request(visitor))
    digest = hashlib.md5("\n".join(parts).encode("latin-1", "replace"), usedforsecurity=False).hexdigest()
    return f"pagecache:{int(now // 60)}:{digest}", not prefixed


def may_store(status, headers, key_has_language):
    """Whether Django's answer may be shared: a complete 200 that nobody marked private, and which
    varies on nothing the key does not hold."""
    if not status.startswith("200 "):
        return False
    names = {name.lower() for name, _ in headers}
    control = header(headers, "Cache-Control").lower()
    vary = {part.strip().lower() for part in header(headers, "Vary").split(",")}
    return (
        "content-length" in names  # Django gives every complete response one; streams have none
        and "set-cookie" not in names
        and not any(word in control for word in ("private", "no-store", "no-cache"))
        and vary <= (HARMLESS_VARY | {"accept-language"} if key_has_language else HARMLESS_VARY)
    )


def is_outage_copy(status, headers, key_has_language):
    """Whether Django answered with the copy of the page kept for database outages (embassy/middleware.py)."""
    others = [(name, value) for name, value in headers if name.lower() != "cache-control"]
    return bool(header(headers, "X-Served-Stale")) and may_store(status, others, key_has_language)


def header(headers, name):
    name = name.lower()
    return next((value for key, value in headers if key.lower() == name), "")


def not_modified(environ, headers):
    """Whether the visitor's copy is current, by If-None-Match.

    If-Modified-Since alone is never taken for a match: a list's or a feed's Last-Modified is its
    newest item's time, which stays or even goes back when an item leaves it (withdrawn,
    unpublished), so a date says nothing of whether the page changed. The ETag does.
    """
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    return bool(if_none_match) and etag_matches(if_none_match, header(headers, "ETag"))


def etag_matches(if_none_match, etag):
    """Weak comparison, as for If-None-Match (RFC 9110, 13.1.2)."""
    etags = parse_etags(if_none_match)
    return etags == ["*"] or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in etags}


def for_django(environ):
    """Django makes the whole page to store, for a HEAD too; the conditional part, and the body a
    HEAD leaves out, are answered from it."""
    conditions = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
    environ_for_django = {name: value for name, value in environ.items() if name not in conditions}
    environ_for_django["REQUEST_METHOD"] = "GET"
    return environ_for_django


def close(body):
    if hasattr(body, "close"):
        body.close()  # Django's request_finished: connections back, and so on


class PageCache:
    """WSGI layer: serve anonymous pages from the cache; store the ones Django made that may be shared."""

    def __init__(self, application):
        self.application = application
        self.local = LocalPages(settings.REDIS_URL, enabled=settings.PAGE_CACHE_COPIES)
        self.copies = CopiesCheckedByCount()  # while Redis is down

    def __call__(self, environ, start_response):
        # Django sees the canonical query too, whether or not this request may be cached: a page
        # served from the key without a parameter must be the page Django makes without it.
        if environ["REQUEST_METHOD"] in ("GET", "HEAD") and is_page_address(environ.get("PATH_INFO", "")):
            environ["QUERY_STRING"] = canonical_query(environ["PATH_INFO"], environ.get("QUERY_STRING", ""))
            # So is the host: capitals, a trailing dot or another port would each force a render.
            host = environ.get("HTTP_HOST")
            if host:
                domain, is_canonical = canonical_host(host, environ.get("SERVER_PORT"))
                if domain and not is_canonical:
                    port = split_domain_port(host)[1]
                    same_port = port == environ.get("SERVER_PORT")
                    environ["HTTP_HOST"] = f"{domain}:{port}" if same_port else domain
        if not (settings.PAGE_CACHE_ENABLED and may_use_cache(environ)):
            return self.application(environ, start_response)
        now = time.time()
        key, key_has_language = page_key(environ, now)
        kept = self.local.get(key, now)
        if kept is not None:
            return self.serve(kept[0], "hit", environ, start_response, now, kept[1])
        if not cache_breaker.allows():  # Redis did not answer a moment ago
            return self.without_redis(key, key_has_language, environ, start_response, now)
        epoch = self.local.epoch
        try:
            # One round trip: the generation, its next renewal and the stored page together.
            values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, key])
            if self.copies.in_use:  # Redis answers again: its pages are the ones to serve
                self.copies.forget()
                # Changes made meanwhile could not renew the generation in Redis, and a command
                # that made one may have exited since: Redis's pages from before are not trusted.
                forget_generation()
                values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, key])
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.without_redis(key, key_has_language, environ, start_response, now)
        page, valid = values.get(key), valid_generation(values, now)
        if page is not None and valid is not None and page[0] == valid[0]:
            next_change = valid[1]
            self.local.keep(key, epoch, next_change, page, int(now // 60))
            return self.serve(page, "hit", environ, start_response, now, next_change)
        # The generation is fixed before rendering: a change made during the rendering deletes it,
        # so the page stored under it is never served after that change.
        try:
            generation, next_change = current_generation(now, values)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.application(environ, start_response)
        return self.make_or_wait(
            key,
            key_has_language,
            epoch,
            generation,
            next_change,
            for_django(environ),
            environ,
            start_response,
            now,
        )

    def without_redis(self, key, key_has_language, environ, start_response, now):
        """Redis is down: serve this process's copy of the page if no content changed since it was
        made, by the database's count of changes; otherwise let Django make the page, and keep it."""
        self.copies.in_use = True
        try:
            number = counted_changes()
            kept = self.copies.get(key, number, now)
            if kept is None:
                instant = next_scheduled_instant()
        except DatabaseError:  # Django answers as it can: with its copy kept for outages, or a 503
            return self.application(environ, start_response)
        if kept is not None:
            return self.serve(kept[0], "hit", environ, start_response, now, kept[1])
        if number is None:
            return self.application(environ, start_response)
        next_change = instant.timestamp() if instant else None

        def keep(page):
            # Under the count read before the rendering: a change committed meanwhile outdates it.
            self.copies.keep(key, number, next_change, page, int(now // 60))

        return self.make(
            key,
            key_has_language,
            None,
            number,
            next_change,
            for_django(environ),
            environ,
            start_response,
            now,
            keep,
        )

    def make_or_wait(
        self, key, key_has_language, epoch, generation, next_change, environ, visitor, start_response, now
    ):
        """Make the page, unless another request is making it under the same generation: then serve
        that one as soon as it is stored, never a page of an earlier generation (embassy/pagemaking.py)."""
        keys = [GENERATION_KEY, NEXT_CHANGE_KEY, key]

        def stored(values):
            """(page, next change) when `values` hold the page made under the current generation."""
            page, valid = values.get(key), valid_generation(values, now)
            if page is None or valid is None or page[0] != valid[0]:
                return None
            return page, valid[1]

        def serve(found, outcome, start_response=start_response):
            self.local.keep(key, epoch, found[1], found[0], int(now // 60))
            return self.serve(found[0], outcome, visitor, start_response, now, found[1])

        def make(generation, next_change, start_response=start_response):
            return self.make(
                key, key_has_language, epoch, generation, next_change, environ, visitor, start_response, now
            )

        def make_in_turn(generation, next_change):
            # Only a page in the cache is answered with X-Cache (serve); Django's other answers are not.
            shared = []

            def noting_whether_shared(status, headers, exc_info=None):
                shared.append(any(name == "X-Cache" for name, _ in headers))
                return start_response(status, headers, exc_info)

            try:
                # Made and stored by another request between this one's miss and its turn?
                found = stored(pagemaking.read(keys))
                if found:
                    return serve(found, "hit", noting_whether_shared)
                return make(generation, next_change, noting_whether_shared)
            finally:
                pagemaking.let_go(key, generation, shared=shared == [True])

        deadline = time.monotonic() + pagemaking.WAIT_SECONDS
        while True:
            if pagemaking.take_turn(key, generation):
                return make_in_turn(generation, next_change)
            for values in pagemaking.readings(keys, key, generation, deadline):
                found = stored(values)
                if found:
                    return serve(found, "wait")
                if values.get(GENERATION_KEY) != generation:
                    break  # renewed meanwhile: the awaited page would show what was before the change
            else:  # not a page to share, waited long enough, or the cache failed
                return make(generation, next_change)
            try:
                generation, next_change = current_generation(now, values)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
                return self.application(visitor, start_response)

    def make(
        self,
        key,
        key_has_language,
        epoch,
        generation,
        next_change,
        environ,
        visitor,
        start_response,
        now,
        keep=None,
    ):
        """Let Django make the page from `environ`; store it if it may be shared (or `keep` it, while
        Redis is down); answer the `visitor`."""
        answer = []

        def capture(status, headers, exc_info=None):
            answer[:] = [status, headers, exc_info]
            return start_response(status, headers, exc_info) if exc_info else self.no_write

        body = self.application(environ, capture)
        status, headers, exc_info = answer
        if (
            not exc_info
            and is_outage_copy(status, headers, key_has_language)
            and has_its_page_parameter(environ)
        ):
            return self.keep_outage_copy(
                key, epoch, generation, status, headers, body, visitor, start_response, now
            )
        if (
            exc_info
            or not may_store(status, headers, key_has_language)
            or not has_its_page_parameter(environ)
        ):
            if not exc_info:
                start_response(status, headers)
            if visitor["REQUEST_METHOD"] == "HEAD":
                close(body)
                return []
            return body
        try:
            content = b"".join(body)
        finally:
            close(body)
        headers = [(name, value) for name, value in headers if name.lower() != "cache-control"]
        if not header(headers, "ETag"):
            headers.append(("ETag", quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())))
        page = (generation, status, headers, content)
        if keep is not None:
            keep(page)
            return self.serve(page, "miss", visitor, start_response, now, next_change)
        try:
            cache.set(key, page, timeout=seconds_fresh(now, next_change) + 1)
        except Exception:
            logger.warning("Could not store %s in the page cache", environ.get("PATH_INFO"), exc_info=True)
        else:
            self.local.keep(key, epoch, next_change, page, int(now // 60))
        return self.serve(page, "miss", visitor, start_response, now, next_change)

    def keep_outage_copy(self, key, epoch, generation, status, headers, body, visitor, start_response, now):
        """The database is down and Django answered with the copy kept for outages: this process
        serves it for OUTAGE_COPY_SECONDS more without making Django fail again (it is never shared)."""
        try:
            content = b"".join(body)
        finally:
            close(body)
        page = (generation, status, headers, content)
        self.local.keep(key, epoch, now + OUTAGE_COPY_SECONDS, page, int(now // 60))
        # No X-Cache: the page is not in the cache, and requests waiting for it must not think so
        # (embassy/pagemaking.py).
        return self.serve(page, None, visitor, start_response, now, None)

    @staticmethod
    def no_write(data):
        raise RuntimeError("The page cache needs the response as an iterable, not written")

    @staticmethod
    def serve(page, outcome, environ, start_response, now, next_change):
        _, status, headers, content = page
        if not header(headers, "Cache-Control"):  # only outage copies have their own (no-store)
            headers = [*headers, ("Cache-Control", shared_cache_control(now, next_change))]
        if outcome:
            headers = [*headers, ("X-Cache", outcome)]
        if not_modified(environ, headers):
            start_response("304 Not Modified", [(n, v) for n, v in headers if n.lower() in KEPT_ON_304])
            return []
        start_response(status, headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [content]
