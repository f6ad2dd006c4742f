"""Phone numbers: typed any way staff like, stored as E.164, shown as callers in the country dial them."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str) -> str:
    """National format for the embassy's own country ("020 3668 7474"), international for any other."""
    if not e164:
        return ""
    number = _parse(e164)
    own = phonenumbers.region_code_for_number(number) == settings.PHONE_REGION
    style = phonenumbers.PhoneNumberFormat.NATIONAL if own else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def international(e164: str) -> str:
    """How to dial the number from abroad ("+44 20 3668 7474")."""
    if not e164:
        return ""
    return phonenumbers.format_number(_parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_url(e164: str) -> str:
    """A `tel:` link (RFC 3966) that dials from anywhere."""
    return f"tel:{e164}" if e164 else ""


class PhoneNumberField(models.CharField):
    """A CharField that accepts any way of writing a number and keeps its E.164 form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)  # E.164: at most 15 digits and the "+"
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 20:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalise(value)

    def formfield(self, **kwargs):
        # Staff may type spaces, brackets and "(0)": allow more than the stored 20 characters.
        return super().formfield(**{"max_length": 40, **kwargs})
