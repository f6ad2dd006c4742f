"""Error pages: translated, styled, and shown even when the database does not answer."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone
from PIL import Image

from embassy import middleware
from embassy.errors import server_error
from embassy.middleware import StaleIfErrorMiddleware
from embassy.urls import handler400, handler403, handler404, handler500  # noqa: F401 - used by Django
from embassy.urls import urlpatterns as site_urlpatterns
from news.models import Publication
from tests.admin_forms import log_in

pytestmark = pytest.mark.django_db


def publication_count(request):
    """A context processor that reads the database, as the header's clocks and counters will."""
    return {"publication_count": Publication.objects.count()}


@pytest.fixture
def header_reads_database(settings):
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "context_processors": [
            *engine["OPTIONS"]["context_processors"],
            "tests.embassy.test_errors.publication_count",
        ],
    }
    settings.TEMPLATES = [engine]


def fails(request):
    raise RuntimeError("a bug")


def denies(request):
    raise PermissionDenied


# A URLconf for the tests below: the site's, plus a view with a bug and one that denies access.
urlpatterns = [path("fails/", fails), path("denies/", denies), *site_urlpatterns]


def test_404_is_the_full_page_in_the_visitors_language(client, header_reads_database):
    english = client.get("/en/no-such-page/")
    russian = client.get("/ru/no-such-page/")

    assert english.status_code == russian.status_code == 404
    assert "Page not found" in english.text and 'aria-label="Main"' in english.text
    assert "Страница не найдена" in russian.text and '<html lang="ru">' in russian.text


def test_404_still_renders_when_the_database_is_down(client, header_reads_database, database_down):
    database_down()

    response = client.get("/ru/no-such-page/")

    assert response.status_code == 404
    assert "Страница не найдена" in response.text
    assert "css/site.css" in response.text


def test_a_page_that_needs_the_database_answers_a_styled_503_at_once(client, database_down):
    database_down()

    response = client.get("/en/news/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Temporarily unavailable" in response.text and "css/site.css" in response.text


def test_a_page_seen_before_the_database_went_down_is_served_from_its_stored_copy(
    client, make_publication, database_down
):
    make_publication(title_en="Statement on the talks")
    fresh = client.get("/en/news/")
    database_down()

    # Two minutes on, the page cache's copy has lapsed; only the stored stale copy is left.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        stale = client.get("/en/news/")

    assert stale.status_code == 200
    assert stale.content == fresh.content
    assert stale["X-Served-Stale"] == "database unavailable"
    assert stale["Content-Security-Policy"] == fresh["Content-Security-Policy"]
    assert client.get("/ru/news/").status_code == 503  # never seen, so no copy


def test_staff_never_get_a_stored_copy(client, admin_user, make_publication, database_down):
    client.get("/en/news/")  # stored for anonymous visitors
    log_in(client, admin_user)
    database_down()

    assert client.get("/en/news/").status_code == 503


def test_the_site_recovers_when_the_database_is_back(client, make_publication, database_down, monkeypatch):
    make_publication(title_en="Statement on the talks")
    database_down()
    assert client.get("/en/").status_code == 503
    monkeypatch.undo()

    response = client.get("/en/")

    assert response.status_code == 200 and "Statement on the talks" in response.text
    assert "X-Served-Stale" not in response


def test_unknown_host_gets_the_400_page(client):
    response = client.get("/en/", headers={"host": "attacker.example"})

    assert response.status_code == 400
    assert "Bad request" in response.text


@override_settings(ROOT_URLCONF="tests.embassy.test_errors")
def test_500_page_is_translated_and_needs_no_database(database_down):
    client = Client(raise_request_exception=False)
    database_down()

    response = client.get("/fails/", headers={"accept-language": "ru"})

    assert response.status_code == 500
    assert "Произошла ошибка" in response.text


@override_settings(ROOT_URLCONF="tests.embassy.test_errors")
def test_403_page(client):
    response = client.get("/denies/")

    assert response.status_code == 403
    assert "Access denied" in response.text


def test_the_admin_answers_503_while_the_database_is_down(client, admin_user, database_down):
    client.force_login(admin_user)
    database_down()

    assert client.get("/admin/").status_code == 503


def test_a_database_error_reaching_the_500_handler_becomes_a_503(rf):
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/en/"))

    assert response.status_code == 503


@pytest.mark.parametrize(
    "take_down",
    [
        pytest.param(lambda item: Publication.objects.get(pk=item.pk).delete(), id="deleted"),
        pytest.param(lambda item: update(item, status="unpublished"), id="unpublished"),
        pytest.param(
            lambda item: update(item, status="withdrawn", withdrawal_reason_en="Wrong."), id="withdrawn"
        ),
        pytest.param(lambda item: update(item, status="draft"), id="back to draft"),
    ],
)
def test_a_publication_taken_down_never_comes_back_from_a_stored_copy(
    client, make_publication, database_down, take_down
):
    item = make_publication(title_en="Published by mistake", title_ru="", lead_ru="", body_ru="")
    address = f"/en/news/{item.category.slug}/{item.slug}/"
    assert "Published by mistake" in client.get(address).text
    assert "Published by mistake" in client.get("/en/news/").text

    take_down(item)
    database_down()

    assert client.get(address).status_code == 503
    assert client.get("/en/news/").status_code == 503


def test_a_language_version_taken_down_never_comes_back_from_a_stored_copy(
    client, make_publication, database_down
):
    item = make_publication(title_ru="Опубликовано по ошибке")
    address = f"/ru/news/{item.category.slug}/{item.slug}/"
    client.get(address)

    update(item, title_ru="", lead_ru="", body_ru="")
    database_down()

    assert client.get(address).status_code == 503


def test_edits_that_take_nothing_down_keep_the_stored_copies(client, make_publication, database_down):
    item = make_publication(title_en="Statement on the talks")
    draft = make_publication(status="draft")
    seen = client.get("/en/news/")

    update(item, lead_en="A corrected lead.")
    update(draft, title_en="Still a draft")
    database_down()

    stale = client.get("/en/news/")
    assert stale.status_code == 200 and stale.content == seen.content


def test_a_page_number_on_a_page_without_pages_gets_no_stored_copy(client, make_publication, database_down):
    make_publication()
    assert client.get("/en/?p=123").status_code == 200
    assert client.get("/en/news/?page=1").status_code == 200

    database_down()

    assert client.get("/en/?p=123").status_code == 503
    assert client.get("/en/news/?page=1").status_code == 200


def test_a_page_made_before_a_takedown_is_never_served_though_stored_after_it(
    client, make_publication, database_down, monkeypatch, django_capture_on_commit_callbacks
):
    item = make_publication(title_en="Published by mistake", title_ru="", lead_ru="", body_ru="")
    is_storable = StaleIfErrorMiddleware.is_storable

    def withdrawn_while_the_page_is_on_its_way(self, request, response):
        # The view has read the database and made the page; an editor's withdrawal commits now.
        with django_capture_on_commit_callbacks(execute=True):
            update(item, status="withdrawn", withdrawal_reason_en="Wrong.")
        return is_storable(self, request, response)

    monkeypatch.setattr(StaleIfErrorMiddleware, "is_storable", withdrawn_while_the_page_is_on_its_way)
    assert "Published by mistake" in client.get("/en/news/").text
    monkeypatch.setattr(StaleIfErrorMiddleware, "is_storable", is_storable)
    database_down()

    assert client.get("/en/news/").status_code == 503


def test_after_a_takedown_a_page_seen_again_is_stored_again_at_once(client, make_publication, database_down):
    make_publication(title_en="Kept")
    other = make_publication(title_en="Taken down")
    client.get("/en/consular/")
    update(other, status="unpublished")

    client.get("/en/consular/")  # within the minute, but in the takedown's new epoch
    database_down()

    assert client.get("/en/consular/").status_code == 200


def test_a_takedown_during_a_redis_blip_still_forgets_the_copies(
    client, make_publication, database_down, monkeypatch
):
    item = make_publication(title_en="Published by mistake")
    address = f"/en/news/{item.category.slug}/{item.slug}/"
    client.get(address)
    monkeypatch.setattr(middleware.time, "sleep", lambda seconds: None)
    failures = iter([ConnectionError("Redis blinked"), ConnectionError("Redis blinked")])
    next_count = middleware.next_count

    def blinking(key):
        failure = next(failures, None)
        if failure:
            raise failure
        return next_count(key)

    monkeypatch.setattr(middleware, "next_count", blinking)
    update(item, status="unpublished")
    database_down()

    assert client.get(address).status_code == 503


def test_a_takedown_that_never_reaches_redis_says_how_to_forget_the_copies_later(
    client, make_publication, database_down, monkeypatch, caplog
):
    item = make_publication(title_en="Published by mistake")
    address = f"/en/news/{item.category.slug}/{item.slug}/"
    client.get(address)
    monkeypatch.setattr(middleware.time, "sleep", lambda seconds: None)
    next_count = middleware.next_count
    monkeypatch.setattr(middleware, "next_count", lambda key: (_ for _ in ()).throw(ConnectionError("down")))

    update(item, status="unpublished")

    assert "renew_page_cache --stored-copies" in caplog.text
    monkeypatch.setattr(middleware, "next_count", next_count)
    call_command("renew_page_cache", "--stored-copies", verbosity=0)
    database_down()
    assert client.get(address).status_code == 503


def test_addresses_that_are_no_page_leave_nothing_in_the_cache(client, make_publication):
    make_publication()
    client.get("/en/news/")
    stored = set(cache._cache)  # the test settings' cache is in this process's memory
    assert any("stale-copy:copy:" in key for key in stored)

    client.get("/en/no-such-page/")

    assert set(cache._cache) == stored


def test_a_photo_taken_off_a_page_never_comes_back_from_a_stored_copy(
    client, make_publication, database_down, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = make_publication()
    jpeg = BytesIO()
    Image.new("RGB", (600, 300), "steelblue").save(jpeg, "JPEG")
    photo = item.images.create(
        image=SimpleUploadedFile("photo.jpg", jpeg.getvalue(), content_type="image/jpeg"),
        alt_en="The wrong photo",
        alt_ru="Не та фотография",
        caption_en="A caption to take down",
    )
    address = f"/en/news/{item.category.slug}/{item.slug}/"
    assert "A caption to take down" in client.get(address).text

    photo.delete()
    database_down()

    assert client.get(address).status_code == 503


def test_copies_from_before_a_lost_epoch_are_never_served(client, make_publication, database_down):
    make_publication()
    client.get("/en/news/")

    cache.delete(StaleIfErrorMiddleware.EPOCH_KEY)  # evicted: the epoch restarts elsewhere, not at 0
    database_down()

    assert client.get("/en/news/").status_code == 503


def update(publication, **fields):
    publication = Publication.objects.get(pk=publication.pk)
    for name, value in fields.items():
        setattr(publication, name, value)
    publication.save()
