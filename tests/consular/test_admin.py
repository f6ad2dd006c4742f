"""Consular staff edit offices in the admin; a mistake gives the form back with a message, never a 500."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from consular.models import Closure, ConsularOffice, OpeningHours, PhoneNumber
from tests.admin_forms import opened_version

INLINES = ("phone_numbers", "opening_hours", "closures")


def office_form(office=None, *, hours=(), closures=(), phones=(), **fields):
    """The admin's POST data for an office with the given inline rows (new rows only); to post a change,
    add the version the form was opened at (opened(client, office))."""
    data = {
        "name_en": "Consular Section",
        "name_ru": "Консульский отдел",
        "address_en": "5 Kensington Palace Gardens\nLondon W8 4QP",
        "address_ru": "",
        "phone": "+44 (0) 203 668 7474",
        "email": "info@rusemb.org.uk",
        "emergency_phone": "",
        "notes_en": "",
        "notes_ru": "",
        "time_zone": "Europe/London",
        "is_primary": "on",
        "order": "0",
    }
    data.update(fields)
    rows = {"opening_hours": list(hours), "closures": list(closures), "phone_numbers": list(phones)}
    for prefix in INLINES:
        initial = getattr(office, prefix).count() if office else 0
        existing = list(getattr(office, prefix).all()) if office else []
        data |= {
            f"{prefix}-TOTAL_FORMS": str(initial + len(rows[prefix])),
            f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for i, item in enumerate(existing):
            data[f"{prefix}-{i}-id"] = str(item.pk)
            data[f"{prefix}-{i}-office"] = str(office.pk)
            data |= {f"{prefix}-{i}-{key}": value for key, value in _inline_values(item).items()}
        for i, row in enumerate(rows[prefix], start=initial):
            data |= {f"{prefix}-{i}-{key}": value for key, value in row.items()}
    return data


def opened(client, office):
    """The change form's version field, as staff who open the office's form get it."""
    return {"edit_version": opened_version(client.get(f"/admin/consular/consularoffice/{office.pk}/change/"))}


def _inline_values(item):
    if isinstance(item, OpeningHours):
        return {"weekday": item.weekday, "opens": f"{item.opens:%H:%M}", "closes": f"{item.closes:%H:%M}"}
    if isinstance(item, Closure):
        return {"starts_on": item.starts_on, "ends_on": item.ends_on, "reason_en": item.reason_en or ""}
    return {"label_en": item.label_en, "number": item.number, "order": item.order}


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_staff_add_an_office_with_hours_closures_and_phones(staff_client):
    response = staff_client.post(
        "/admin/consular/consularoffice/add/",
        office_form(
            hours=[{"weekday": "0", "opens": "09:30", "closes": "12:30"}],
            closures=[
                {"starts_on": "2021-12-27", "ends_on": "", "reason_en": "Bank holiday", "reason_ru": ""}
            ],
            phones=[{"label_en": "Visa enquiries", "label_ru": "", "number": "020 7946 0123", "order": "0"}],
        ),
    )

    assert response.status_code == 302, response.text
    office = ConsularOffice.objects.get()
    assert office.phone == "+442036687474"  # typed as the reference writes it, stored as E.164
    assert office.opening_hours.get().opens == time(9, 30)
    closure = office.closures.get()
    assert closure.ends_on == closure.starts_on == date(2021, 12, 27)  # an empty last day means one day
    assert PhoneNumber.objects.get().number == "+442079460123"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"phone": "020 3668"}, "is not a valid phone number"),
        ({"emergency_phone": "999999999999999"}, "is not a valid phone number"),
        ({"email": "info@"}, "Enter a valid email address."),
        ({"time_zone": "Europe/Londn"}, "is not a known time zone"),
        (
            {"hours": [{"weekday": "0", "opens": "12:30", "closes": "09:30"}]},
            "The office must open before it closes.",
        ),
        (
            {
                "closures": [
                    {"starts_on": "2021-12-28", "ends_on": "2021-12-27", "reason_en": "", "reason_ru": ""}
                ]
            },
            "The last day cannot come before the first day.",
        ),
    ],
    ids=["phone", "emergency-phone", "email", "time-zone", "hours", "closure"],
)
def test_mistakes_return_the_form_with_a_message_and_keep_what_was_typed(staff_client, fields, message):
    response = staff_client.post(
        "/admin/consular/consularoffice/add/", office_form(name_en="Typed name", **fields)
    )

    assert response.status_code == 200
    assert message in response.text
    assert 'value="Typed name"' in response.text
    assert not ConsularOffice.objects.exists()


@pytest.fixture
def frozen_staff_client(client, admin_user):
    """Staff signed in on a frozen day, for rules that read the date."""
    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=UTC), tick=False):
        client.force_login(admin_user)
        yield client


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [("0001-01-01", ""), ("1999-12-31", ""), ("2026-12-24", "2031-12-05"), ("9999-12-31", "")],
)
def test_an_implausible_closure_day_is_refused_with_a_message(frozen_staff_client, starts_on, ends_on):
    closure = {"starts_on": starts_on, "ends_on": ends_on, "reason_en": "Typo", "reason_ru": ""}

    response = frozen_staff_client.post(
        "/admin/consular/consularoffice/add/", office_form(closures=[closure])
    )

    assert response.status_code == 200
    assert "cannot be right: choose a day from 2000-01-01 to 2031-12-04 (five years ahead)." in response.text
    assert not ConsularOffice.objects.exists()


def test_a_failed_change_leaves_the_saved_office_untouched(staff_client, office):
    response = staff_client.post(
        f"/admin/consular/consularoffice/{office.pk}/change/",
        office_form(office, phone="not a number", name_en="Renamed", **opened(staff_client, office)),
    )

    assert response.status_code == 200
    office.refresh_from_db()
    assert office.name_en == "Consular Section"
    assert office.phone == "+442036687474"
    assert office.opening_hours.count() == 5


def test_ticking_primary_on_another_office_moves_the_mark(staff_client, office):
    response = staff_client.post("/admin/consular/consularoffice/add/", office_form(name_en="Manchester"))

    assert response.status_code == 302, response.text
    assert ConsularOffice.objects.get(is_primary=True).name_en == "Manchester"
    assert ConsularOffice.objects.primary().name_en == "Manchester"


def test_list_shows_phones_in_national_format(staff_client, office):
    assert "020 3668 7474" in staff_client.get("/admin/consular/consularoffice/").text


def test_an_extension_typed_in_the_admin_is_kept_shown_and_dialled(staff_client, client):
    response = staff_client.post(
        "/admin/consular/consularoffice/add/",
        office_form(
            phone="020 3668 7474 ext. 123",
            phones=[{"label_en": "Visas", "label_ru": "", "number": "020 7946 0123 доб. 12", "order": "0"}],
        ),
    )

    assert response.status_code == 302, response.text
    office = ConsularOffice.objects.get()
    assert office.phone == "+442036687474;ext=123"
    assert office.phone_numbers.get().number == "+442079460123;ext=12"
    assert "020 3668 7474 ext. 123" in staff_client.get("/admin/consular/consularoffice/").text
    client.logout()  # a visitor
    page = client.get("/en/consular/").text
    assert '<a href="tel:+442036687474;ext=123">020 3668 7474 ext. 123</a>' in page
    assert '<a href="tel:+442079460123;ext=12">020 7946 0123 ext. 12</a>' in page


# Opening hours of one day


def hours_row(weekday, opens, closes):
    return {"weekday": str(weekday), "opens": opens, "closes": closes}


CLASHES = {
    "overlapping": (
        [hours_row(0, "09:30", "12:30"), hours_row(0, "11:00", "14:00")],
        "Monday 09:30–12:30 and 11:00–14:00",
    ),
    "entered-twice": (
        [hours_row(2, "09:30", "12:30"), hours_row(2, "09:30", "12:30")],
        "Wednesday 09:30–12:30 and 09:30–12:30",
    ),
    "within-a-longer-one": (
        [hours_row(4, "09:00", "17:00"), hours_row(4, "10:00", "11:00"), hours_row(4, "14:00", "15:00")],
        "Friday 09:00–17:00 and 10:00–11:00; Friday 09:00–17:00 and 14:00–15:00",
    ),
}


@pytest.mark.parametrize(("hours", "clash"), CLASHES.values(), ids=CLASHES.keys())
def test_overlapping_or_repeated_hours_of_one_day_are_refused_on_the_inline(staff_client, hours, clash):
    response = staff_client.post(
        "/admin/consular/consularoffice/add/", office_form(name_en="Typed name", hours=hours)
    )

    assert response.status_code == 200
    assert "Opening hours of one day overlap or are entered twice" in response.text
    assert clash in response.text
    assert 'value="Typed name"' in response.text
    assert not ConsularOffice.objects.exists()


def test_an_interval_overlapping_a_saved_one_is_refused_and_the_office_kept(staff_client, office):
    response = staff_client.post(
        f"/admin/consular/consularoffice/{office.pk}/change/",
        office_form(office, hours=[hours_row(1, "11:00", "14:00")], **opened(staff_client, office)),
    )

    assert response.status_code == 200
    assert "Tuesday 09:30–12:30 and 11:00–14:00" in response.text
    assert office.opening_hours.count() == 5


def test_a_lunch_break_hours_that_meet_and_other_days_are_accepted(staff_client):
    response = staff_client.post(
        "/admin/consular/consularoffice/add/",
        office_form(
            hours=[
                hours_row(0, "09:30", "12:30"),
                hours_row(0, "14:00", "16:00"),
                hours_row(1, "09:30", "12:30"),
                hours_row(1, "12:30", "13:00"),
                hours_row(2, "09:30", "12:30"),
            ]
        ),
    )

    assert response.status_code == 302, response.text
    assert OpeningHours.objects.count() == 5


def test_moving_an_interval_by_deleting_the_old_row_is_accepted(staff_client, office):
    form = office_form(office, hours=[hours_row(0, "10:00", "13:00")], **opened(staff_client, office))
    monday = next(i for i, hours in enumerate(office.opening_hours.all()) if hours.weekday == 0)
    form[f"opening_hours-{monday}-DELETE"] = "on"

    response = staff_client.post(f"/admin/consular/consularoffice/{office.pk}/change/", form)

    assert response.status_code == 302, response.text
    assert [f"{h.opens:%H:%M}" for h in office.opening_hours.filter(weekday=0)] == ["10:00"]
