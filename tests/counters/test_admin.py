"""Staff edit counters and clocks in the admin; invalid input comes back with a message, never a 500."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission, User

from counters.models import Clock, Counter
from tests.admin_forms import opened_version

pytestmark = pytest.mark.usefixtures("frozen_day")


@pytest.fixture
def frozen_day():
    with time_machine.travel(datetime(2021, 10, 26, 20, 58, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def staff_client(client, db):
    """A staff member who holds only the counters app's ordinary model permissions."""
    user = User.objects.create_user("press", password="not-used-here", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="counters"))
    client.force_login(user)
    return client


def counter_form(**overrides):
    data = {
        "name_en": "the Salisbury incident",
        "name_ru": "инцидента в Солсбери",
        "remark_en": "no credible information",
        "remark_ru": "никакой достоверной информации",
        "started_on": "2018-03-04",
        "is_shown": "on",
        "order": "1",
    }
    data.update(overrides)
    return data


def test_models_have_the_ordinary_admin_permissions_for_roles_to_grant(db):
    codenames = set(
        Permission.objects.filter(content_type__app_label="counters").values_list("codename", flat=True)
    )

    assert codenames == {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("counter", "clock")
    }


def test_staff_add_a_counter_and_the_site_shows_it(staff_client, client):
    response = staff_client.post("/admin/counters/counter/add/", counter_form())

    assert response.status_code == 302, response.text
    assert "1332 days have passed since the Salisbury incident" in client.get("/en/").text


def test_future_start_date_is_refused_with_a_message_and_the_input_kept(staff_client):
    response = staff_client.post("/admin/counters/counter/add/", counter_form(started_on="2021-10-27"))

    assert response.status_code == 200
    assert "The start date is in the future" in response.text
    assert "the Salisbury incident" in response.text  # what was typed is still in the form
    assert not Counter.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "1944-12-31"])
def test_an_implausibly_early_start_date_is_refused_with_a_message(staff_client, day):
    response = staff_client.post("/admin/counters/counter/add/", counter_form(started_on=day))

    assert response.status_code == 200
    assert f"{day} cannot be right: a counter counts days since an incident of our time" in response.text
    assert not Counter.objects.exists()


def test_the_first_day_of_1945_is_an_acceptable_start_date(staff_client):
    response = staff_client.post("/admin/counters/counter/add/", counter_form(started_on="1945-01-01"))

    assert response.status_code == 302
    assert Counter.objects.get().started_on == date(1945, 1, 1)


def test_today_is_an_acceptable_start_date(staff_client):
    response = staff_client.post("/admin/counters/counter/add/", counter_form(started_on="2021-10-26"))

    assert response.status_code == 302
    assert Counter.objects.get().started_on == date(2021, 10, 26)


def test_counter_without_a_name_in_any_language_is_refused(staff_client):
    response = staff_client.post("/admin/counters/counter/add/", counter_form(name_en="", name_ru="  "))

    assert response.status_code == 200
    assert "Name the incident in at least one language." in response.text
    assert not Counter.objects.exists()


def test_counter_named_in_one_language_is_accepted(staff_client):
    response = staff_client.post("/admin/counters/counter/add/", counter_form(name_en=""))

    assert response.status_code == 302
    assert Counter.objects.get().name_ru == "инцидента в Солсбери"


def test_a_refused_change_leaves_the_saved_counter_as_it_was(staff_client, salisbury):
    url = f"/admin/counters/counter/{salisbury.pk}/change/"

    version = opened_version(staff_client.get(url))

    response = staff_client.post(
        url, counter_form(name_en="renamed", started_on="2030-01-01", edit_version=version)
    )

    assert response.status_code == 200
    assert "The start date is in the future" in response.text
    salisbury.refresh_from_db()
    assert (salisbury.name_en, salisbury.started_on) == ("the Salisbury incident", date(2018, 3, 4))


def test_counter_list_shows_todays_day_count(staff_client, salisbury):
    response = staff_client.get("/admin/counters/counter/")

    assert response.status_code == 200
    assert '<td class="field-days_today">1332</td>' in response.text


def test_unknown_time_zone_is_refused_with_a_message(staff_client):
    response = staff_client.post(
        "/admin/counters/clock/add/",
        {"label_en": "Atlantis", "label_ru": "Атлантида", "time_zone": "Europe/Atlantis", "order": "3"},
    )

    assert response.status_code == 200
    assert "“Europe/Atlantis” is not a known time zone" in response.text
    assert "Atlantis" in response.text
    assert not Clock.objects.filter(label_en="Atlantis").exists()


@pytest.mark.parametrize("name", ["localtime", "Factory"])
def test_zone_names_browsers_refuse_are_refused_in_the_admin(staff_client, name):
    response = staff_client.post(
        "/admin/counters/clock/add/",
        {"label_en": "Server", "label_ru": "Сервер", "time_zone": name, "order": "3"},
    )

    assert response.status_code == 200
    assert f"“{name}” is not a known time zone" in response.text
    assert not Clock.objects.filter(label_en="Server").exists()


def test_a_refused_zone_change_leaves_the_saved_clock_as_it_was(staff_client):
    moscow = Clock.objects.get(time_zone="Europe/Moscow")
    url = f"/admin/counters/clock/{moscow.pk}/change/"
    version = opened_version(staff_client.get(url))

    response = staff_client.post(
        url,
        {"label_en": "Moscow", "label_ru": "Москва", "time_zone": "Moscow", "is_shown": "on", "order": "1"}
        | {"edit_version": version},
    )

    assert response.status_code == 200
    moscow.refresh_from_db()
    assert moscow.time_zone == "Europe/Moscow"


def test_staff_add_a_city_and_the_header_shows_it(staff_client, client):
    response = staff_client.post(
        "/admin/counters/clock/add/",
        {
            "label_en": "New York",
            "label_ru": "Нью-Йорк",
            "time_zone": "America/New_York",
            "is_shown": "on",
            "order": "3",
        },
    )

    assert response.status_code == 302, response.text
    assert "Нью-Йорк: <time" in client.get("/ru/").text
    assert "16:58" in client.get("/ru/").text


def test_clock_list_shows_each_citys_time_now(staff_client):
    response = staff_client.get("/admin/counters/clock/")

    assert '<td class="field-time_now">23:58</td>' in response.text
    assert '<td class="field-time_now">21:58</td>' in response.text


def test_russian_admin_speaks_russian(staff_client):
    response = staff_client.post(
        "/admin/counters/counter/add/", counter_form(started_on="2030-01-01"), HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert "Дата начала ещё не наступила" in response.text
