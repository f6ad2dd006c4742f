"""An open page keeps its clocks and day counters current, in a Chromium whose clock the test controls."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from counters.models import Clock, Counter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
# 3 November 2021, 23:58:30 in London (GMT, after the clocks went back): day 1340 since Salisbury.
BEFORE_MIDNIGHT = datetime(2021, 11, 3, 23, 58, 30, tzinfo=LONDON)


@pytest.fixture
def open_page(browser, live_server):
    """A page opened by a visitor in New York, whose browser clock starts just before London's midnight."""
    call_command("load_demo", verbosity=0)
    Counter.objects.exclude(started_on=date(2018, 3, 4)).update(is_shown=False)
    contexts = []

    def open_(path):
        context = browser.new_context(base_url=live_server.url, timezone_id="America/New_York")
        contexts.append(context)
        page = context.new_page()
        page.clock.install(time=BEFORE_MIDNIGHT)
        page.goto(path)
        page.evaluate("window.stillTheSamePage = true")
        return page

    yield open_
    for context in contexts:
        context.close()


def header(page):
    return " ".join(page.locator(".site-clocks").inner_text().split())


def counter(page):
    return page.locator(".day-counter__sentence").inner_text()


def test_clock_ticks_and_counter_rolls_over_at_london_midnight_without_a_reload(open_page):
    page = open_page("/en/")
    assert header(page) == "3 November 2021 · Moscow: 02:58 · London: 23:58"
    assert counter(page) == "1340 days have passed since the Salisbury incident"

    page.clock.run_for("01:00")
    assert header(page) == "3 November 2021 · Moscow: 02:59 · London: 23:59"
    assert counter(page) == "1340 days have passed since the Salisbury incident"

    page.clock.run_for("01:00")
    assert header(page) == "4 November 2021 · Moscow: 03:00 · London: 00:00"
    assert counter(page) == "1341 days have passed since the Salisbury incident"
    assert page.locator(".site-clocks__date").get_attribute("datetime") == "2021-11-04"
    assert page.locator("time[data-clock-zone='Europe/Moscow']").get_attribute("datetime") == (
        "2021-11-04T03:00+03:00"
    )
    assert page.evaluate("window.stillTheSamePage") is True


def test_russian_counter_takes_the_plural_form_of_its_new_number(open_page):
    page = open_page("/ru/")
    assert header(page) == "3 ноября 2021 · Москва: 02:58 · Лондон: 23:58"
    assert counter(page) == "1340 дней прошло со дня инцидента в Солсбери"

    page.clock.run_for("02:00")
    assert header(page) == "4 ноября 2021 · Москва: 03:00 · Лондон: 00:00"
    assert counter(page) == "1341 день прошёл со дня инцидента в Солсбери"
    assert page.locator(".day-counter__remark").inner_text() == (
        "— никакой достоверной информации или реакции британских властей"
    )
    assert page.evaluate("window.stillTheSamePage") is True


def test_a_tab_returning_from_the_background_catches_up(open_page):
    page = open_page("/en/")

    # A background tab's or a sleeping laptop's timers may not fire for hours: the system time moves
    # on without them, and the page renews itself when it is shown again.
    page.clock.set_system_time(datetime(2021, 11, 5, 9, 15, tzinfo=LONDON))
    assert header(page) == "3 November 2021 · Moscow: 02:58 · London: 23:58"
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")

    assert header(page) == "5 November 2021 · Moscow: 12:15 · London: 09:15"
    assert counter(page) == "1342 days have passed since the Salisbury incident"


def test_a_zone_the_browser_refuses_stops_neither_the_other_clocks_nor_the_counter(open_page):
    # Saved past the validator, as an old row or a direct database edit could be; Chromium's Intl
    # throws for it, and the clock keeps what the server rendered.
    Clock.objects.create(label_en="Nowhere", label_ru="Нигде", time_zone="localtime", order=0)
    page = open_page("/en/")
    assert "Moscow: 02:58 · London: 23:58" in header(page)

    page.clock.run_for("02:00")
    assert header(page).startswith("4 November 2021 · Nowhere: ")
    assert header(page).endswith(" · Moscow: 03:00 · London: 00:00")
    assert counter(page) == "1341 days have passed since the Salisbury incident"
