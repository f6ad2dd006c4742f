"""Two consular officers editing one office at once: a save from a form opened before another save is
refused, shown again with what changed, and applied only when saved again (embassy/editing.py)."""

import pytest

from consular.models import ConsularOffice
from tests.admin_forms import form_data, list_data, staff_browsers


@pytest.fixture
def consuls(db, django_user_model):
    """Vera and Oleg, consular staff, each in their own browser."""
    return staff_browsers(django_user_model, "consular", "vera", "oleg")


def change_url(office):
    return f"/admin/consular/consularoffice/{office.pk}/change/"


def row_of(data, prefix, pk):
    """The index of the inline row showing the saved row `pk` in posted form `data`."""
    return next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-id") and key.startswith(prefix) and value == str(pk)
    )


def test_a_rename_from_a_form_opened_before_new_hours_is_refused_and_keeps_the_hours(consuls, office):
    vera, oleg = consuls
    veras_form, olegs_form = vera.get(change_url(office)), oleg.get(change_url(office))
    monday = office.opening_hours.get(weekday=0)
    data = form_data(veras_form)
    data[f"opening_hours-{row_of(data, 'opening_hours', monday.pk)}-opens"] = "10:00"

    assert vera.post(change_url(office), data).status_code == 302
    refused = oleg.post(change_url(office), form_data(olegs_form, name_en="Consular Department"))

    assert refused.status_code == 200
    assert "Vera saved this consular office at" in refused.text
    assert "Opens: 09:30 → 10:00" in refused.text
    office.refresh_from_db()
    assert office.name_en == "Consular Section"
    monday.refresh_from_db()
    assert f"{monday.opens:%H:%M}" == "10:00"
    # Saved again, the form shown applies Oleg's rename on top of Vera's hours.
    assert oleg.post(change_url(office), form_data(refused)).status_code == 302
    office.refresh_from_db()
    monday.refresh_from_db()
    assert (office.name_en, f"{monday.opens:%H:%M}") == ("Consular Department", "10:00")


def test_a_form_opened_before_a_phone_number_was_deleted_is_refused_then_saves_without_it(
    consuls, make_office
):
    vera, oleg = consuls
    office = make_office(phones=[("Visa enquiries", "Визы", "+442079460123")])
    olegs_form = oleg.get(change_url(office))

    office.phone_numbers.get().delete()
    refused = oleg.post(change_url(office), form_data(olegs_form, name_en="Renamed"))

    assert refused.status_code == 200
    assert "phone number: 1 row deleted" in refused.text
    office.refresh_from_db()
    assert office.name_en != "Renamed"
    assert not office.phone_numbers.exists()
    # Shown again without the deleted row, it saves: the rename applies, and the row stays deleted.
    assert "+442079460123" not in refused.text
    assert oleg.post(change_url(office), form_data(refused)).status_code == 302
    office.refresh_from_db()
    assert office.name_en == "Renamed"
    assert not office.phone_numbers.exists()


def test_after_a_row_was_deleted_the_form_shown_again_keeps_each_rows_edits_under_that_row(
    consuls, make_office
):
    vera, oleg = consuls
    office = make_office(
        phones=[("Visa enquiries", "Визы", "+442079460123"), ("Passports", "Паспорта", "+442079460124")]
    )
    visas, passports = office.phone_numbers.order_by("order", "pk")
    olegs_form = oleg.get(change_url(office))
    data = form_data(olegs_form, name_en="Renamed")
    data[f"phone_numbers-{row_of(data, 'phone_numbers', visas.pk)}-label_en"] = "Visas (old)"
    data[f"phone_numbers-{row_of(data, 'phone_numbers', passports.pk)}-label_en"] = "Passports and visas"

    visas.delete()
    refused = oleg.post(change_url(office), data)

    assert refused.status_code == 200
    assert "phone number: 1 row deleted" in refused.text
    shown = form_data(refused)
    assert shown["phone_numbers-TOTAL_FORMS"] == "1"
    assert (shown["phone_numbers-0-id"], shown["phone_numbers-0-label_en"]) == (
        str(passports.pk),
        "Passports and visas",
    )
    assert "Visas (old)" not in refused.text
    assert "Select a valid choice" not in refused.text
    assert oleg.post(change_url(office), shown).status_code == 302
    office.refresh_from_db()
    passports.refresh_from_db()
    assert (office.name_en, passports.label_en) == ("Renamed", "Passports and visas")
    assert list(office.phone_numbers.all()) == [passports]


def test_a_row_added_since_the_form_was_opened_is_shown_in_its_place_and_kept(consuls, make_office):
    vera, oleg = consuls
    office = make_office(phones=[("Visa enquiries", "Визы", "+442079460123")])
    olegs_form = oleg.get(change_url(office))

    added = office.phone_numbers.create(label_en="Duty officer", label_ru="Дежурный", number="+442079460125")
    refused = oleg.post(change_url(office), form_data(olegs_form, name_en="Renamed"))

    assert refused.status_code == 200
    assert "phone number “" in refused.text and "added" in refused.text
    shown = form_data(refused)
    assert shown["phone_numbers-TOTAL_FORMS"] == "2"
    assert str(added.pk) in (shown["phone_numbers-0-id"], shown["phone_numbers-1-id"])
    assert oleg.post(change_url(office), shown).status_code == 302
    office.refresh_from_db()
    assert office.name_en == "Renamed"
    assert office.phone_numbers.count() == 2


def test_a_text_saved_again_with_the_browsers_line_breaks_is_not_listed_as_changed(consuls, office):
    vera, oleg = consuls
    veras_form, olegs_form = vera.get(change_url(office)), oleg.get(change_url(office))
    # A browser posts a textarea's line breaks as \r\n; the office was stored with \n.
    address = office.address_en.replace("\n", "\r\n")

    assert (
        vera.post(
            change_url(office), form_data(veras_form, address_en=address, phone="+442036687475")
        ).status_code
        == 302
    )
    refused = oleg.post(change_url(office), form_data(olegs_form, name_en="Consular Department"))

    assert refused.status_code == 200
    assert "Phone: “+442036687474” → “+442036687475”" in refused.text
    assert "Postal address [en]: “" not in refused.text
    assert "You both changed" not in refused.text
    assert oleg.post(change_url(office), form_data(refused)).status_code == 302
    office.refresh_from_db()
    assert (office.name_en, office.phone) == ("Consular Department", "+442036687475")


def test_a_form_opened_before_another_office_became_the_primary_one_cannot_move_it_back(consuls, make_office):
    vera, oleg = consuls
    london = make_office(name_en="London", is_primary=True)
    edinburgh = make_office(name_en="Edinburgh")
    olegs_london = oleg.get(change_url(london))

    made_primary = form_data(vera.get(change_url(edinburgh)), is_primary="on")
    assert vera.post(change_url(edinburgh), made_primary).status_code == 302
    refused = oleg.post(change_url(london), form_data(olegs_london, notes_en="Typo fixed"))

    assert refused.status_code == 200
    assert "Primary office: yes → no" in refused.text
    london.refresh_from_db()
    edinburgh.refresh_from_db()
    assert (london.is_primary, edinburgh.is_primary) == (False, True)
    # Saved again, the form keeps Oleg's fix and Edinburgh stays the primary office.
    assert oleg.post(change_url(london), form_data(refused)).status_code == 302
    london.refresh_from_db()
    edinburgh.refresh_from_db()
    assert (london.notes_en, london.is_primary, edinburgh.is_primary) == ("Typo fixed", False, True)


def test_an_order_from_a_list_opened_before_an_offices_change_is_refused(consuls, make_office):
    vera, oleg = consuls
    london, edinburgh = make_office(name_en="London"), make_office(name_en="Edinburgh")
    olegs_list = oleg.get("/admin/consular/consularoffice/")
    moved = form_data(vera.get(change_url(london)), order=str(london.order + 100))
    assert vera.post(change_url(london), moved).status_code == 302

    refused = oleg.post(
        "/admin/consular/consularoffice/", list_data(olegs_list, edinburgh.pk, order=edinburgh.order + 1)
    )

    assert refused.status_code == 200
    assert "Vera saved consular office “London” at" in refused.text
    assert dict(ConsularOffice.objects.values_list("name_en", "order")) == {
        "London": london.order + 100,
        "Edinburgh": edinburgh.order,
    }
