from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from embassy.clock import site_today
from embassy.editing import EditVersionAdmin

from .models import Clock, Counter


@admin.register(Counter)
class CounterAdmin(EditVersionAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "started_on", "days_today", "is_shown", "order"]
    list_editable = ["is_shown", "order"]
    list_filter = ["is_shown"]
    search_fields = ["name_en", "name_ru", "remark_en", "remark_ru"]
    fields = ["name", "remark", "started_on", "is_shown", "order"]

    @admin.display(description=_("days today"))
    def days_today(self, obj):
        return obj.days_since(site_today())


@admin.register(Clock)
class ClockAdmin(EditVersionAdmin, TabbedTranslationAdmin):
    list_display = ["label", "time_zone", "time_now", "is_shown", "order"]
    list_editable = ["is_shown", "order"]
    fields = ["label", "time_zone", "is_shown", "order"]

    @admin.display(description=_("time now"))
    def time_now(self, obj):
        return timezone.localtime(timezone=obj.zone).strftime("%H:%M")
