"""Every page gets the clocks and counters in a fixed number of queries; the demo loads the reference's."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counters import demo
from counters.models import Clock, Counter

from .helpers import visible_text


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/en/", "/ru/", "/en/news/"])
def test_page_queries_do_not_grow_with_counters_or_clocks(client, make_counter, make_clock, path):
    make_counter()
    few = count_queries(client, path)

    for _ in range(20):
        make_counter()
        make_clock()
    many = count_queries(client, path)

    assert few == many


def test_clocks_and_counters_cost_two_queries(client, salisbury, glushkov):
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")

    assert len([query for query in queries.captured_queries if "counters_" in query["sql"]]) == 2


def test_admin_pages_do_not_query_clocks_or_counters(admin_client, salisbury):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get("/admin/news/category/")

    assert not [query for query in queries.captured_queries if "counters_" in query["sql"]]


@time_machine.travel(datetime(2021, 10, 26, 20, 58, tzinfo=UTC), tick=False)
def test_demo_gives_the_reference_front_page_furniture(client, db):
    assert demo.load() == {"counters": 2, "clocks": 0}  # the clocks come with migrate

    english = visible_text(client.get("/en/").text)
    russian = visible_text(client.get("/ru/").text)

    assert "26 October 2021 · Moscow: 23:58 · London: 21:58" in english
    assert "1332 days have passed since the Salisbury incident" in english
    assert "1324 days have passed since the death of Nikolay Glushkov on British soil" in english
    assert "26 октября 2021 · Москва: 23:58 · Лондон: 21:58" in russian
    assert "1332 дня прошло со дня инцидента в Солсбери" in russian
    assert "1324 дня прошло со дня гибели Николая Глушкова на британской земле" in russian


def test_demo_is_idempotent_and_keeps_staff_edits(db):
    demo.load()
    Counter.objects.filter(name_en="the Salisbury incident").update(
        name_en="the Salisbury poisonings", is_shown=False
    )
    Clock.objects.filter(time_zone="Europe/London").update(label_en="London (embassy)")
    Clock.objects.filter(time_zone="Europe/Moscow").delete()

    assert demo.load() == {"counters": 0, "clocks": 1}

    assert Counter.objects.count() == 2
    assert Counter.objects.get(started_on="2018-03-04").name_en == "the Salisbury poisonings"
    assert Clock.objects.get(time_zone="Europe/London").label_en == "London (embassy)"
