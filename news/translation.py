import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Category, ChangeNote, Publication, PublicationImage


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "withdrawal_reason")
    # No fallback: a Russian page shows Russian text or nothing, never English mixed in.
    fallback_languages = {"default": ()}


@register(ChangeNote)
class ChangeNoteTranslationOptions(TranslationOptions):
    fields = ("note",)
    fallback_languages = {"default": ()}


@register(PublicationImage)
class PublicationImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    fallback_languages = {"default": ()}


# History is registered after translation so that it records the per-language fields
# (modeltranslation adds them at registration, after the model class is built).
# The version only counts saves (embassy/editing.py); history has its own numbering.
simple_history.register(Publication, app="news", excluded_fields=["version"])
