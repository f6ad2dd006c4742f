"""Server-side cleaning of rich text: whatever the admin sends, only this allow-list reaches a page."""

import itertools
import re
from html import unescape

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "hr", "figure", "figcaption", "table", "thead",
    "tbody", "tr", "th", "td", "abbr", "cite", "q",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    """Return `html` with every tag, attribute and URL scheme outside the allow-list removed."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# The C0 control characters other than tab, line feed and carriage return: XML 1.0 cannot carry them
# (a feed holding one cannot be written) and HTML counts them as errors. Word and PowerPoint paste a
# soft line break as U+000B; PostgreSQL refuses U+0000 in a text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_control_characters(text):
    """`text` with each control character that XML 1.0 forbids turned into a space (None stays None)."""
    return CONTROL_CHARACTERS.sub(" ", text) if text else text


# Characters that take no room on the page (zero-width spaces and joiners, a byte-order mark).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def has_visible_text(html: str) -> bool:
    """Whether `html`, once cleaned, shows any text at all.

    The editor sends "<p></p>" for a text left empty; paragraphs of spaces, &nbsp; or line breaks,
    and whatever the allow-list removes (a <script>), show nothing either. An image alone is no text:
    the allow-list has no <img>, as pictures go in the publication's gallery.
    """
    if not html:
        return False
    # With no tag allowed, nh3 keeps only the text, and drops <script> and <style> with their content.
    text = unescape(nh3.clean(html, tags=set(), strip_comments=True)).translate(INVISIBLE)
    return bool(text.strip())


# A paragraph that opens with a bold "Question:" (the MFA's transcript style) starts a question.
QUESTION_START = re.compile(
    r'<p(?: id="question-\d+")?>(?=\s*<strong>\s*(?:Question|Вопрос)\b)', re.IGNORECASE
)


def number_questions(html: str) -> str:
    """Give each question paragraph a stable id (question-1, question-2…) so one answer can be linked."""
    counter = itertools.count(1)
    return QUESTION_START.sub(lambda match: f'<p id="question-{next(counter)}">', html)
