import zoneinfo
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from embassy.clock import site_today, validate_time_zone
from embassy.editing import VersionField, bumps_version_of

from . import hours, phones
from .phones import PhoneNumberField


def default_time_zone() -> str:
    return settings.SITE_TIME_ZONE


class ConsularOfficeQuerySet(models.QuerySet):
    def primary(self):
        """The office whose phone and e-mail every page's header shows: the primary one, else the first."""
        return self.order_by("-is_primary", "order", "pk").first()


class ConsularOffice(models.Model):
    """A consular office or point of contact, with its phones, hours and closures."""

    name = models.CharField(_("name"), max_length=200, help_text=_("For example: Consular Section."))
    address = models.TextField(
        _("postal address"), blank=True, help_text=_("One line of the address per line, as on an envelope.")
    )
    phone = PhoneNumberField(
        _("phone"),
        blank=True,
        help_text=_(
            "The number for consular queries. Type it as you would dial it; it is checked and tidied."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    emergency_phone = PhoneNumberField(
        _("emergency phone"),
        blank=True,
        help_text=_("For emergencies involving citizens, answered outside opening hours."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Shown under the office's hours: appointments, documents to bring…"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("The IANA name of the zone its hours are kept in, such as Europe/London."),
    )
    is_primary = models.BooleanField(
        _("primary office"),
        default=False,
        help_text=_(
            "Its phone and e-mail appear in every page's header. "
            "Ticking it here unticks the previous primary office."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    version = VersionField()

    objects = ConsularOfficeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("consular office")
        verbose_name_plural = _("consular offices")
        constraints = [
            models.UniqueConstraint(
                fields=["is_primary"], condition=Q(is_primary=True), name="consular_one_primary_office"
            )
        ]

    def __str__(self):
        return self.name_en or self.name_ru or self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_primary:
                ConsularOffice.objects.filter(is_primary=True).exclude(pk=self.pk).update(
                    is_primary=False,
                    version=F("version") + 1,  # a form opened before shows it as primary
                )
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consular:offices") + f"#office-{self.pk}"

    def validate_constraints(self, exclude=None):
        # save() moves the "primary" mark, so ticking it on a second office is not an error.
        exclude = {*(exclude or ()), "is_primary"}
        super().validate_constraints(exclude=exclude)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def status_at(self, moment: datetime) -> hours.Status:
        """Open or closed at `moment`, reckoned in the office's zone; uses prefetched hours and closures."""
        return hours.status_at(
            moment,
            self.zone,
            [hours.Interval(h.weekday, h.opens, h.closes) for h in self.opening_hours.all()],
            [hours.ClosedDays(c.starts_on, c.ends_on, c.reason) for c in self.closures.all()],
        )

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def week(self) -> list[tuple[str, list["OpeningHours"]]]:
        """Each weekday from Monday with its intervals (an empty list when closed all day)."""
        by_day = {day: [] for day in WEEKDAYS}
        for interval in self.opening_hours.all():
            by_day[interval.weekday].append(interval)
        return [(WEEKDAYS[day], sorted(by_day[day], key=lambda i: i.opens)) for day in WEEKDAYS]

    def upcoming_closures(self, today: date) -> list["Closure"]:
        return [closure for closure in self.closures.all() if closure.ends_on >= today]

    def phone_display(self):
        return phones.display(self.phone)

    def phone_international(self):
        return phones.international(self.phone)

    def phone_url(self):
        return phones.tel_url(self.phone)

    def emergency_phone_display(self):
        return phones.display(self.emergency_phone)

    def emergency_phone_url(self):
        return phones.tel_url(self.emergency_phone)


class OpeningHours(models.Model):
    """One interval during which an office receives visitors on a weekday; a day may have several."""

    office = models.ForeignKey(
        ConsularOffice, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("office")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=sorted(WEEKDAYS.items()))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")),
                name="consular_hours_open_before_close",
                violation_error_message=_("The office must open before it closes."),
            )
        ]

    def __str__(self):
        return f"{WEEKDAYS[self.weekday]} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ClosureQuerySet(models.QuerySet):
    def upcoming(self, today: date):
        """Closures that have not ended before `today`."""
        return self.filter(ends_on__gte=today)


class Closure(models.Model):
    """A day or run of days when an office is closed: a bank holiday, a move, training."""

    office = models.ForeignKey(
        ConsularOffice, on_delete=models.CASCADE, related_name="closures", verbose_name=_("office")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(
        _("last day"), blank=True, help_text=_("Leave empty when the office is closed for one day only.")
    )
    reason = models.CharField(
        _("reason"), max_length=200, blank=True, help_text=_("For example: Christmas Day.")
    )

    objects = ClosureQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="consular_closure_ends_after_start",
                violation_error_message=_("The last day cannot come before the first day."),
            )
        ]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on}" if self.ends_on != self.starts_on else str(self.starts_on)

    def save(self, *args, **kwargs):
        if not self.ends_on:
            self.ends_on = self.starts_on
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_on and not self.ends_on:
            self.ends_on = self.starts_on
        today = site_today()
        earliest, latest = date(2000, 1, 1), today.replace(year=today.year + 5, day=min(today.day, 28))
        for name in ("starts_on", "ends_on"):
            day = getattr(self, name)
            if day and not earliest <= day <= latest:
                raise ValidationError(
                    {
                        name: _(
                            "%(date)s cannot be right: choose a day from %(earliest)s to %(latest)s "
                            "(five years ahead)."
                        )
                        % {
                            "date": day.isoformat(),
                            "earliest": earliest.isoformat(),
                            "latest": latest.isoformat(),
                        }
                    }
                )

    @property
    def is_one_day(self) -> bool:
        return self.starts_on == self.ends_on


class PhoneNumber(models.Model):
    """A further number of an office, such as visa enquiries or the duty officer."""

    office = models.ForeignKey(
        ConsularOffice, on_delete=models.CASCADE, related_name="phone_numbers", verbose_name=_("office")
    )
    label = models.CharField(
        _("label"), max_length=100, help_text=_("What the number is for, e.g. Visa enquiries.")
    )
    number = PhoneNumberField(_("number"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("phone number")
        verbose_name_plural = _("further phone numbers")

    def __str__(self):
        return f"{self.label}: {self.display()}"

    def display(self):
        return phones.display(self.number)

    def url(self):
        return phones.tel_url(self.number)


# A change to an office's phones, hours or closures is a change to the office: a form opened before it
# is refused (embassy/editing.py).
for _child in (OpeningHours, Closure, PhoneNumber):
    bumps_version_of(_child, "office")
