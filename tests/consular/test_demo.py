"""The demo office: the reference's phone and e-mail, realistic hours and closures; never overwrites."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

import consular.demo
from consular.models import ConsularOffice


@time_machine.travel(datetime(2021, 10, 26, 21, 58, tzinfo=ZoneInfo("Europe/London")), tick=False)
def test_demo_matches_the_reference_header(client, db):
    created = consular.demo.load()

    assert created == {"consular offices": 1, "opening hours": 5, "closures": 2, "phone numbers": 1}
    office = ConsularOffice.objects.primary()
    assert office.phone == "+442036687474" and office.email == "info@rusemb.org.uk"
    assert office.name_ru == "Консульский отдел" and "London W8 4QP" in office.address_en
    assert office.emergency_phone
    assert [(h.weekday, h.opens, h.closes) for h in office.opening_hours.all()] == [
        (day, time(9, 30), time(12, 30)) for day in range(5)
    ]
    assert [c.starts_on for c in office.closures.all()] == [date(2021, 11, 4), date(2021, 12, 25)]
    block = client.get("/en/").text
    assert '<a href="tel:+442036687474">020 3668 7474</a>' in block
    assert "info@rusemb.org.uk" in block


def test_demo_is_idempotent_and_keeps_staff_edits(db):
    consular.demo.load()
    office = ConsularOffice.objects.get()
    office.email = "consular@example.org"
    office.save()
    office.closures.all().delete()

    assert consular.demo.load() == {
        "consular offices": 0,
        "opening hours": 0,
        "closures": 0,
        "phone numbers": 0,
    }
    office.refresh_from_db()
    assert office.email == "consular@example.org"
    assert not office.closures.exists()
