from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Closure, ConsularOffice, OpeningHours, PhoneNumber


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    verbose_name_plural = _("opening hours (add a second row for a day with a lunch break)")


class ClosureInline(TranslationTabularInline):
    model = Closure
    extra = 0


class PhoneNumberInline(TranslationTabularInline):
    model = PhoneNumber
    extra = 0


@admin.register(ConsularOffice)
class ConsularOfficeAdmin(TabbedTranslationAdmin):
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
