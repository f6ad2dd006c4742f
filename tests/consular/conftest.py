"""Factories for consular offices: in London, open Monday to Friday 09:30–12:30 unless told otherwise."""

import itertools
from datetime import time

import pytest

from consular.models import Closure, ConsularOffice, OpeningHours, PhoneNumber

WEEKDAYS_0930_1230 = [(day, time(9, 30), time(12, 30)) for day in range(5)]
_sequence = itertools.count(1)


@pytest.fixture
def make_office(db):
    def make(hours=WEEKDAYS_0930_1230, closures=(), phones=(), **overrides):
        n = next(_sequence)
        fields = {
            "name_en": f"Consular office {n}",
            "name_ru": f"Консульский пункт {n}",
            "address_en": "5 Kensington Palace Gardens\nLondon W8 4QP",
            "phone": "+442036687474",
            "email": "info@rusemb.org.uk",
            "emergency_phone": "+442079460958",
            "time_zone": "Europe/London",
            "order": n,
        }
        fields.update(overrides)
        office = ConsularOffice.objects.create(**fields)
        OpeningHours.objects.bulk_create(
            OpeningHours(office=office, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in hours
        )
        for starts_on, ends_on, reason_en, reason_ru in closures:
            Closure.objects.create(
                office=office, starts_on=starts_on, ends_on=ends_on, reason_en=reason_en, reason_ru=reason_ru
            )
        for label_en, label_ru, number in phones:
            PhoneNumber.objects.create(office=office, label_en=label_en, label_ru=label_ru, number=number)
        return office

    return make


@pytest.fixture
def office(make_office):
    """The primary office, as the reference page's consular block shows it."""
    return make_office(name_en="Consular Section", name_ru="Консульский отдел", is_primary=True)
