from modeltranslation.translator import TranslationOptions, register

from .models import Closure, ConsularOffice, PhoneNumber


@register(ConsularOffice)
class ConsularOfficeTranslationOptions(TranslationOptions):
    fields = ("name", "address", "notes")
    # Contact details must never go missing: a text not yet translated is shown in English.
    fallback_languages = {"default": ("en",)}


@register(Closure)
class ClosureTranslationOptions(TranslationOptions):
    fields = ("reason",)
    fallback_languages = {"default": ("en",)}


@register(PhoneNumber)
class PhoneNumberTranslationOptions(TranslationOptions):
    fields = ("label",)
    fallback_languages = {"default": ("en",)}
