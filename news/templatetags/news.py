import re

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

QUESTION_ID = re.compile(r'<p id="(question-\d+)">')


@register.filter
def question_anchors(body):
    """The stored (already sanitised) body, with a visible link to each numbered question."""
    label = gettext("Link to this question")
    # Safe: the body was cleaned with nh3 when saved, and only our own markup is added here.
    return mark_safe(
        QUESTION_ID.sub(
            lambda m: (
                f'<p id="{m[1]}" class="question"><a class="question__anchor" href="#{m[1]}" '
                f'aria-label="{label}">#</a> '
            ),
            body or "",
        )
    )


# Open Graph names a locale with its country; the embassy's English is British.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}


@register.filter
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)
