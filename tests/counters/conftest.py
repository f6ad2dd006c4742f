"""Factories for day counters and city clocks."""

import itertools
import os
import time
from datetime import date

import pytest

from counters.models import Clock, Counter

_sequence = itertools.count(1)


@pytest.fixture
def make_counter(db):
    """A shown, bilingual counter that started on 1 January 2020 unless told otherwise."""

    def make(**overrides):
        n = next(_sequence)
        fields = {
            "name_en": f"incident number {n}",
            "name_ru": f"инцидента номер {n}",
            "started_on": date(2020, 1, 1),
            "order": n,
        }
        fields.update(overrides)
        return Counter.objects.create(**fields)

    return make


@pytest.fixture
def salisbury(make_counter):
    return make_counter(
        name_en="the Salisbury incident",
        name_ru="инцидента в Солсбери",
        started_on=date(2018, 3, 4),
        remark_en="no credible information or response from the British authorities",
        remark_ru="никакой достоверной информации или реакции британских властей",
        order=1,
    )


@pytest.fixture
def glushkov(make_counter):
    return make_counter(
        name_en="the death of Nikolay Glushkov on British soil",
        name_ru="гибели Николая Глушкова на британской земле",
        started_on=date(2018, 3, 12),
        remark_en="no credible information or response from the British authorities",
        remark_ru="никакой достоверной информации или реакции британских властей",
        order=2,
    )


@pytest.fixture
def make_clock(db):
    def make(**overrides):
        n = next(_sequence)
        fields = {"label_en": f"City {n}", "label_ru": f"Город {n}", "time_zone": "Europe/Paris", "order": n}
        fields.update(overrides)
        return Clock.objects.create(**fields)

    return make


@pytest.fixture
def server_in_new_york():
    """The server process's own zone (TZ) is New York, five hours from the embassy's London.

    Django sets TZ to TIME_ZONE at start-up; the tests must not depend on that.
    """
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    assert time.localtime(0).tm_hour == 19  # 1970-01-01 00:00 UTC was 19:00 in New York
    yield
    if saved is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = saved
    time.tzset()
