from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Category, Publication


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_ru", "slug"]


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in dict(settings.LANGUAGES):
            return queryset.in_language(self.value())
        return queryset


@admin.register(Publication)
class PublicationAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "category", "published_at", "status", "is_featured", "languages_filled"]
    list_filter = ["status", "is_featured", "category", LanguageFilter]
    list_select_related = ["category"]
    search_fields = ["title_en", "title_ru", "lead_en", "lead_ru", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_caption"], "classes": ["collapse"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("languages"))
    def languages_filled(self, obj):
        return ", ".join(code.upper() for code in obj.languages()) or "—"
