"""Day counters: the number is computed in the embassy's zone and worded with gettext plural rules."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from counters.models import Counter

from .helpers import visible_text

LONDON = ZoneInfo("Europe/London")
REMARK_EN = "no credible information or response from the British authorities"
REMARK_RU = "никакой достоверной информации или реакции британских властей"


def at_london_time(*args):
    """Travel to a London wall-clock time, given as a UTC instant so the process TZ stays as set."""
    return time_machine.travel(datetime(*args, tzinfo=LONDON).astimezone(UTC), tick=False)


def test_days_since_counts_whole_days_from_the_start_date():
    counter = Counter(started_on=date(2018, 3, 4))

    assert counter.days_since(date(2018, 3, 4)) == 0
    assert counter.days_since(date(2018, 3, 5)) == 1
    assert counter.days_since(date(2021, 10, 26)) == 1332


@at_london_time(2021, 10, 26, 21, 58)
def test_home_page_matches_the_reference_counters_in_english(client, salisbury, glushkov):
    text = visible_text(client.get("/en/").text)

    assert f"1332 days have passed since the Salisbury incident – {REMARK_EN}" in text
    assert f"1324 days have passed since the death of Nikolay Glushkov on British soil – {REMARK_EN}" in text
    assert text.index("Salisbury incident") < text.index("Nikolay Glushkov")


@at_london_time(2021, 10, 26, 21, 58)
def test_home_page_matches_the_reference_counters_in_russian(client, salisbury, glushkov):
    text = visible_text(client.get("/ru/").text)

    assert f"1332 дня прошло со дня инцидента в Солсбери — {REMARK_RU}" in text
    assert f"1324 дня прошло со дня гибели Николая Глушкова на британской земле — {REMARK_RU}" in text


@pytest.mark.parametrize(
    ("local_time", "days"),
    [
        # Spring forward: 28 March 2021 has 23 hours in London.
        ((2021, 3, 27, 23, 59), 1119),
        ((2021, 3, 28, 0, 0), 1120),
        ((2021, 3, 28, 23, 59), 1120),
        ((2021, 3, 29, 0, 0), 1121),
        # Fall back: 31 October 2021 has 25 hours in London.
        ((2021, 10, 30, 23, 59), 1336),
        ((2021, 10, 31, 0, 0), 1337),
        ((2021, 10, 31, 23, 59), 1337),
        ((2021, 11, 1, 0, 0), 1338),
    ],
)
def test_count_changes_at_london_midnight_on_daylight_saving_days_whatever_the_server_zone(
    client, salisbury, server_in_new_york, local_time, days
):
    with at_london_time(*local_time):
        text = visible_text(client.get("/en/").text)

    assert f"{days} days have passed since the Salisbury incident" in text


def test_count_follows_the_site_time_zone_setting(client, settings, salisbury):
    settings.SITE_TIME_ZONE = "Europe/Moscow"

    # 22:30 in London is already 00:30 the next day in Moscow.
    with at_london_time(2021, 10, 26, 22, 30):
        text = visible_text(client.get("/en/").text)

    assert "1333 days have passed since the Salisbury incident" in text


@pytest.mark.parametrize(
    ("days", "sentence"),
    [
        (1, "1 день прошёл со дня инцидента в Солсбери"),
        (2, "2 дня прошло со дня инцидента в Солсбери"),
        (5, "5 дней прошло со дня инцидента в Солсбери"),
        (11, "11 дней прошло со дня инцидента в Солсбери"),
        (21, "21 день прошёл со дня инцидента в Солсбери"),
        (22, "22 дня прошло со дня инцидента в Солсбери"),
        (111, "111 дней прошло со дня инцидента в Солсбери"),
        (1332, "1332 дня прошло со дня инцидента в Солсбери"),
    ],
)
def test_russian_sentence_uses_the_plural_form_of_its_number(days, sentence):
    counter = Counter(name_ru="инцидента в Солсбери", started_on=date(2018, 3, 4))

    with translation.override("ru"):
        assert counter.sentence(counter.started_on + timedelta(days=days)) == sentence


@pytest.mark.parametrize(
    ("days", "sentence"),
    [
        (1, "1 day has passed since the Salisbury incident"),
        (2, "2 days have passed since the Salisbury incident"),
        (1332, "1332 days have passed since the Salisbury incident"),
    ],
)
def test_english_sentence_is_singular_for_one_day_only(days, sentence):
    counter = Counter(name_en="the Salisbury incident", started_on=date(2018, 3, 4))

    with translation.override("en"):
        assert counter.sentence(counter.started_on + timedelta(days=days)) == sentence


def test_counters_named_in_one_language_only_show_only_in_that_language(client, make_counter):
    make_counter(name_en="an English-only incident", name_ru="")

    assert "an English-only incident" in client.get("/en/").text
    assert "an English-only incident" not in client.get("/ru/").text
    assert 'class="day-counters"' not in client.get("/ru/").text


def test_hidden_counter_is_not_shown(client, make_counter):
    make_counter(name_en="a hidden incident", is_shown=False)

    assert "a hidden incident" not in client.get("/en/").text


def test_counters_appear_in_their_order(client, make_counter):
    make_counter(name_en="the second incident", order=2)
    make_counter(name_en="the first incident", order=1)

    text = visible_text(client.get("/en/").text)

    assert text.index("the first incident") < text.index("the second incident")


def test_counters_show_on_every_page_below_the_header(client, salisbury, make_publication):
    article = make_publication()

    for path in ["/en/", "/en/news/", f"/en/news/{article.category.slug}/{article.slug}/", "/en/missing/"]:
        html = client.get(path).text
        counter_at = html.index("the Salisbury incident")
        assert html.index("</header>") < counter_at < html.index('<main id="main"'), path
