"""The reference page's day counters and the header's clocks.

Idempotent: it adds what is missing and never overwrites what staff changed.
"""

from datetime import date

from django.db import transaction

from .models import Clock, Counter

NO_RESPONSE_EN = "no credible information or response from the British authorities"
NO_RESPONSE_RU = "никакой достоверной информации или реакции британских властей"

COUNTERS = [
    {
        "started_on": date(2018, 3, 4),
        "name_en": "the Salisbury incident",
        "name_ru": "инцидента в Солсбери",
        "remark_en": NO_RESPONSE_EN,
        "remark_ru": NO_RESPONSE_RU,
        "order": 1,
    },
    {
        "started_on": date(2018, 3, 12),
        "name_en": "the death of Nikolay Glushkov on British soil",
        "name_ru": "гибели Николая Глушкова на британской земле",
        "remark_en": NO_RESPONSE_EN,
        "remark_ru": NO_RESPONSE_RU,
        "order": 2,
    },
]

CLOCKS = [
    {"time_zone": "Europe/Moscow", "label_en": "Moscow", "label_ru": "Москва", "order": 1},
    {"time_zone": "Europe/London", "label_en": "London", "label_ru": "Лондон", "order": 2},
]


@transaction.atomic
def load() -> dict[str, int]:
    created = {"counters": 0, "clocks": 0}
    for data in COUNTERS:
        # Looked up by start date alone, so a counter that staff renamed or hid stays as they left it.
        _counter, was_created = Counter.objects.get_or_create(started_on=data["started_on"], defaults=data)
        created["counters"] += was_created
    for data in CLOCKS:
        _clock, was_created = Clock.objects.get_or_create(time_zone=data["time_zone"], defaults=data)
        created["clocks"] += was_created
    return created
