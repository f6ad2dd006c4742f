"""Whether an office is open at a moment, and when it next opens: pure functions of their inputs.

Hours are wall-clock times in the office's own zone (09:30 is 09:30 in summer and in winter), so the
moment is converted to that zone first, whatever the server's or the visitor's zone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# How far ahead to look for the next opening: past the longest closure an office would announce.
LOOKAHEAD_DAYS = 400


@dataclass(frozen=True)
class Interval:
    weekday: int  # Monday is 0, as in date.weekday()
    opens: time
    closes: time


@dataclass(frozen=True)
class ClosedDays:
    first_day: date
    last_day: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Status:
    """An office's state at `moment` (in the office's zone)."""

    moment: datetime
    is_open: bool
    closes_at: datetime | None = None  # while open: the end of the current interval
    opens_at: datetime | None = None  # while closed: the next opening, if any is known
    closed_for: str = ""  # while closed all day for a closure: its reason

    def describe(self) -> str:
        """One line for visitors: "Open now — closes at 12:30" or "Closed — reopens Monday 09:30"."""
        if self.is_open:
            return _("Open now — closes at %(time)s") % {"time": _hhmm(self.closes_at)}
        if self.opens_at is None:
            return _("Closed")
        return _("Closed — reopens %(day)s %(time)s") % {
            "day": _day_phrase(self.moment.date(), self.opens_at.date()),
            "time": _hhmm(self.opens_at),
        }


def status_at(
    moment: datetime, zone: ZoneInfo, hours: Iterable[Interval], closures: Iterable[ClosedDays]
) -> Status:
    """Whether the office is open at `moment` (an aware datetime), and until when or from when."""
    local = moment.astimezone(zone)
    by_weekday: dict[int, list[Interval]] = {}
    for interval in sorted(hours, key=lambda i: (i.weekday, i.opens)):
        by_weekday.setdefault(interval.weekday, []).append(interval)
    closures = list(closures)
    today_closure = next((c for c in closures if c.covers(local.date())), None)
    closed_for = today_closure.reason if today_closure else ""

    for offset in range(LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        if any(closure.covers(day) for closure in closures):
            continue
        for interval in by_weekday.get(day.weekday(), []):
            opens = _at(day, interval.opens, zone)
            closes = _at(day, interval.closes, zone)
            if opens <= local < closes:
                return Status(local, is_open=True, closes_at=closes)
            if local < opens:
                return Status(local, is_open=False, opens_at=opens, closed_for=closed_for)
    return Status(local, is_open=False, closed_for=closed_for)


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    # Same-zone aware datetimes compare by wall clock, which is what opening hours mean.
    return datetime.combine(day, clock, tzinfo=zone)


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _day_phrase(today: date, day: date) -> str:
    """ "today", "tomorrow", a weekday within the week ahead, otherwise the date."""
    days = (day - today).days
    if days == 0:
        return pgettext("reopens …", "today")
    if days == 1:
        return pgettext("reopens …", "tomorrow")
    if days < 7:
        return [
            pgettext("reopens …", "Monday"),
            pgettext("reopens …", "Tuesday"),
            pgettext("reopens …", "Wednesday"),
            pgettext("reopens …", "Thursday"),
            pgettext("reopens …", "Friday"),
            pgettext("reopens …", "Saturday"),
            pgettext("reopens …", "Sunday"),
        ][day.weekday()]
    # "E" is the month's name as it stands after a day number (Russian: "5 января").
    return dateformat.format(day, "j E Y" if day.year != today.year else "j E")
