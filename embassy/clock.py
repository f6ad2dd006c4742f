"""The embassy's own time: every app reckons "today" here, never with date.today() or now().date()."""

from datetime import date
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

# Names in the tz database that are no place: the server's own setting, tzdata's placeholder, and
# the POSIX and leap-second copies some systems add. Browsers' Intl refuses them, which would stop
# the header's clocks.
NON_GEOGRAPHIC_ZONES = {"localtime", "Factory", "posixrules"}
NON_GEOGRAPHIC_PREFIXES = ("posix/", "right/")


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.SITE_TIME_ZONE)


def local_day(moment) -> str:
    """`moment`'s day in the site's zone, as messages write it ("4 December 2026")."""
    return _in_site_zone(moment, "j E Y")


def local_time(moment) -> str:
    """`moment` in the site's zone, as every admin message writes it ("4 December 2026, 10:00 GMT")."""
    return _in_site_zone(moment, "j E Y, H:i T")


def _in_site_zone(moment, format):
    try:
        return dateformat.format(timezone.localtime(moment, site_zone()), format)
    except OverflowError:  # 9999-12-31 23:30 UTC is a day past Python's last one in Moscow
        return dateformat.format(moment, format)


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
