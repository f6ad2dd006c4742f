"""The embassy's own time: every app reckons "today" here, never with date.today() or now().date()."""

from datetime import date
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Names in the tz database that are no place: the server's own setting, tzdata's placeholder, and
# the POSIX and leap-second copies some systems add. Browsers' Intl refuses them, which would stop
# the header's clocks.
NON_GEOGRAPHIC_ZONES = {"localtime", "Factory", "posixrules"}
NON_GEOGRAPHIC_PREFIXES = ("posix/", "right/")


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.SITE_TIME_ZONE)


def site_today() -> date:
    """Today's date in the site's time zone (the UTC date is wrong for an hour or more each night)."""
    return timezone.localdate(timezone=site_zone())


@cache
def time_zone_names() -> frozenset[str]:
    """The IANA names a clock or an office may use: every place the tz database knows, and UTC."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in NON_GEOGRAPHIC_ZONES and not name.startswith(NON_GEOGRAPHIC_PREFIXES)
    )


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _(
                "“%(value)s” is not a known time zone. Use an IANA name such as Europe/London, "
                "Europe/Moscow or America/New_York (continent/city, in English, case as shown)."
            ),
            code="unknown_time_zone",
            params={"value": value},
        )
