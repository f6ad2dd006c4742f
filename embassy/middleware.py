"""Site-wide request guards: allowed methods, security headers, and pages that outlive the database."""

import base64
import hashlib
import logging
import re
import sys
import time
import zlib

from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError, transaction
from django.db.models.signals import post_delete
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import patch_cache_control

from .cache import breaker as cache_breaker
from .errors import bad_request, service_unavailable
from .pagecache import (
    SIGNED_IN_COOKIE,
    canonical_host,
    is_canonical_query,
    is_signed_in,
    next_count,
    signed_in_mark,
)

logger = logging.getLogger(__name__)

# The site reads with GET/HEAD; only the admin and the language switch POST.
ALLOWED_METHODS = ("GET", "HEAD", "POST")


def allowed_methods(get_response):
    """Answer 405 to methods the site never uses (TRACE, PUT, DELETE, PATCH, OPTIONS…)."""

    def middleware(request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return get_response(request)

    return middleware


def refuse_nul_characters(get_response):
    """Answer 400 to a request with a NUL character in its path, query, cookies or form fields.

    No page has a use for one, and PostgreSQL refuses it in any text it is sent: every view or
    package that looks a value up would otherwise fail with a 500 (an embargo token, the admin's
    autocomplete term, a session key). Uploaded files may hold NULs; only form fields are checked
    (CsrfViewMiddleware reads every POST before the view anyway).
    """

    def middleware(request):
        if has_nul(request):
            return bad_request(request, None)
        return get_response(request)

    return middleware


def has_nul(request):
    texts = [request.path, *request.COOKIES.values(), *flatten(request.GET)]
    if request.method == "POST":
        texts += flatten(request.POST)
    return any("\x00" in text for text in texts)


def flatten(query):
    return [text for name, values in query.lists() for text in (name, *values)]


def ignore_if_modified_since(get_response):
    """Conditional requests are answered by the ETag alone, here as in the page cache
    (embassy.pagecache.not_modified): a list's or a feed's Last-Modified is its newest item's time,
    which goes back when an item is withdrawn, so If-Modified-Since would keep it in a reader."""

    def middleware(request):
        request.META.pop("HTTP_IF_MODIFIED_SINCE", None)
        return get_response(request)

    return middleware


def security_headers(get_response):
    """Headers Django has no setting for, and `private` on whatever a signed-in user is sent.

    The page cache never stores a signed-in user's page; `private` tells a CDN or proxy in front not
    to either, whatever rules it was given.
    """

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True)
        return response

    return middleware


def mark_signed_in(get_response):
    """Give the session cookie a companion that only this site can make (pagecache.signed_in_mark),
    set and deleted with it, so that the page cache can tell a signed-in staff member from a stranger
    sending any value as a session cookie."""

    def middleware(request):
        response = get_response(request)
        session = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if session is None:
            return response
        if session["max-age"] == 0 or not session.value:
            response.delete_cookie(SIGNED_IN_COOKIE, path=settings.SESSION_COOKIE_PATH)
        else:
            response.set_cookie(
                SIGNED_IN_COOKIE,
                signed_in_mark(session.value),
                max_age=session["max-age"] or None,
                expires=session["expires"] or None,
                path=settings.SESSION_COOKIE_PATH,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response

    return middleware


def client_ip(request):
    """The visitor's address for django-axes.

    Behind N trusted proxies it is the Nth entry from the right of X-Forwarded-For: the one the
    outermost trusted proxy saw; entries further left were written by the client and may be forged.
    """
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class StaleIfErrorMiddleware:
    """Keep the last good copy of anonymous public pages; serve it while the database is down.

    A visitor's page is stored at most once a minute in each epoch. When a view fails because the
    database does not answer, the stored copy is served, marked `X-Served-Stale` and
    `Cache-Control: no-store` so that no one keeps it; with no copy, a styled 503 comes back at once.
    Cache failures are logged and ignored: the cache is a help, never a new way to fail.

    Nothing a stranger can vary fills the cache: copies are made only of addresses in their
    canonical spelling (the host as Django matches it, on the server's port; the page's own
    parameters), and are kept by the canonical host, so that every spelling of the host finds the
    one copy. They live in a fixed number of slots, each address having two to choose from, and a
    copy is compressed and kept only under a size limit: at most SLOTS × MAX_COPY_BYTES in all. A
    copy refreshed within CLAIM_AFTER keeps its slot, so a flood of other addresses (every
    article in turn) takes only free slots and those of pages nobody read for an hour.
    """

    KEY_PREFIX = "stale-copy:"
    # Copies are kept under an epoch; a takedown starts a new one (see forget_stale_copies).
    EPOCH_KEY = "stale-copy:epoch"
    REFRESH_SECONDS = 60
    KEEP_SECONDS = 7 * 24 * 60 * 60
    # At most 64 MB in all, a quarter of docker compose's Redis; in practice a few MB (a page is
    # ~3 KB compressed, a sitemap page of 1,000 addresses ~16 KB).
    SLOTS = 1024
    MAX_COPY_BYTES = 64 * 1024
    CLAIM_AFTER = 60 * 60
    HEADERS = ("Content-Type", "Content-Language", "Vary")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The epoch is read before the page is made, as the page cache fixes its generation: a page
        # made before a takedown must be filed under the epoch the takedown ends, whenever it is stored.
        due = self.slot_if_due(request)
        response = self.get_response(request)
        if due is not None and self.is_storable(request, response):
            self.store(request, response, *due)
        return response

    def slot_if_due(self, request):
        """(epoch, slot) to store this request's page in, if it may be stored and its copy is due:
        none was made in this epoch within the minute, and a slot is free for it. One round trip to
        read; nothing is written until the page turns out storable (a flood of 404 addresses writes
        nothing)."""
        if not (request.method == "GET" and self.is_cacheable_request(request)):
            return None
        address = self.address(request, spelled_canonically=True)
        if address is None:
            return None
        slots = self.slots(address)
        try:
            values = cache.get_many([self.EPOCH_KEY, *(self.owner_key(slot) for slot in slots)])
            epoch = values.get(self.EPOCH_KEY)
            if epoch is None:
                epoch = current_epoch()
        except Exception:  # noqa: BLE001 - a cache failure must not fail the page
            logger.warning("Could not read the stored copies' epoch for %s", request.path, exc_info=True)
            return None
        now = time.time()
        owners = {slot: values.get(self.owner_key(slot)) for slot in slots}
        for slot, owner in owners.items():
            if owner is not None and owner[:2] == (epoch, address):
                return (epoch, slot) if now - owner[2] >= self.REFRESH_SECONDS else None
        for slot, owner in owners.items():
            if owner is None or owner[0] != epoch or now - owner[2] >= self.CLAIM_AFTER:
                return epoch, slot
        return None  # both slots hold pages visitors read within the hour

    def address(self, request, spelled_canonically=False):
        """The page's address with the host as Django matches it (lower case, no trailing dot, no
        port); None if the host is refused, or if `spelled_canonically` and the request spelled
        it otherwise (its page would link to that spelling)."""
        try:
            domain, canonical = canonical_host(request.get_host(), request.META.get("SERVER_PORT"))
        except DisallowedHost:
            return None
        if spelled_canonically and not canonical:
            return None
        query = request.META.get("QUERY_STRING", "")
        return f"{request.scheme}://{domain}{request.path}" + (f"?{query}" if query else "")

    def slots(self, address):
        digest = hashlib.md5(address.encode(), usedforsecurity=False).digest()
        return tuple(dict.fromkeys(int.from_bytes(digest[i : i + 4]) % self.SLOTS for i in (0, 4)))

    def owner_key(self, slot):
        return f"{self.KEY_PREFIX}owner:{slot}"

    def copy_key(self, slot):
        return f"{self.KEY_PREFIX}copy:{slot}"

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        copy = self.stored(request) if self.is_cacheable_request(request) else None
        if copy is None:
            return service_unavailable(request)
        response = HttpResponse(zlib.decompress(copy["content"]), status=200)
        for name, value in copy["headers"].items():
            response[name] = value
        response["X-Served-Stale"] = "database unavailable"
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            request.method in ("GET", "HEAD")
            and not is_signed_in(request.COOKIES)
            # Addresses in their canonical spelling only: a flood of spellings would push out
            # every other page's copy.
            and is_canonical_query(
                request.META.get("QUERY_STRING", ""),
                request.resolver_match.view_name if request.resolver_match else None,
            )
        )

    def is_storable(self, request, response):
        return (
            request.method == "GET"
            and self.is_cacheable_request(request)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    def store(self, request, response, epoch, slot):
        address = self.address(request)
        try:
            content = zlib.compress(response.content)
            if len(content) > self.MAX_COPY_BYTES:
                return
            headers = {name: response[name] for name in self.HEADERS if response.has_header(name)}
            copy = {"epoch": epoch, "address": address, "content": content, "headers": headers}
            cache.set_many(
                {self.copy_key(slot): copy, self.owner_key(slot): (epoch, address, time.time())},
                self.KEEP_SECONDS,
            )
        except Exception:  # noqa: BLE001 - a cache failure must not fail the page
            logger.warning("Could not store a copy of %s", request.path, exc_info=True)

    def stored(self, request):
        address = self.address(request)
        if address is None:
            return None
        try:
            epoch = current_epoch()
            copies = cache.get_many([self.copy_key(slot) for slot in self.slots(address)]).values()
        except Exception:  # noqa: BLE001
            logger.warning("Could not read the stored copy of %s", request.path, exc_info=True)
            return None
        return next((copy for copy in copies if (copy["epoch"], copy["address"]) == (epoch, address)), None)


# django-simple-history's list of a publication's versions has one style attribute (on its
# paginator). CSP level 3 can allow that exact attribute by its hash, and nothing else inline.
UNSAFE_HASHES = "'unsafe-hashes'"
HISTORY_PAGINATOR_STYLE = "'sha256-{}'".format(
    base64.b64encode(hashlib.sha256(b"border-top: 0").digest()).decode()
)


def current_epoch():
    """The epoch stale copies are kept under. One that was never set, or was evicted, starts at a
    random point (next_count): a copy from before a takedown must never become current again."""
    epoch = cache.get(StaleIfErrorMiddleware.EPOCH_KEY)
    return next_count(StaleIfErrorMiddleware.EPOCH_KEY) if epoch is None else epoch


FORGET_ATTEMPTS = (0, 0.05, 0.2, 1)  # seconds to wait before each try


def forget_stale_copies():
    """No copy stored so far is ever served again: something shown on pages has been taken down
    (a withdrawal, an unpublished or deleted item, a language version removed), and a copy would
    bring it back while the database is down. Copies are stored again as visitors come.

    Retried over a second: Redis back from a blip still holds the old copies. If it never answers,
    the error says so; `manage.py renew_page_cache --stored-copies` forgets them once it does.
    """
    for pause in FORGET_ATTEMPTS:
        time.sleep(pause)
        try:
            next_count(StaleIfErrorMiddleware.EPOCH_KEY)
            return
        except Exception:  # noqa: BLE001, PERF203 - tried again, then reported
            last_failure = sys.exc_info()
    # A frozen Redis still holds the copies when it answers again.
    cache_breaker.again_when_back(forget_stale_copies)
    logger.error(
        "A takedown could not forget the stored copies of pages: while the database is down they may "
        "show what was taken down. Run `manage.py renew_page_cache --stored-copies` once Redis answers.",
        exc_info=last_failure,
    )


def how_shown(pk):
    """How a publication is shown to visitors: a set of (language, status) pairs, empty if not at all."""
    from news.models import Publication

    titles = [f"title_{code}" for code, _name in settings.LANGUAGES]
    publication = Publication.objects.readable().filter(pk=pk).only("status", *titles).first()
    return {(code, publication.status) for code in publication.languages()} if publication else set()


def remember_how_shown(sender, instance, **kwargs):
    """pre_save and pre_delete receiver for publications."""
    instance._shown_before = how_shown(instance.pk) if instance.pk else set()


def forget_stale_copies_after_takedown(sender, instance, using, **kwargs):
    """post_save and post_delete receiver for publications: when something that was shown is no
    longer shown so, every stored copy is forgotten, at once and again when the change commits (a
    copy made in between would still show it)."""
    deleted = kwargs["signal"] is post_delete
    shown_now = set() if deleted else how_shown(instance.pk)
    if getattr(instance, "_shown_before", set()) - shown_now:
        forget_stale_copies()
        transaction.on_commit(forget_stale_copies, using=using)


def forget_stale_copies_after_image_removal(sender, instance, using, **kwargs):
    """post_delete receiver for publication images: a photo taken off a page visitors can read is a
    takedown too (its copies would still show its caption and alt text, around a missing image)."""
    if how_shown(instance.publication_id):
        forget_stale_copies()
        transaction.on_commit(forget_stale_copies, using=using)


def admin_style_policy(get_response):
    """Let the admin's rich-text editor (django-prose-editor) set inline styles; scripts stay strict.

    The editor positions its menus with style attributes, which style-src 'self' refuses. Only the
    pages that carry it get this relaxation: a publication's add and change forms and the history
    page that shows a past version in the same form. The list of versions gets only its one style
    attribute, by hash. The login page and every other admin page keep the strict policy.
    """
    admin = re.escape(settings.ADMIN_URL_PATH)
    editor_pages = re.compile(rf"^/{admin}news/publication/(add|[^/]+/change|[^/]+/history/[^/]+)/$")
    history_list = re.compile(rf"^/{admin}news/publication/[^/]+/history/$")

    def middleware(request):
        response = get_response(request)
        if editor_pages.match(request.path):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        elif history_list.match(request.path):
            response._csp_update = {"style-src": [UNSAFE_HASHES, HISTORY_PAGINATOR_STYLE]}
        return response

    return middleware
