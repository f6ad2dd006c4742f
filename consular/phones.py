"""Phone numbers: typed any way staff like, stored as E.164, shown as callers in the country dial them.

An extension ("ext. 123", "x2", "доб. 12", ";ext=5") is kept, stored after the number as RFC 3966
writes it ("+442036687474;ext=123"), shown after the number and dialled by the `tel:` link.
"""

import copy
import unicodedata

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EXTENSION = ";ext="
# E.164 is at most 15 digits and the "+"; libphonenumber reads an extension of at most 20 digits.
MAX_LENGTH = 16 + len(EXTENSION) + 20


def _parse(value: str) -> phonenumbers.PhoneNumber:
    # A number typed without "+code" is read as the embassy's own country's (PHONE_REGION).
    return phonenumbers.parse(value, settings.PHONE_REGION)


def normalise(value: str) -> str:
    """The E.164 form of `value` ("+442036687474"), or ValidationError when it is no real number."""
    try:
        number = _parse(value)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid phone number. "
                "Write it as callers would, e.g. 020 3668 7474 or +7 495 244-16-06."
            ),
            code="invalid_phone",
            params={"value": value},
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not number.extension:
        return e164
    # libphonenumber keeps an extension's digits as typed (fullwidth "１２３", say); tel: links and
    # RFC 3966 take ASCII digits only.
    digits = "".join(str(unicodedata.digit(character)) for character in number.extension)
    return f"{e164}{EXTENSION}{digits}"


def _formatted(stored: str, style) -> str:
    """The number in `style`, and its extension in the words of the page's language."""
    number = _parse(stored)
    main = copy.copy(number)
    main.extension = None  # libphonenumber's own " x123" / " ext. 123" is English, and varies by country
    formatted = phonenumbers.format_number(main, style)
    if not number.extension:
        return formatted
    return gettext("%(number)s ext. %(extension)s") % {"number": formatted, "extension": number.extension}


def display(e164: str) -> str:
    """National format for the embassy's own country ("020 3668 7474"), international for any other."""
    if not e164:
        return ""
    own = phonenumbers.region_code_for_number(_parse(e164)) == settings.PHONE_REGION
    style = phonenumbers.PhoneNumberFormat.NATIONAL if own else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return _formatted(e164, style)


def international(e164: str) -> str:
    """How to dial the number from abroad ("+44 20 3668 7474")."""
    if not e164:
        return ""
    return _formatted(e164, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_url(e164: str) -> str:
    """A `tel:` link (RFC 3966) that dials from anywhere, the extension too ("tel:+442036687474;ext=123")."""
    return f"tel:{e164}" if e164 else ""


class PhoneNumberField(models.CharField):
    """A CharField that accepts any way of writing a number and keeps its E.164 form and extension."""

    def __init__(self, *args, **kwargs):
        # Migrations state the length (it was 20 before extensions were kept): a default left out of
        # them would change what the old ones mean.
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalise(value)

    def formfield(self, **kwargs):
        # Staff may type spaces, brackets, "(0)" and "extension": allow more than is stored.
        return super().formfield(**{"max_length": 60, **kwargs})
