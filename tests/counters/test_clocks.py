"""The header's date and city clocks: right for the moment of the request, in each city's own zone."""

from datetime import UTC, datetime

import pytest
import time_machine

from counters.models import Clock

from .helpers import visible_text


def header_line(client, path):
    html = client.get(path).text
    start = html.index('<p class="site-clocks"')
    return visible_text(html[start : html.index("</p>", start)])


@time_machine.travel(datetime(2021, 10, 26, 20, 58, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("/en/", "26 October 2021 · Moscow: 23:58 · London: 21:58"),
        ("/ru/", "26 октября 2021 · Москва: 23:58 · Лондон: 21:58"),
    ],
)
def test_header_matches_the_reference_in_both_languages(client, db, path, line):
    assert header_line(client, path) == line


@time_machine.travel(datetime(2021, 12, 15, 12, 30, tzinfo=UTC), tick=False)
def test_in_winter_moscow_is_three_hours_ahead_of_london(client, db):
    assert header_line(client, "/en/") == "15 December 2021 · Moscow: 15:30 · London: 12:30"


@time_machine.travel(datetime(2021, 10, 26, 20, 58, tzinfo=UTC), tick=False)
def test_clocks_carry_their_zone_and_instant_for_the_script(client, db):
    html = client.get("/en/").text

    assert '<time datetime="2021-10-26T23:58+03:00" data-clock-zone="Europe/Moscow">23:58</time>' in html
    assert '<time datetime="2021-10-26T21:58+01:00" data-clock-zone="Europe/London">21:58</time>' in html
    assert '<time class="site-clocks__date" datetime="2021-10-26">26 October 2021</time>' in html
    assert 'data-site-zone="Europe/London"' in html
    assert '<script src="/static/js/clocks.js" defer></script>' in html


@time_machine.travel(datetime(2021, 10, 26, 23, 30, tzinfo=UTC), tick=False)
def test_date_is_the_embassy_date_not_the_utc_date(client, db, server_in_new_york):
    # 23:30 UTC is 00:30 on 27 October in London, and 19:30 on the 26th on the server's clock.
    assert header_line(client, "/en/").startswith("27 October 2021 ·")


def test_staff_choose_the_cities_their_labels_and_order(client, db, make_clock):
    Clock.objects.filter(time_zone="Europe/Moscow").update(is_shown=False)
    make_clock(label_en="Edinburgh", label_ru="Эдинбург", time_zone="Europe/London", order=0)
    make_clock(label_en="Vladivostok", label_ru="Владивосток", time_zone="Asia/Vladivostok", order=9)

    line = header_line(client, "/ru/")

    assert "Москва" not in line
    assert line.index("Эдинбург") < line.index("Лондон") < line.index("Владивосток")


def test_label_without_a_russian_version_falls_back_to_english(client, make_clock):
    make_clock(label_en="Paris", label_ru="", time_zone="Europe/Paris")

    assert "Paris:" in header_line(client, "/ru/")


def test_header_shows_the_date_alone_when_no_clock_is_shown(client, db):
    Clock.objects.update(is_shown=False)

    with time_machine.travel(datetime(2021, 10, 26, 20, 58, tzinfo=UTC), tick=False):
        assert header_line(client, "/en/") == "26 October 2021"


def test_moscow_and_london_exist_after_migrate(db):
    assert list(Clock.objects.values_list("label_en", "label_ru", "time_zone")) == [
        ("Moscow", "Москва", "Europe/Moscow"),
        ("London", "Лондон", "Europe/London"),
    ]
