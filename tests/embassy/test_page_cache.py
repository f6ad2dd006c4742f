"""Anonymous pages come from the cache, and are renewed exactly when what they show changes."""

import re
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consular.models import ConsularOffice
from counters.models import Clock, Counter
from embassy import pagecache
from news.models import Category, EmbargoLink, Publication
from tests.admin_forms import log_in

pytestmark = pytest.mark.django_db


def test_second_visit_is_a_cache_hit_without_queries(visitor, make_publication):
    make_publication()
    assert visitor.get("/en/")["X-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        assert visitor.get("/en/")["X-Cache"] == "hit"

    assert len(queries) == 0


def test_languages_are_cached_apart(visitor, make_publication):
    make_publication(title_en="In English", title_ru="По-русски")
    visitor.get("/en/")

    russian = visitor.get("/ru/")

    assert russian["X-Cache"] == "miss"
    assert "По-русски" in russian.text


def test_publication_change_renews_cached_pages(visitor, make_publication):
    item = make_publication(title_en="First wording")
    visitor.get("/en/")
    item.title_en = "Second wording"
    item.save()

    response = visitor.get("/en/")

    assert response["X-Cache"] == "miss"
    assert "Second wording" in response.text


def test_withdrawal_takes_the_item_off_cached_lists_at_once(visitor, make_publication):
    item = make_publication(title_en="About to be withdrawn")
    assert "About to be withdrawn" in visitor.get("/en/news/").text
    item.status = item.Status.WITHDRAWN
    item.withdrawal_reason_en = "Outdated."
    item.save()

    assert "About to be withdrawn" not in visitor.get("/en/news/").text


def test_category_counter_clock_and_consular_changes_renew_cached_pages(visitor, category):
    visitor.get("/en/news/")
    category.name_en = "Renamed category"
    category.save()
    assert "Renamed category" in visitor.get("/en/news/").text

    Counter.objects.create(name_en="the new incident", started_on=date(2020, 1, 1))
    assert "the new incident" in visitor.get("/en/news/").text

    Clock.objects.create(label_en="Vladivostok", time_zone="Asia/Vladivostok", order=9)
    assert "Vladivostok" in visitor.get("/en/news/").text

    ConsularOffice.objects.create(name_en="Consular Section", email="consul@example.org", is_primary=True)
    assert "consul@example.org" in visitor.get("/en/news/").text


def test_scheduled_publication_appears_at_its_instant_despite_the_cache(visitor, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, 30, tzinfo=UTC)  # mid-minute: the minute alone is not enough
    with time_machine.travel(go_live - timedelta(seconds=20), tick=False) as clock:
        make_publication(title_en="Scheduled statement", published_at=go_live)
        make_publication(title_en="Earlier statement", published_at=go_live - timedelta(days=1))
        assert "Scheduled statement" not in visitor.get("/en/").text
        clock.move_to(go_live - timedelta(seconds=1))
        cached = visitor.get("/en/")
        assert cached["X-Cache"] == "hit" and "Scheduled statement" not in cached.text

        clock.move_to(go_live + timedelta(seconds=1))
        assert "Scheduled statement" in visitor.get("/en/").text


def test_no_cached_page_outlives_local_midnight(visitor, db):
    Counter.objects.create(name_en="the test incident", started_on=date(2021, 1, 1))
    london = timezone.get_fixed_timezone(0)
    with time_machine.travel(datetime(2021, 1, 11, 23, 59, 30, tzinfo=london), tick=False) as clock:
        assert "10 days have passed since the test incident" in visitor.get("/en/").text
        clock.move_to(datetime(2021, 1, 12, 0, 0, 1, tzinfo=london))
        assert "11 days have passed since the test incident" in visitor.get("/en/").text


def visible_text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.text).split())


def test_the_header_clock_is_right_to_the_minute(visitor, db):
    with time_machine.travel(datetime(2021, 10, 26, 20, 58, 5, tzinfo=UTC), tick=False) as clock:
        assert "London: 21:58" in visible_text(visitor.get("/en/"))
        clock.move_to(datetime(2021, 10, 26, 20, 59, 1, tzinfo=UTC))
        assert "London: 21:59" in visible_text(visitor.get("/en/"))


def signed_in_cookies(client, user):
    """The cookies a staff member's browser holds after logging in through the admin's login page."""
    log_in(client, user)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items() if morsel.value)


def test_staff_bypass_the_cache(visitor, client, admin_user, make_publication):
    make_publication()
    visitor.get("/en/")

    response = visitor.get("/en/", HTTP_COOKIE=signed_in_cookies(client, admin_user))

    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]  # nor may a CDN keep it


@pytest.mark.parametrize("cookie", ["sessionid=junk1", "sessionid=junk2; signedin=forged"])
def test_a_made_up_session_cookie_is_served_the_cached_page(visitor, make_publication, cookie):
    make_publication()
    page = visitor.get("/en/")

    response = visitor.get("/en/", HTTP_COOKIE=cookie)

    assert (response["X-Cache"], response.content) == ("hit", page.content)


def test_logging_out_takes_the_signed_in_mark_away(visitor, client, admin_user, make_publication):
    make_publication()
    visitor.get("/en/")
    signed_in_cookies(client, admin_user)

    client.post("/admin/logout/")

    assert client.cookies["signedin"].value == "" and client.cookies["sessionid"].value == ""


def test_embargo_pages_are_never_stored(visitor, make_publication):
    item = make_publication(published_at=timezone.now() + timedelta(hours=2))
    link = EmbargoLink.objects.create(publication=item, expires_at=timezone.now() + timedelta(hours=1))
    path = f"/en/news/embargo/{link.token}/"
    visitor.get(path)

    response = visitor.get(path)

    assert response.get("X-Cache") is None
    assert link.uses.count() == 2  # each opening is recorded, none is served from a cache


def test_searches_are_never_stored(visitor, make_publications):
    make_publications(15)
    assert visitor.get("/en/news/?page=2")["X-Cache"] == "miss"
    assert visitor.get("/en/news/?page=2")["X-Cache"] == "hit"

    for _ in range(2):
        assert "X-Cache" not in visitor.get("/en/search/?q=talks")


def page_keys():
    """The pages stored in the cache (the test settings' cache is in this process's memory)."""
    from django.core.cache import cache

    return {key for key in cache._cache if re.match(r":\d+:pagecache:\d+:", key)}  # not a turn's marker


def django_renders(visitor, path):
    """How many requests for `path` reached Django, and the last answer."""
    from django.core.signals import request_started

    seen = []

    def saw(sender, **kwargs):  # a function: a signal holds a bound list.append only weakly, and loses it
        seen.append(sender)

    request_started.connect(saw)
    try:
        response = visitor.get(path)
    finally:
        request_started.disconnect(saw)
    return len(seen), response


@pytest.mark.parametrize(
    "address",
    [
        "/en/?nocache=1",
        "/en/?utm_source=telegram&utm_medium=social&fbclid=AbC",
        "/en/?gclid=1&p=123&page=4",
        "/en/?q=talks",
    ],
)
def test_parameters_a_page_does_not_read_are_served_its_cached_page(visitor, make_publications, address):
    make_publications(3)
    canonical = visitor.get("/en/")
    keys = page_keys()

    renders, response = django_renders(visitor, address)

    assert (renders, response["X-Cache"], response.content) == (0, "hit", canonical.content)
    assert page_keys() == keys


def test_a_list_with_tracking_parameters_is_the_canonical_list(visitor, make_publications):
    make_publications(25)

    tracked = visitor.get("/en/news/?utm_source=newsletter&page=2&utm_campaign=x")

    assert tracked["X-Cache"] == "miss"
    assert "utm_" not in tracked.text and "?page=3" in tracked.text  # Django never saw them
    renders, again = django_renders(visitor, "/en/news/?page=2")
    assert (renders, again["X-Cache"], again.content) == (0, "hit", tracked.content)


@pytest.mark.parametrize(
    "address, canonical",
    [
        ("/en/news/?page=1&page=2", "/en/news/?page=2"),  # Django reads the last one
        ("/en/news/?page=2&p=7", "/en/news/?page=2"),
        ("/en/news/?page=02", "/en/news/?page=2"),
        ("/en/news/feed/rss/?page=99999", "/en/news/feed/rss/"),
        ("/ru/consular/?page=5", "/ru/consular/"),
        ("/sitemap-archive.xml?p=1&page=3", "/sitemap-archive.xml?p=1"),
    ],
)
def test_other_spellings_of_a_query_share_the_canonical_pages_entry(
    visitor, make_publications, address, canonical
):
    make_publications(15)
    made = visitor.get(canonical)
    keys = page_keys()

    renders, response = django_renders(visitor, address)

    assert (renders, response["X-Cache"], response.content) == (0, "hit", made.content)
    assert page_keys() == keys


@pytest.mark.parametrize("number", ["abc", "0", "000", "999999", "1234567890123", "-1", "1.5", "%C2%B2"])
def test_a_page_number_that_is_no_page_is_a_404_and_stores_nothing(visitor, make_publications, number):
    make_publications(15)

    responses = [visitor.get(f"/en/news/?page={number}&utm_source=x") for _ in range(2)]

    assert [response.status_code for response in responses] == [404, 404]
    assert page_keys() == set()


def test_unknown_host_is_refused_even_for_a_cached_page(visitor, db):
    visitor.get("/en/")

    assert visitor.get("/en/", HTTP_HOST="attacker.example").status_code == 400


def test_responses_carry_cdn_headers_and_answer_conditional_requests(visitor, make_publication):
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, 15, tzinfo=UTC), tick=False):
        make_publication(title_en="Statement on the talks")
        first = visitor.get("/en/news/")
        assert "Statement on the talks" in first.text  # a list with something in it, not an empty one
        control = first["Cache-Control"]
        assert "public" in control and "max-age=0" in control and "s-maxage=45" in control
        assert "stale-while-revalidate=" in control
        assert first["ETag"]

        again = visitor.get("/en/news/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_shared_caches_keep_a_page_no_longer_than_the_next_scheduled_instant(visitor, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, 40, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(seconds=30), tick=False):
        make_publication(published_at=go_live)

        control = visitor.get("/en/news/")["Cache-Control"]

    assert "s-maxage=30" in control


def test_no_shared_cache_may_serve_a_page_past_local_midnight(visitor, db):
    with time_machine.travel(datetime(2026, 12, 1, 23, 59, 40, tzinfo=UTC), tick=False):  # London = UTC
        control = visitor.get("/en/news/")["Cache-Control"]

    assert "s-maxage=20" in control
    assert "stale-while-revalidate=0" in control


def test_local_midnight_is_the_site_zones_in_summer_time_too(visitor, db):
    with time_machine.travel(datetime(2026, 7, 1, 22, 59, 40, tzinfo=UTC), tick=False):  # 23:59:40 BST
        before_midnight = visitor.get("/en/news/")["Cache-Control"]
    with time_machine.travel(datetime(2026, 7, 1, 23, 59, 40, tzinfo=UTC), tick=False):  # 00:59:40 BST
        after_midnight = visitor.get("/en/news/")["Cache-Control"]

    assert "stale-while-revalidate=0" in before_midnight
    assert "stale-while-revalidate=30" in after_midnight


def test_no_shared_cache_may_serve_a_page_past_a_scheduled_instant(visitor, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, 40, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(seconds=10), tick=False):
        make_publication(published_at=go_live)

        control = visitor.get("/en/news/")["Cache-Control"]

    assert "s-maxage=10" in control and "stale-while-revalidate=0" in control


@pytest.mark.parametrize("before", [29.75, 5.5, 0.5])
def test_no_shared_cache_may_serve_a_page_past_a_scheduled_instant_at_any_fraction_of_a_second(
    visitor, make_publication, before
):
    go_live = datetime(2026, 12, 1, 9, 1, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(seconds=before), tick=False):
        make_publication(published_at=go_live)

        control = visitor.get("/en/news/")["Cache-Control"]

    assert f"s-maxage={int(before)}," in control  # rounded down: never past the instant
    assert "stale-while-revalidate=0" in control


def test_no_shared_cache_may_serve_a_stale_page_past_a_scheduled_instant_after_the_minute(
    visitor, make_publication
):
    go_live = datetime(2026, 12, 1, 9, 1, 20, tzinfo=UTC)  # 20 s into the next minute
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, 10, tzinfo=UTC), tick=False):
        make_publication(published_at=go_live)

        control = visitor.get("/en/news/")["Cache-Control"]

    # Fresh to the end of the minute; 30 s of staleness after it would cross the instant.
    assert "s-maxage=50," in control and "stale-while-revalidate=0" in control


def test_root_redirect_varies_on_accept_language(visitor, db):
    assert "Accept-Language" in visitor.get("/")["Vary"]


def test_a_cached_category_list_is_renewed_when_a_category_is_deleted(visitor, make_category):
    doomed = make_category(slug="doomed", name_en="Doomed category")
    assert "Doomed category" in visitor.get("/en/news/").text
    Category.objects.filter(pk=doomed.pk).delete()

    assert "Doomed category" not in visitor.get("/en/news/").text


def test_a_change_made_while_a_page_renders_is_not_hidden_by_it(visitor):
    from embassy.pagecache import PageCache, renew_generation

    renders = []

    def application(environ, start_response):
        renders.append(environ["PATH_INFO"])
        if len(renders) == 1:
            renew_generation()  # staff save something while this page is being made
        body = f"render {len(renders)}".encode()
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]

    visitor.application = PageCache(application)
    visitor.get("/en/")

    second = visitor.get("/en/")

    assert second["X-Cache"] == "miss"
    assert second.content == b"render 2"
    assert visitor.get("/en/")["X-Cache"] == "hit"


def test_a_cached_page_is_served_in_front_of_django_with_the_headers_it_had(visitor, make_publication):
    from django.core.signals import request_started

    with time_machine.travel(datetime(2026, 12, 1, 9, 0, 15, tzinfo=UTC), tick=False):
        make_publication(title_en="Statement on the talks")
        made = visitor.get("/en/")
        assert "Statement on the talks" in made.text
        requests_django_saw = []

        def saw(sender, **kwargs):
            requests_django_saw.append(sender)

        request_started.connect(saw)
        try:
            served = visitor.get("/en/")
        finally:
            request_started.disconnect(saw)

    assert (made["X-Cache"], served["X-Cache"]) == ("miss", "hit")
    assert requests_django_saw == []
    assert served.content == made.content
    assert {name: value for name, value in served.items() if name != "X-Cache"} == {
        name: value for name, value in made.items() if name != "X-Cache"
    }
    assert "Content-Security-Policy" in served and served["X-Content-Type-Options"] == "nosniff"


def test_head_and_conditional_requests_are_answered_from_the_cache(visitor, make_publication):
    make_publication()
    made = visitor.get("/en/news/")

    head = visitor.head("/en/news/")
    revalidated = visitor.get("/en/news/", HTTP_IF_NONE_MATCH=f'W/{made["ETag"]}, "other"')
    changed = visitor.get("/en/news/", HTTP_IF_NONE_MATCH='"other"')

    assert (head["X-Cache"], head.content, head["Content-Length"]) == ("hit", b"", made["Content-Length"])
    assert (revalidated.status_code, revalidated["X-Cache"], revalidated.content) == (304, "hit", b"")
    assert revalidated["ETag"] == made["ETag"] and "s-maxage=" in revalidated["Cache-Control"]
    assert "Content-Security-Policy" not in revalidated
    assert (changed.status_code, changed.content) == (200, made.content)


def test_addresses_without_a_language_prefix_are_cached_per_language_django_answers_in(
    visitor, make_publication
):
    make_publication()
    english = visitor.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Vary"] == "Accept-Language"

    russian = visitor.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ru")
    by_cookie = visitor.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en", HTTP_COOKIE="django_language=ru")
    other_spelling = visitor.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.1")
    unknown = visitor.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="xx-flood-1")

    assert [r["X-Cache"] for r in (english, russian, by_cookie, other_spelling, unknown)] == [
        "miss",
        "miss",
        "hit",
        "hit",
        "hit",  # English, the default
    ]


def test_a_page_made_while_a_change_is_uncommitted_is_not_served_once_it_commits(
    visitor, make_publication, django_capture_on_commit_callbacks
):
    item = make_publication(title_en="Old wording")
    with django_capture_on_commit_callbacks(execute=True):
        item.title_en = "New wording"
        item.save()
        # Another visitor's request now: in production its connection still reads the old wording.
        assert visitor.get("/en/news/")["X-Cache"] == "miss"
        assert visitor.get("/en/news/")["X-Cache"] == "hit"

    assert visitor.get("/en/news/")["X-Cache"] == "miss"


def test_a_page_made_by_another_build_is_never_served(visitor, make_publication, monkeypatch):
    make_publication()
    visitor.get("/en/news/")  # made by the build that is going away, during a deploy
    assert visitor.get("/en/news/")["X-Cache"] == "hit"

    monkeypatch.setattr(pagecache, "build", lambda: "the new build's static files")

    assert visitor.get("/en/news/")["X-Cache"] == "miss"


def test_if_modified_since_alone_never_hides_a_change(visitor, make_publication):
    older = make_publication(title_en="Older item")
    Publication.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    newest = make_publication(title_en="Item withdrawn later")
    seen = visitor.get("/en/news/feed/rss/")
    newest.status, newest.withdrawal_reason_en = "withdrawn", "Wrong."
    newest.save()

    # The feed's Last-Modified (its newest item's time) goes back as the item leaves it.
    again = visitor.get("/en/news/feed/rss/", HTTP_IF_MODIFIED_SINCE=seen["Last-Modified"])

    assert again.status_code == 200 and b"Item withdrawn later" not in again.content
    assert visitor.get("/en/news/feed/rss/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


@pytest.mark.parametrize("path", ["/en/news/feed/rss/?utm_source=newsletter", "/en/news/feed/rss/"])
def test_if_modified_since_alone_gets_no_304_from_django_either(client, make_publication, path):
    make_publication()  # the test client reaches Django itself, as an address the cache never keeps does
    last_modified = client.get(path)["Last-Modified"]

    again = client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert again.status_code == 200


def test_a_head_request_for_a_page_not_yet_cached_stores_it(visitor, make_publication):
    make_publication()

    head = visitor.head("/en/news/")
    then = visitor.get("/en/news/")

    assert (head.status_code, head["X-Cache"], head.content) == (200, "miss", b"")
    assert "s-maxage=" in head["Cache-Control"] and head["ETag"] == then["ETag"]
    assert then["X-Cache"] == "hit" and head["Content-Length"] == then["Content-Length"]


def test_a_head_request_for_a_page_that_is_not_stored_gets_no_body(visitor, make_publication):
    item = make_publication(published_at=timezone.now() + timedelta(hours=2))
    link = EmbargoLink.objects.create(publication=item, expires_at=timezone.now() + timedelta(hours=1))

    head = visitor.head(f"/en/news/embargo/{link.token}/")  # never_cache: made, never kept

    assert (head.status_code, head.get("X-Cache"), head.content) == (200, None, b"")


@pytest.mark.parametrize(
    "headers",
    [
        [("Set-Cookie", "visitor=1")],
        [("Vary", "User-Agent")],
        [("Cache-Control", "private")],
        [("Cache-Control", "no-cache")],
        [("Cache-Control", "no-store")],
        [],  # no Content-Length: a stream
    ],
)
def test_answers_that_may_not_be_shared_are_not_stored(visitor, db, headers):
    from embassy.pagecache import PageCache

    def application(environ, start_response):
        length = [] if headers == [] else [("Content-Length", "2")]
        start_response("200 OK", [("Content-Type", "text/plain"), *length, *headers])
        return [b"ok"]

    visitor.application = PageCache(application)

    assert [visitor.get("/en/").get("X-Cache") for _ in range(2)] == [None, None]


def test_gunicorn_serves_django_behind_the_page_cache():
    from embassy.pagecache import PageCache
    from embassy.wsgi import application

    assert isinstance(application, PageCache)


def test_a_publication_scheduled_while_the_next_instant_is_looked_up_still_appears_at_its_instant(
    visitor, make_publication, monkeypatch
):
    from embassy import pagecache

    go_live = datetime(2026, 12, 1, 9, 0, 40, tzinfo=UTC)
    lookup = pagecache.next_scheduled_instant

    def lookup_that_a_commit_overtakes():
        instant = lookup()  # finds nothing scheduled yet
        monkeypatch.setattr(pagecache, "next_scheduled_instant", lookup)
        make_publication(title_en="Scheduled statement", published_at=go_live)  # saved meanwhile
        return instant

    with time_machine.travel(go_live - timedelta(seconds=20), tick=False) as clock:
        make_publication(title_en="Earlier statement", published_at=go_live - timedelta(days=1))
        monkeypatch.setattr(pagecache, "next_scheduled_instant", lookup_that_a_commit_overtakes)
        visitor.get("/en/")
        assert "Scheduled statement" not in visitor.get("/en/").text
        clock.move_to(go_live + timedelta(seconds=1))

        assert "Scheduled statement" in visitor.get("/en/").text


def test_a_withdrawn_item_dated_in_the_future_renews_the_pages_at_its_instant(make_publication):
    from embassy.pagecache import next_scheduled_instant

    go_live = timezone.now() + timedelta(hours=3)
    make_publication(status="withdrawn", withdrawal_reason_en="Outdated.", published_at=go_live)

    assert next_scheduled_instant() == go_live


def test_a_page_number_that_is_not_a_number_is_never_stored(visitor, make_publications):
    make_publications(3)

    assert [visitor.get("/en/news/?page=x").get("X-Cache") for _ in range(2)] == [None, None]


@pytest.mark.parametrize("host", ["TestServer", "testserver.", "testserver:8081", "TESTSERVER.:8081"])
def test_other_spellings_of_the_host_are_served_the_canonical_page(visitor, make_publications, host):
    make_publications(3)
    page = visitor.get("/en/news/", HTTP_HOST="testserver")

    spelled = visitor.get("/en/news/", HTTP_HOST=host)

    assert (page["X-Cache"], spelled["X-Cache"], spelled.content) == ("miss", "hit", page.content)
    assert len(page_keys()) == 1


def test_a_page_first_asked_for_under_another_spelling_of_the_host_names_the_canonical_host(
    visitor, make_publications
):
    make_publications(3)

    first = visitor.get("/en/news/", HTTP_HOST="TestServer.:8081")

    assert b"TestServer" not in first.content and b":8081" not in first.content
    assert visitor.get("/en/news/", HTTP_HOST="testserver")["X-Cache"] == "hit"


def test_the_canonical_spellings_are_stored(visitor, make_publications):
    make_publications(3)
    for address, headers in [
        ("/en/news/?page=1", {}),
        ("/en/news/statements/?page=1", {}),
        ("/sitemap-archive.xml?p=1", {}),
        ("/en/news/", {"HTTP_HOST": "testserver:80"}),
    ]:
        assert [visitor.get(address, **headers)["X-Cache"] for _ in range(2)] == ["miss", "hit"], address


@pytest.mark.parametrize(
    "address, canonical",
    [
        ("/en/?p=123", "/en/"),
        ("/en/?page=4", "/en/"),
        ("/ru/consular/?page=5", "/ru/consular/"),
        ("/en/news/feed/rss/?page=99999", "/en/news/feed/rss/"),
        ("/en/news/?p=2", "/en/news/"),
    ],
)
def test_a_page_number_on_a_page_without_pages_is_never_stored_apart(
    visitor, make_publications, address, canonical
):
    make_publications(3)

    responses = [visitor.get(address) for _ in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert [response.get("X-Cache") for response in responses] == ["miss", "hit"]
    assert visitor.get(canonical)["X-Cache"] == "hit"  # the one entry, the canonical page's
    assert len(page_keys()) == 1


def test_an_empty_host_is_refused_even_when_a_page_without_host_is_cached(visitor, db):
    visitor.get("/en/")
    environ = visitor.factory.get("/en/").environ

    assert visitor.request({**environ, "HTTP_HOST": ""}).status_code == 400


def test_a_request_target_without_a_leading_slash_is_left_to_django(visitor, db):
    environ = visitor.factory.get("/en/").environ

    assert visitor.request({**environ, "PATH_INFO": "*"}).status_code == 404


def test_a_conditional_request_for_a_page_not_yet_cached_stores_it_and_gets_304(visitor, make_publication):
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, 15, tzinfo=UTC), tick=False) as clock:
        make_publication(title_en="Statement on the talks")
        feed = visitor.get("/en/news/feed/rss/")
        assert b"Statement on the talks" in feed.content
        etag = feed["ETag"]
        clock.move_to(datetime(2026, 12, 1, 9, 1, 15, tzinfo=UTC))  # a new minute: not cached yet

        first = visitor.get("/en/news/feed/rss/", HTTP_IF_NONE_MATCH=etag)
        second = visitor.get("/en/news/feed/rss/", HTTP_IF_NONE_MATCH=etag)

    assert (first.status_code, first["X-Cache"], second.status_code, second["X-Cache"]) == (
        304,
        "miss",
        304,
        "hit",
    )
    assert "s-maxage=45" in first["Cache-Control"]


def test_a_deploy_renews_every_cached_page(visitor, make_publication):
    from django.core.management import call_command

    make_publication()
    assert [visitor.get("/en/")["X-Cache"] for _ in range(2)] == ["miss", "hit"]

    call_command("renew_page_cache", stdout=StringIO())

    assert visitor.get("/en/")["X-Cache"] == "miss"


def test_a_search_sees_only_its_own_parameters(visitor, make_publication):
    make_publication(title_en="Statement on the talks")

    response = visitor.get("/en/search/?utm_source=newsletter&q=talks&fbclid=AbC")

    assert "Statement on the talks" in response.text
    assert "utm_source" not in response.text and "fbclid" not in response.text  # the language links
    assert "X-Cache" not in response
