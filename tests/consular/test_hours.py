"""Open now, or closed and when it reopens: in the office's zone, honouring closures and weekends."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from consular.hours import ClosedDays, Interval, status_at

LONDON = ZoneInfo("Europe/London")
MOSCOW = ZoneInfo("Europe/Moscow")
WEEKDAYS = [Interval(day, time(9, 30), time(12, 30)) for day in range(5)]


def london(*args):
    return datetime(*args, tzinfo=LONDON)


# 26 October 2021 was a Tuesday; 29 October a Friday; 1 November a Monday.


def test_open_during_hours_says_until_when(office):
    status = office.status_at(london(2021, 10, 26, 10, 0))

    assert status.is_open
    assert status.closes_at == london(2021, 10, 26, 12, 30)
    assert status.describe() == "Open now — closes at 12:30"


def test_opening_time_is_open_and_closing_time_is_closed(office):
    assert office.status_at(london(2021, 10, 26, 9, 30)).is_open
    assert not office.status_at(london(2021, 10, 26, 9, 29)).is_open
    assert not office.status_at(london(2021, 10, 26, 12, 30)).is_open


def test_before_opening_it_opens_today(office):
    status = office.status_at(london(2021, 10, 26, 8, 0))

    assert not status.is_open
    assert status.opens_at == london(2021, 10, 26, 9, 30)
    assert status.describe() == "Closed — reopens today 09:30"


def test_after_closing_it_reopens_tomorrow(office):
    assert office.status_at(london(2021, 10, 26, 15, 0)).describe() == "Closed — reopens tomorrow 09:30"


@pytest.mark.parametrize(
    "moment",
    [london(2021, 10, 29, 12, 30), london(2021, 10, 30, 11, 0), london(2021, 10, 31, 23, 59)],
    ids=["friday-at-closing", "saturday", "sunday-night"],
)
def test_next_opening_crosses_the_weekend(office, moment):
    status = office.status_at(moment)

    assert not status.is_open
    assert status.opens_at == london(2021, 11, 1, 9, 30)


def test_friday_afternoon_reads_reopens_monday(office):
    assert office.status_at(london(2021, 10, 29, 16, 0)).describe() == "Closed — reopens Monday 09:30"


def test_closure_day_is_closed_with_its_reason(make_office):
    office = make_office(closures=[(date(2021, 10, 26), date(2021, 10, 26), "Staff training", "Учёба")])

    status = office.status_at(london(2021, 10, 26, 10, 0))

    assert not status.is_open
    assert status.closed_for == "Staff training"
    assert status.opens_at == london(2021, 10, 27, 9, 30)


def test_bank_holiday_monday_pushes_the_reopening_to_tuesday(make_office):
    office = make_office(closures=[(date(2021, 11, 1), date(2021, 11, 1), "Bank holiday", "Выходной")])

    status = office.status_at(london(2021, 10, 29, 13, 0))

    assert status.opens_at == london(2021, 11, 2, 9, 30)
    assert status.describe() == "Closed — reopens Tuesday 09:30"


def test_long_closure_names_the_date_of_reopening(make_office):
    office = make_office(closures=[(date(2021, 12, 20), date(2022, 1, 7), "Winter holidays", "Праздники")])

    status = office.status_at(london(2021, 12, 21, 10, 0))

    assert status.opens_at == london(2022, 1, 10, 9, 30)
    assert status.describe() == "Closed — reopens 10 January 2022 09:30"


def test_closures_that_ended_do_not_matter(make_office):
    office = make_office(closures=[(date(2021, 10, 1), date(2021, 10, 25), "Move", "Переезд")])

    assert office.status_at(london(2021, 10, 26, 10, 0)).is_open


def test_a_day_may_have_several_intervals(make_office):
    office = make_office(hours=[(1, time(9, 30), time(12, 30)), (1, time(14, 0), time(16, 0))])

    lunch = office.status_at(london(2021, 10, 26, 13, 0))
    afternoon = office.status_at(london(2021, 10, 26, 15, 0))

    assert lunch.opens_at == london(2021, 10, 26, 14, 0)
    assert afternoon.is_open and afternoon.closes_at == london(2021, 10, 26, 16, 0)


def test_office_without_hours_is_simply_closed(make_office):
    status = make_office(hours=[]).status_at(london(2021, 10, 26, 10, 0))

    assert not status.is_open and status.opens_at is None
    assert status.describe() == "Closed"


def test_hours_are_reckoned_in_the_office_zone_not_the_servers(make_office, settings):
    settings.TIME_ZONE = "America/New_York"
    moscow = make_office(time_zone="Europe/Moscow")
    london_office = make_office(time_zone="Europe/London")
    instant = datetime(2021, 10, 26, 6, 45, tzinfo=UTC)  # 09:45 in Moscow, 07:45 in London

    assert moscow.status_at(instant).is_open
    assert moscow.status_at(instant).closes_at == datetime(2021, 10, 26, 12, 30, tzinfo=MOSCOW)
    assert not london_office.status_at(instant).is_open
    assert london_office.status_at(instant).opens_at == london(2021, 10, 26, 9, 30)


@pytest.mark.parametrize(
    ("instant", "is_open"),
    [
        (datetime(2021, 10, 29, 8, 30, tzinfo=UTC), True),  # 09:30 BST, the last Friday of summer time
        (datetime(2021, 11, 1, 8, 30, tzinfo=UTC), False),  # 08:30 GMT after the clocks went back
        (datetime(2021, 11, 1, 9, 30, tzinfo=UTC), True),  # 09:30 GMT
    ],
)
def test_wall_clock_hours_hold_across_the_daylight_saving_change(instant, is_open):
    assert status_at(instant, LONDON, WEEKDAYS, []).is_open is is_open


def test_pure_function_takes_closed_days_as_ranges():
    closures = [ClosedDays(date(2021, 10, 29), date(2021, 11, 2))]

    status = status_at(london(2021, 10, 28, 13, 0), LONDON, WEEKDAYS, closures)

    assert status.opens_at == london(2021, 11, 3, 9, 30)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (london(2021, 10, 29, 16, 0), "Закрыто — откроется в понедельник в 09:30"),
        (london(2021, 10, 26, 8, 0), "Закрыто — откроется сегодня в 09:30"),
        (london(2021, 10, 26, 10, 0), "Открыто — закроется в 12:30"),
    ],
)
def test_status_line_in_russian(office, moment, expected):
    with translation.override("ru"):
        assert office.status_at(moment).describe() == expected


def test_russian_weekdays_take_the_accusative(make_office):
    thursdays_only = make_office(hours=[(3, time(9, 30), time(12, 30))])

    with translation.override("ru"):
        assert thursdays_only.status_at(london(2021, 10, 26, 10, 0)).describe() == (
            "Закрыто — откроется в четверг в 09:30"
        )
