from modeltranslation.translator import TranslationOptions, register

from .models import Clock, Counter


@register(Counter)
class CounterTranslationOptions(TranslationOptions):
    fields = ("name", "remark")
    # No fallback: a Russian page shows a Russian sentence or no counter, never English mixed in.
    fallback_languages = {"default": ()}


@register(Clock)
class ClockTranslationOptions(TranslationOptions):
    # A city's label falls back to the default language: "Moscow" beats an empty clock.
    fields = ("label",)
