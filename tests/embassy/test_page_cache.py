"""Anonymous pages come from the cache, and are renewed exactly when what they show changes."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consular.models import ConsularOffice
from counters.models import Clock, Counter
from news.models import Category, EmbargoLink

pytestmark = pytest.mark.django_db


def test_second_visit_is_a_cache_hit_without_queries(client, make_publication):
    make_publication()
    assert client.get("/en/")["X-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/")["X-Cache"] == "hit"

    assert len(queries) == 0


def test_languages_are_cached_apart(client, make_publication):
    make_publication(title_en="In English", title_ru="По-русски")
    client.get("/en/")

    russian = client.get("/ru/")

    assert russian["X-Cache"] == "miss"
    assert "По-русски" in russian.text


def test_publication_change_renews_cached_pages(client, make_publication):
    item = make_publication(title_en="First wording")
    client.get("/en/")
    item.title_en = "Second wording"
    item.save()

    response = client.get("/en/")

    assert response["X-Cache"] == "miss"
    assert "Second wording" in response.text


def test_withdrawal_takes_the_item_off_cached_lists_at_once(client, make_publication):
    item = make_publication(title_en="About to be withdrawn")
    assert "About to be withdrawn" in client.get("/en/news/").text
    item.status = item.Status.WITHDRAWN
    item.withdrawal_reason_en = "Outdated."
    item.save()

    assert "About to be withdrawn" not in client.get("/en/news/").text


def test_category_counter_clock_and_consular_changes_renew_cached_pages(client, category):
    client.get("/en/news/")
    category.name_en = "Renamed category"
    category.save()
    assert "Renamed category" in client.get("/en/news/").text

    Counter.objects.create(name_en="the new incident", started_on=date(2020, 1, 1))
    assert "the new incident" in client.get("/en/news/").text

    Clock.objects.create(label_en="Vladivostok", time_zone="Asia/Vladivostok", order=9)
    assert "Vladivostok" in client.get("/en/news/").text

    ConsularOffice.objects.create(name_en="Consular Section", email="consul@example.org", is_primary=True)
    assert "consul@example.org" in client.get("/en/news/").text


def test_scheduled_publication_appears_at_its_instant_despite_the_cache(client, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, 30, tzinfo=UTC)  # mid-minute: the minute alone is not enough
    with time_machine.travel(go_live - timedelta(seconds=20), tick=False) as clock:
        make_publication(title_en="Scheduled statement", published_at=go_live)
        make_publication(title_en="Earlier statement", published_at=go_live - timedelta(days=1))
        assert "Scheduled statement" not in client.get("/en/").text
        clock.move_to(go_live - timedelta(seconds=1))
        cached = client.get("/en/")
        assert cached["X-Cache"] == "hit" and "Scheduled statement" not in cached.text

        clock.move_to(go_live + timedelta(seconds=1))
        assert "Scheduled statement" in client.get("/en/").text


def test_no_cached_page_outlives_local_midnight(client, db):
    Counter.objects.create(name_en="the test incident", started_on=date(2021, 1, 1))
    london = timezone.get_fixed_timezone(0)
    with time_machine.travel(datetime(2021, 1, 11, 23, 59, 30, tzinfo=london), tick=False) as clock:
        assert "10 days have passed since the test incident" in client.get("/en/").text
        clock.move_to(datetime(2021, 1, 12, 0, 0, 1, tzinfo=london))
        assert "11 days have passed since the test incident" in client.get("/en/").text


def visible_text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.text).split())


def test_the_header_clock_is_right_to_the_minute(client, db):
    with time_machine.travel(datetime(2021, 10, 26, 20, 58, 5, tzinfo=UTC), tick=False) as clock:
        assert "London: 21:58" in visible_text(client.get("/en/"))
        clock.move_to(datetime(2021, 10, 26, 20, 59, 1, tzinfo=UTC))
        assert "London: 21:59" in visible_text(client.get("/en/"))


def test_staff_bypass_the_cache(client, admin_user, make_publication):
    make_publication()
    client.get("/en/")
    client.force_login(admin_user)

    response = client.get("/en/")

    assert "X-Cache" not in response


def test_embargo_pages_are_never_stored(client, make_publication):
    item = make_publication(published_at=timezone.now() + timedelta(hours=2))
    link = EmbargoLink.objects.create(publication=item, expires_at=timezone.now() + timedelta(hours=1))
    path = f"/en/news/embargo/{link.token}/"
    client.get(path)

    response = client.get(path)

    assert response.get("X-Cache") is None
    assert link.uses.count() == 2  # each opening is recorded, none is served from a cache


def test_addresses_with_other_parameters_are_not_stored(client, make_publications):
    make_publications(15)
    assert client.get("/en/news/?page=2")["X-Cache"] == "miss"
    assert client.get("/en/news/?page=2")["X-Cache"] == "hit"

    for _ in range(2):
        assert "X-Cache" not in client.get("/en/news/?utm=flood")
        assert "X-Cache" not in client.get("/en/search/?q=talks")


def test_unknown_host_is_refused_even_for_a_cached_page(client, db):
    client.get("/en/")

    assert client.get("/en/", HTTP_HOST="attacker.example").status_code == 400


def test_responses_carry_cdn_headers_and_answer_conditional_requests(client, make_publication):
    make_publication()
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, 15, tzinfo=UTC), tick=False):
        first = client.get("/en/news/")
        control = first["Cache-Control"]
        assert "public" in control and "max-age=0" in control and "s-maxage=45" in control
        assert "stale-while-revalidate=" in control
        assert first["ETag"]

        again = client.get("/en/news/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_shared_caches_keep_a_page_no_longer_than_the_next_scheduled_instant(client, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, 40, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(seconds=30), tick=False):
        make_publication(published_at=go_live)

        control = client.get("/en/news/")["Cache-Control"]

    assert "s-maxage=30" in control


def test_no_shared_cache_may_serve_a_page_past_local_midnight(client, db):
    with time_machine.travel(datetime(2026, 12, 1, 23, 59, 40, tzinfo=UTC), tick=False):  # London = UTC
        control = client.get("/en/news/")["Cache-Control"]

    assert "s-maxage=20" in control
    assert "stale-while-revalidate=0" in control


def test_no_shared_cache_may_serve_a_page_past_a_scheduled_instant(client, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, 40, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(seconds=10), tick=False):
        make_publication(published_at=go_live)

        control = client.get("/en/news/")["Cache-Control"]

    assert "s-maxage=10" in control and "stale-while-revalidate=0" in control


def test_root_redirect_varies_on_accept_language(client, db):
    assert "Accept-Language" in client.get("/")["Vary"]


def test_a_cached_category_list_is_renewed_when_a_category_is_deleted(client, make_category):
    doomed = make_category(slug="doomed", name_en="Doomed category")
    assert "Doomed category" in client.get("/en/news/").text
    Category.objects.filter(pk=doomed.pk).delete()

    assert "Doomed category" not in client.get("/en/news/").text


def test_a_change_made_while_a_page_renders_is_not_hidden_by_it(rf, db):
    from django.http import HttpResponse

    from embassy.pagecache import PageCacheMiddleware, renew_generation

    renders = []

    def view(request):
        renders.append(request.path)
        if len(renders) == 1:
            renew_generation()  # staff save something while this page is being made
        return HttpResponse(f"render {len(renders)}")

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/en/"))

    second = middleware(rf.get("/en/"))

    assert second["X-Cache"] == "miss"
    assert second.content == b"render 2"
    assert middleware(rf.get("/en/"))["X-Cache"] == "hit"
