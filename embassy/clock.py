"""The embassy's own time: every app reckons "today" here, never with date.today() or now().date()."""

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.SITE_TIME_ZONE)


def site_today() -> date:
    """Today's date in the site's time zone (the UTC date is wrong for an hour or more each night)."""
    return timezone.localdate(timezone=site_zone())
