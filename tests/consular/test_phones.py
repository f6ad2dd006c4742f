"""Phone numbers are accepted as staff type them, stored as E.164 and shown as callers dial them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from consular.phones import display, international, normalise, tel_url


@pytest.mark.parametrize(
    "typed",
    ["+44 (0) 203 668 7474", "020 3668 7474", "0203 668 7474", "+44 20 3668 7474", "0044 20 3668 7474"],
)
def test_every_way_of_writing_the_reference_number_is_stored_alike(typed):
    assert normalise(typed) == "+442036687474"


def test_foreign_numbers_keep_their_country():
    assert normalise("+7 (495) 244-16-06") == "+74952441606"


@pytest.mark.parametrize("typed", ["12345", "call us", "+44 20 1", "020 3668 7474 7474", "+999 123 456"])
def test_what_is_no_real_number_is_refused_with_a_message(typed):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            normalise(typed)

        assert "is not a valid phone number" in error.value.messages[0]


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("020 3668 7474 ext. 123", "+442036687474;ext=123"),
        ("020 3668 7474 x2", "+442036687474;ext=2"),
        ("020 3668 7474 доб. 12", "+442036687474;ext=12"),
        ("+442036687474;ext=5", "+442036687474;ext=5"),
        ("+7 (495) 244-16-06 доб. 123", "+74952441606;ext=123"),
        ("020 3668 7474 ext. １２３", "+442036687474;ext=123"),  # fullwidth digits, as an IME types them
    ],
)
def test_an_extension_is_kept_after_the_number(typed, stored):
    assert normalise(typed) == stored


def test_an_extension_is_shown_and_dialled():
    with translation.override("en"):
        assert display("+442036687474;ext=123") == "020 3668 7474 ext. 123"
        assert international("+442036687474;ext=123") == "+44 20 3668 7474 ext. 123"
        assert display("+74952441606;ext=5") == "+7 495 244-16-06 ext. 5"
    assert tel_url("+442036687474;ext=123") == "tel:+442036687474;ext=123"


def test_home_numbers_show_in_national_format_and_foreign_ones_in_international():
    assert display("+442036687474") == "020 3668 7474"
    assert display("+74952441606") == "+7 495 244-16-06"
    assert international("+442036687474") == "+44 20 3668 7474"


def test_tel_links_dial_from_anywhere():
    assert tel_url("+442036687474") == "tel:+442036687474"
    assert tel_url("") == ""


def test_model_validation_stores_the_normalised_number(office):
    office.phone = "+44 (0) 203 668 7474"
    office.emergency_phone = "020 7946 0958"

    office.full_clean()

    assert office.phone == "+442036687474"
    assert office.emergency_phone == "+442079460958"


def test_model_validation_refuses_a_bad_number(office):
    office.phone = "020 3668"

    with pytest.raises(ValidationError) as error:
        office.full_clean()

    assert "phone" in error.value.message_dict


def test_the_longest_number_with_the_longest_extension_fits_the_column(office):
    office.phone = "+44 20 3668 7474 ext. 12345678901234567890"

    office.full_clean()
    office.save()

    office.refresh_from_db()
    assert office.phone == "+442036687474;ext=12345678901234567890"


def test_an_extension_is_named_in_the_pages_language():
    with translation.override("ru"):
        assert display("+442036687474;ext=123") == "020 3668 7474 доб. 123"
