"""Two press officers editing one counter or clock at once: a save from a form opened before another
save, from the form or from the list, is refused and shown again with what changed (embassy/editing.py)."""

from datetime import UTC, datetime

import pytest
import time_machine

from counters.models import Clock
from tests.admin_forms import form_data, staff_browsers


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
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(salisbury.pk),
            "form-0-order": str(salisbury.order),
            "_save": "Save",
        },
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
