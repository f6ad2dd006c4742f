"""Two press officers editing one counter or clock at once: a save from a form opened before another
save, from the form or from the list, is refused and shown again with what changed (embassy/editing.py)."""

import threading
from datetime import UTC, datetime
from unittest import mock

import pytest
import time_machine
from django.db import connection, connections

from counters.models import Clock
from embassy.editing import read_token
from tests.admin_forms import form_data, list_data, staff_browsers


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(datetime(2021, 10, 26, 20, 58, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def officers(db, django_user_model):
    """Anna and Boris, press officers, each in their own browser."""
    return staff_browsers(django_user_model, "press", "anna", "boris")


def test_a_form_opened_before_a_counter_was_hidden_from_the_list_is_refused_and_it_stays_hidden(
    officers, salisbury
):
    anna, boris = officers
    url = f"/admin/counters/counter/{salisbury.pk}/change/"
    boris_form = boris.get(url)
    assert "the Salisbury incident" in anna.get("/en/").text

    hidden = anna.post(
        "/admin/counters/counter/",
        list_data(anna.get("/admin/counters/counter/"), salisbury.pk, is_shown=False),
    )
    assert hidden.status_code == 302
    refused = boris.post(url, form_data(boris_form, remark_en="no answer"))

    assert refused.status_code == 200
    assert "Shown: yes → no" in refused.text
    salisbury.refresh_from_db()
    assert not salisbury.is_shown and salisbury.remark_en != "no answer"
    assert "the Salisbury incident" not in anna.get("/en/").text
    assert boris.post(url, form_data(refused)).status_code == 302
    salisbury.refresh_from_db()
    assert (salisbury.is_shown, salisbury.remark_en) == (False, "no answer")


def test_a_clock_label_from_an_older_form_does_not_undo_a_new_zone(officers):
    anna, boris = officers
    clock = Clock.objects.get(time_zone="Europe/Moscow")
    url = f"/admin/counters/clock/{clock.pk}/change/"
    annas_form, boris_form = anna.get(url), boris.get(url)

    assert anna.post(url, form_data(annas_form, time_zone="Europe/Kaliningrad")).status_code == 302
    refused = boris.post(url, form_data(boris_form, label_en="Moscow (MSK)"))

    assert refused.status_code == 200
    clock.refresh_from_db()
    assert (clock.time_zone, clock.label_en) == ("Europe/Kaliningrad", "Moscow")
    assert boris.post(url, form_data(refused)).status_code == 302
    clock.refresh_from_db()
    assert (clock.time_zone, clock.label_en) == ("Europe/Kaliningrad", "Moscow (MSK)")


@pytest.mark.parametrize("kind", ["counter", "clock"])
def test_a_list_opened_before_an_item_was_hidden_is_refused_and_it_stays_hidden(officers, salisbury, kind):
    anna, boris = officers
    item = salisbury if kind == "counter" else Clock.objects.get(time_zone="Europe/Moscow")
    list_url, url = f"/admin/counters/{kind}/", f"/admin/counters/{kind}/{item.pk}/change/"
    boris_list = boris.get(list_url)
    assert item.is_shown

    assert anna.post(url, form_data(anna.get(url), is_shown="")).status_code == 302
    refused = boris.post(list_url, list_data(boris_list, item.pk, order=item.order + 1))

    assert refused.status_code == 200
    assert f"Anna saved {item._meta.verbose_name} “{item}” at" in refused.text
    assert "Shown: no" in refused.text
    item.refresh_from_db()
    assert not item.is_shown
    # Opened again, the list saves the new order, and the item stays hidden.
    fresh = list_data(boris.get(list_url), item.pk, order=item.order + 1)
    assert boris.post(list_url, fresh).status_code == 302
    shown, order = item.is_shown, item.order
    item.refresh_from_db()
    assert (item.is_shown, item.order) == (shown, order + 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: no two saves overlap")
@pytest.mark.django_db(transaction=True)
def test_two_saves_of_one_list_at_the_same_instant_cannot_both_pass(officers, salisbury):
    anna, boris = officers
    annas_list, boris_list = anna.get("/admin/counters/counter/"), boris.get("/admin/counters/counter/")
    both_checked = threading.Barrier(2, timeout=10)
    checks = []

    def check_then_wait(value):
        opened = read_token(value)
        if opened and opened["pk"] == str(salisbury.pk):
            checks.append(opened)
            if len(checks) <= 2:  # both rows pass their check before either writes
                both_checked.wait()
        return opened

    answers = {}

    def save_in_thread(name, browser, data):
        try:
            answers[name] = browser.post("/admin/counters/counter/", data).status_code
        finally:
            connections.close_all()

    boris_order = salisbury.order + 5
    posts = {
        "anna": (anna, list_data(annas_list, salisbury.pk, is_shown=False)),
        "boris": (boris, list_data(boris_list, salisbury.pk, order=boris_order)),
    }
    with mock.patch("embassy.editing.read_token", check_then_wait):
        threads = [
            threading.Thread(target=save_in_thread, args=(name, *each)) for name, each in posts.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert sorted(answers.values()) == [200, 302]
    salisbury.refresh_from_db()
    applied = {"anna": not salisbury.is_shown, "boris": salisbury.order == boris_order}
    assert applied == {name: answer == 302 for name, answer in answers.items()}
