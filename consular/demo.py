"""The reference page's consular contacts. Idempotent: once any office exists, staff own the data."""

from datetime import date, time

from django.db import transaction

from embassy.clock import site_today

from .models import Closure, ConsularOffice, OpeningHours, PhoneNumber
from .phones import normalise

OFFICE = {
    "name_en": "Consular Section",
    "name_ru": "Консульский отдел",
    "address_en": "\n".join(
        [
            "Consular Section",
            "Embassy of the Russian Federation",
            "5 Kensington Palace Gardens",
            "London W8 4QP",
        ]
    ),
    "address_ru": "\n".join(
        [
            "Консульский отдел",
            "Посольство Российской Федерации",
            "5 Kensington Palace Gardens",
            "London W8 4QP",
        ]
    ),
    "phone": "+44 (0) 203 668 7474",  # as the reference page writes it
    "email": "info@rusemb.org.uk",
    # Numbers from the range Ofcom keeps for fiction: the demo must not ring anyone.
    "emergency_phone": "020 7946 0958",
    "notes_en": "Documents are received by appointment only. "
    "Please bring your passport and a copy of each page.",
    "notes_ru": "Документы принимаются только по предварительной записи. При себе необходимо иметь паспорт "
    "и копию каждой его страницы.",
    "time_zone": "Europe/London",
    "is_primary": True,
}
EXTRA_PHONES = [{"label_en": "Visa enquiries", "label_ru": "Визовые вопросы", "number": "020 7946 0123"}]
WEEKLY_HOURS = [(weekday, time(9, 30), time(12, 30)) for weekday in range(5)]  # Monday to Friday
# (month, day, English reason, Russian reason): the next of each is added, so the demo always shows some.
CLOSURES = [
    (11, 4, "National Unity Day", "День народного единства"),
    (12, 25, "Christmas Day", "Рождество (Великобритания)"),
]


def _next(month: int, day: int, today: date) -> date:
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


@transaction.atomic
def load() -> dict[str, int]:
    created = {"consular offices": 0, "opening hours": 0, "closures": 0, "phone numbers": 0}
    if ConsularOffice.objects.exists():
        return created
    fields = {
        **OFFICE,
        "phone": normalise(OFFICE["phone"]),
        "emergency_phone": normalise(OFFICE["emergency_phone"]),
    }
    office = ConsularOffice.objects.create(**fields)
    created["consular offices"] = 1
    OpeningHours.objects.bulk_create(
        OpeningHours(office=office, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in WEEKLY_HOURS
    )
    created["opening hours"] = len(WEEKLY_HOURS)
    today = site_today()
    for month, day, reason_en, reason_ru in CLOSURES:
        on = _next(month, day, today)
        Closure.objects.create(
            office=office, starts_on=on, ends_on=on, reason_en=reason_en, reason_ru=reason_ru
        )
        created["closures"] += 1
    for phone in EXTRA_PHONES:
        PhoneNumber.objects.create(office=office, **{**phone, "number": normalise(phone["number"])})
        created["phone numbers"] += 1
    return created
