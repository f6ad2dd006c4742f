"""The time-zone names a clock or an office may use: places browsers know, never tzdata's odd files."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from embassy.clock import validate_time_zone


@pytest.mark.parametrize("name", ["Europe/London", "UTC", "Asia/Vladivostok", "Europe/Moscow"])
def test_geographic_zones_and_utc_are_accepted(name):
    validate_time_zone(name)


@pytest.mark.parametrize(
    "name", ["localtime", "Factory", "posixrules", "posix/Europe/London", "right/UTC", "Europe/Atlantis", ""]
)
def test_names_browsers_refuse_are_refused_with_a_message(name):
    with pytest.raises(ValidationError) as refused:
        validate_time_zone(name)

    assert refused.value.code == "unknown_time_zone"
    with translation.override("en"):
        assert f"“{name}” is not a known time zone" in refused.value.messages[0]


def test_the_message_is_translated():
    with pytest.raises(ValidationError) as refused:
        validate_time_zone("localtime")

    with translation.override("ru"):
        assert refused.value.messages[0].startswith("«localtime» — неизвестный часовой пояс.")
