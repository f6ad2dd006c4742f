"""Links between the language versions of a page: the language switcher and hreflang alternates."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def language_links(request, available=None, url_for=None, alternates=None):
    """One entry per site language: its URL for this page, or None when the page lacks that language.

    `available` limits the languages that have this page; `url_for(code)` builds the URL when
    `translate_url` of the current path is not enough (a publication's address). `alternates` limits
    the languages whose URL is this very page in that language, which base.html offers search engines
    as hreflang alternates (by default every language with a URL); another URL only leads the
    language switcher somewhere useful, such as a list's first page from its fifth.
    """
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        if available is None or code in available:
            if url_for is not None:
                with translation.override(code):
                    url = url_for(code)
            else:
                path = request.get_full_path()
                url = translate_url(path, code)
                if url == path and code != current:
                    url = None  # not a page of this site (a 404): no version to offer
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                "is_current": code == current,
                "is_alternate": url is not None and (alternates is None or code in alternates),
            }
        )
    return links
