from modeltranslation.translator import TranslationOptions, register

from .models import Category, Publication


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt", "image_caption")
    # No fallback: a Russian page shows Russian text or nothing, never English mixed in.
    fallback_languages = {"default": ()}
