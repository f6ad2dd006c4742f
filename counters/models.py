from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from embassy.clock import site_today, validate_time_zone
from embassy.editing import VersionField

# The incidents counted are recent (Salisbury, 2018): a start before the post-war years is a slip
# (0001-01-01, 1900-01-01) that would show some 739,000 days on every page.
EARLIEST_START = date(1945, 1, 1)

# Numbers whose plural categories cover every integer category of English, Russian and most other
# languages (CLDR: zero, one, two, few, many, other). The browser picks the sentence form for a new
# day count by finding the sample in the same category (Intl.PluralRules), so the server's gettext
# stays the only source of the wording.
PLURAL_SAMPLES = (0, 1, 2, 3, 5, 11, 21, 100)


def _in_language(field: str, code: str) -> Q:
    """Rows that have text in `field` for language `code`."""
    return ~Q(**{f"{field}_{code}": ""}) & Q(**{f"{field}_{code}__isnull": False})


class CounterQuerySet(models.QuerySet):
    def shown(self):
        """What a visitor may see."""
        return self.filter(is_shown=True)

    def in_language(self, code):
        """Counters named in language `code`; a page never mixes languages."""
        return self.filter(_in_language("name", code))


class Counter(models.Model):
    """An incident whose days are counted on every page: "1332 days have passed since …"."""

    name = models.CharField(
        _("incident"),
        max_length=200,
        blank=True,
        help_text=_(
            "How the sentence names the incident. English, after “since”: “the Salisbury incident”. "
            "Russian, in the genitive after «со дня»: «инцидента в Солсбери». "
            "A language left empty does not show the counter."
        ),
    )
    started_on = models.DateField(
        _("start date"), help_text=_("The day the incident happened. Days are counted from it.")
    )
    remark = models.CharField(
        _("remark"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional, shown after a dash: “no credible information or response from the British "
            "authorities”."
        ),
    )
    is_shown = models.BooleanField(_("shown"), default=True, help_text=_("Untick to hide the counter."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    version = VersionField()

    objects = CounterQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("day counter")
        verbose_name_plural = _("day counters")

    def __str__(self):
        return self.name_en or self.name_ru or str(self.started_on)

    def clean(self):
        errors = {}
        names = [getattr(self, f"name_{code}", "") or "" for code, _name in settings.LANGUAGES]
        if not any(name.strip() for name in names):
            errors[f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"] = _(
                "Name the incident in at least one language."
            )
        if self.started_on and self.started_on > site_today():
            errors["started_on"] = _(
                "The start date is in the future: a counter can only count days that have passed."
            )
        elif self.started_on and self.started_on < EARLIEST_START:
            errors["started_on"] = _(
                "%(date)s cannot be right: a counter counts days since an incident of our time, "
                "from 1 January 1945 on."
            ) % {"date": self.started_on.isoformat()}
        if errors:
            raise ValidationError(errors)

    def days_since(self, today: date) -> int:
        return (today - self.started_on).days

    def sentence(self, today: date) -> str:
        """The sentence in the active language, e.g. "1332 days have passed since the Salisbury incident"."""
        days = self.days_since(today)
        return self.sentence_form(days) % {"count": days, "name": self.name}

    @staticmethod
    def sentence_form(count: int) -> str:
        """The wording for `count` days in the active language, its %(count)s and %(name)s still unfilled."""
        return ngettext(
            "%(count)s day has passed since %(name)s",
            "%(count)s days have passed since %(name)s",
            count,
        )

    @classmethod
    def sentence_forms(cls) -> dict[int, str]:
        """The sentence's form for each plural sample number, for the page's script."""
        return {sample: cls.sentence_form(sample) for sample in PLURAL_SAMPLES}


class ClockQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_shown=True)


class Clock(models.Model):
    """A city whose time the header shows, such as Moscow or London."""

    label = models.CharField(_("city"), max_length=60, help_text=_("As the header shows it: “Moscow”."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("The IANA time-zone name, such as Europe/Moscow or Europe/London."),
    )
    is_shown = models.BooleanField(_("shown"), default=True, help_text=_("Untick to hide the clock."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    version = VersionField()

    objects = ClockQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("city clock")
        verbose_name_plural = _("city clocks")

    def __str__(self):
        return f"{self.label} ({self.time_zone})"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)
