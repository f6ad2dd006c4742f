from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from embassy.editing import EditVersionAdmin

from .models import Closure, ConsularOffice, OpeningHours, PhoneNumber


class OpeningHoursFormSet(BaseInlineFormSet):
    def clean(self):
        """Refuse intervals of one day that overlap or repeat: the page would show them side by side
        ("09:30–12:30, 11:00–14:00") and a visitor could not tell when the office is open."""
        super().clean()
        by_day = {}
        for form in self.forms:
            hours = form.cleaned_data
            if form.errors or not hours or hours.get("DELETE"):
                continue
            by_day.setdefault(hours["weekday"], []).append((hours["opens"], hours["closes"]))
        clashes = []
        for day, intervals in sorted(by_day.items()):
            intervals.sort()
            latest = intervals[0]  # of the intervals so far, the one that closes last
            for interval in intervals[1:]:
                if interval[0] < latest[1]:
                    clashes.append(
                        _("%(day)s %(first)s and %(second)s")
                        % {"day": WEEKDAYS[day], "first": _hhmm(*latest), "second": _hhmm(*interval)}
                    )
                latest = max(latest, interval, key=lambda i: i[1])
        if clashes:
            raise ValidationError(
                _(
                    "Opening hours of one day overlap or are entered twice: %(clashes)s. Keep each day's "
                    "intervals apart (a lunch break is the gap between two rows), or delete the repeated row."
                ),
                code="overlapping_hours",
                params={"clashes": "; ".join(clashes)},
            )


def _hhmm(opens, closes):
    return f"{opens:%H:%M}–{closes:%H:%M}"


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0
    verbose_name_plural = _("opening hours (add a second row for a day with a lunch break)")


class ClosureInline(TranslationTabularInline):
    model = Closure
    extra = 0


class PhoneNumberInline(TranslationTabularInline):
    model = PhoneNumber
    extra = 0


@admin.register(ConsularOffice)
class ConsularOfficeAdmin(EditVersionAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "phone_display", "email", "is_primary", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_ru", "email", "phone"]
    fieldsets = [
        (None, {"fields": ["name", "is_primary", "order"]}),
        (_("Contacts"), {"fields": ["phone", "email", "emergency_phone", "address"]}),
        (_("Hours"), {"fields": ["time_zone", "notes"]}),
    ]
    inlines = [PhoneNumberInline, OpeningHoursInline, ClosureInline]

    @admin.display(description=_("phone"))
    def phone_display(self, obj):
        return obj.phone_display() or "—"
