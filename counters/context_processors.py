"""The header's date and city clocks and the incident day counters, on every page."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from embassy.clock import site_zone

from .models import Clock, Counter

# The locale the browser's Intl formats dates in, where it differs from the page's language code:
# the embassy's English is British ("26 October 2021", not "October 26, 2021").
INTL_LOCALES = {"en": "en-GB"}


@dataclass(frozen=True)
class ClockReading:
    label: str
    time_zone: str
    local: datetime  # the request's minute in the clock's zone

    @property
    def iso(self) -> str:
        return self.local.isoformat(timespec="minutes")

    @property
    def hours_minutes(self) -> str:
        # Formatted here: the template's date filter would first convert to the site's zone.
        return self.local.strftime("%H:%M")


@dataclass(frozen=True)
class CounterLine:
    counter: Counter
    days: int
    sentence: str


def furniture(request):
    """Lazy values, so that pages without the header (the admin) run no queries for them."""
    now = timezone.now().replace(second=0, microsecond=0)
    today = timezone.localdate(now, timezone=site_zone())
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "site_today": today,
        "site_time_zone": settings.SITE_TIME_ZONE,
        "intl_locale": INTL_LOCALES.get(language, language),
        "header_clocks": SimpleLazyObject(lambda: _clocks(now)),
        "day_counters": SimpleLazyObject(lambda: _counters(today, language)),
        # The sentence's plural forms for the script that renews the counters at midnight.
        "counter_forms_json": SimpleLazyObject(
            lambda: json.dumps(Counter.sentence_forms(), ensure_ascii=False)
        ),
    }


def _clocks(now: datetime) -> list[ClockReading]:
    return [
        ClockReading(clock.label, clock.time_zone, timezone.localtime(now, clock.zone))
        for clock in Clock.objects.shown()
    ]


def _counters(today: date, language: str) -> list[CounterLine]:
    counters = Counter.objects.shown().in_language(language)
    return [CounterLine(counter, counter.days_since(today), counter.sentence(today)) for counter in counters]
