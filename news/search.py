"""Searching publications in the page's language: full text on PostgreSQL, plain matching on SQLite.

Only what `Publication.objects.published()` lets a visitor see is ever searched, and that rule is
applied at query time: a scheduled item turns up at its instant, and a draft, withdrawn or
unpublished one never does, with nothing to re-index.
"""

import html
import re
from datetime import datetime

from django.db import connections
from django.db.models import Expression, F, Func, Min, Q, TextField, Value
from django.db.models.expressions import Col
from django.utils.html import escape
from django.utils.safestring import mark_safe

from embassy.clock import site_today, site_zone

from .models import Publication

MAX_QUERY_LENGTH = 200  # longer queries are cut here: no one types more, and a 10 KB one costs nothing
MAX_WORDS = 10  # SQLite: one LIKE-like condition per word and field; more words add no precision
# Text-search configurations per language: their stemming makes "санкций" find "санкции".
CONFIGS = {"en": "english", "ru": "russian"}
# The same without stemming, for languages whose stemmer misses forms a visitor types: the Russian one
# turns the surname "Лавров" into "лавр" but "Лаврова" into "лавров", so each word of a Russian query
# is looked for both ways (news/migrations/0011_russian_word_forms.py). English needs no such help.
UNSTEMMED_CONFIGS = {"ru": "news_russian_unstemmed"}
# Snippet markers. ts_headline puts them around matches; they are replaced with <mark> only after the
# snippet has been escaped, so nothing of the stored text can ever become markup.
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
SNIPPET_WORDS = 30  # SQLite snippets: about as long as PostgreSQL's (MaxWords below)


def clean_query(raw):
    """The visitor's query, safe to search for: NUL and control characters removed, at most 200 characters."""
    return " ".join(CONTROL_CHARACTERS.sub("", raw or "")[:MAX_QUERY_LENGTH].split())


def words(query):
    """The words of a query (letters and digits), for SQLite's matching and Python snippets."""
    return WORD.findall(query)[:MAX_WORDS]


def plain_text(field):
    """The stored (sanitised) HTML of `field` with its tags replaced by spaces, in SQL."""
    return Func(
        field, Value(TAG.pattern), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )


class StoredDocument(Expression):
    """The search document of language `code` that PostgreSQL stores and indexes (column search_<code>).

    news/migrations/0007_search_indexes.py creates the column, on PostgreSQL only, so it is not a field
    of the model; this resolves to a column reference on the query's own table alias.
    """

    def __init__(self, code):
        super().__init__()
        self.code = code

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        from django.contrib.postgres.search import SearchVectorField

        field = SearchVectorField()
        field.set_attributes_from_name(f"search_{self.code}")
        field.model = Publication
        return Col(query.get_initial_alias(), field)


def web_search_query(query, language):
    """The tsquery of what a visitor typed, read as websearch_to_tsquery does (quotes, "or", "-word").

    In a language with an unstemmed configuration each word matches by its stem or as typed:
    news_websearch_to_tsquery pairs the two forms word by word, so every word is still required.
    """
    from django.contrib.postgres.search import SearchConfig, SearchQuery

    search_query = SearchQuery(query, config=CONFIGS[language], search_type="websearch")
    if language in UNSTEMMED_CONFIGS:
        search_query.function = "news_websearch_to_tsquery"
        config, value = search_query.get_source_expressions()
        search_query.set_source_expressions([config, SearchConfig(UNSTEMMED_CONFIGS[language]), value])
    return search_query


def year_range(year):
    """The first instant of `year` and of the next one, in the embassy's time zone."""
    zone = site_zone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


RANKED_MATCHES = 500


def is_capped(count):
    """Whether a search found so many publications that only the newest were ranked and counted."""
    return count >= RANKED_MATCHES


def search_publications(query, language, category=None, year=None):
    """Published publications in `language` that match `query`, best first, with rank and headline.

    `category` is a Category or None, `year` an int or None. An empty query finds nothing.
    """
    query = clean_query(query)
    publications = Publication.objects.published().in_language(language).select_related("category")
    if category is not None:
        publications = publications.filter(category=category)
    if year is not None:
        start, end = year_range(year)
        publications = publications.filter(published_at__gte=start, published_at__lt=end)
    if connections[publications.db].vendor == "postgresql" and language in CONFIGS:
        return _full_text(publications, query, language)
    return _matching_words(publications, query, language)


def _full_text(publications, query, language):
    from django.contrib.postgres.search import SearchHeadline, SearchRank

    if not query:
        return publications.none()
    config = CONFIGS[language]
    # websearch_to_tsquery never raises on what a visitor types (quotes, "or", "-word", punctuation),
    # and a query left with no lexemes at all simply matches nothing.
    search_query = web_search_query(query, language)
    # EXPLAIN ANALYZE at 55,000 publications on PostgreSQL 15: "lavrov talks" (one match) is a Bitmap
    # Index Scan on news_pub_search_en, visibility filtering the rows found, 0.6 ms in all. A word in
    # 27,000 of them costs 165 ms, mostly ts_rank reading each match's stored document (ranking from
    # to_tsvector() instead took 2,850 ms; see the migration), and the page count another 100 ms.
    # ts_headline, a costly function, runs after the sort and LIMIT, on the page's ten rows only.
    # A word found in most publications would have every match ranked (25x the archive's time at
    # 100,000 publications); only the newest RANKED_MATCHES matches are ranked and counted, and the
    # page tells the visitor to narrow by year or category to reach older ones.
    newest_matches = (
        publications.alias(document=StoredDocument(language))
        .filter(document=search_query)
        .order_by("-published_at", "-pk")
        .values("pk")[:RANKED_MATCHES]
    )
    return (
        Publication.objects.filter(pk__in=newest_matches)
        .select_related("category")
        .alias(document=StoredDocument(language))
        .annotate(
            rank=SearchRank(F("document"), search_query),
            headline=SearchHeadline(
                Func(
                    f"lead_{language}",
                    Value(" "),
                    plain_text(f"body_{language}"),
                    function="CONCAT",
                    output_field=TextField(),
                ),
                search_query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _matching_words(publications, query, language):
    """SQLite: every word somewhere in the title, lead or text (any case), newest first.

    Python's own regular expressions (Django's REGEXP function on SQLite) fold the case of Cyrillic
    too, which SQLite's LIKE does not; in the text, a word inside a tag (`<strong>`) does not count.
    """
    found = words(query)
    if not found:
        return publications.none()
    for word in found:
        pattern = re.escape(word)
        publications = publications.filter(
            Q(**{f"title_{language}__iregex": pattern})
            | Q(**{f"lead_{language}__iregex": pattern})
            | Q(**{f"body_{language}__iregex": pattern + r"(?![^<>]*>)"})
        )
    # The same limit as on PostgreSQL, so that both count and page alike.
    newest_matches = publications.newest_first().values("pk")[:RANKED_MATCHES]
    return Publication.objects.filter(pk__in=newest_matches).select_related("category").newest_first()


def snippet(publication, query, language):
    """A short passage of the publication around what was found, with <mark>s, safe to show."""
    headline = getattr(publication, "headline", None)
    # ts_headline reads the stored HTML without its tags, entities left (&lt;script&gt;): read them
    # as text; then escape everything, so that only our own <mark>s are markup.
    text = html.unescape(headline) if headline is not None else _excerpt(publication, query, language)
    escaped = escape(text)
    return mark_safe(MARKED.sub(r"<mark>\1</mark>", escaped).replace(START, "").replace(STOP, ""))


def _excerpt(publication, query, language):
    """About SNIPPET_WORDS words of lead and text around the first match, matches between markers."""
    lead = getattr(publication, f"lead_{language}", "") or ""
    body = html.unescape(TAG.sub(" ", getattr(publication, f"body_{language}", "") or ""))
    found = words(query)
    if not found:
        return " ".join(f"{lead} {body}".split()[:SNIPPET_WORDS])
    matcher = re.compile("|".join(re.escape(word) for word in found), re.IGNORECASE)
    tokens = f"{lead} {body}".split()
    first = next((i for i, token in enumerate(tokens) if matcher.search(token)), 0)
    start = max(first - SNIPPET_WORDS // 3, 0)
    chosen = tokens[start : start + SNIPPET_WORDS]
    excerpt = matcher.sub(lambda match: f"{START}{match[0]}{STOP}", " ".join(chosen))
    return ("… " if start else "") + excerpt + (" …" if start + SNIPPET_WORDS < len(tokens) else "")


def years(language):
    """The years a visitor may filter by, newest first: from the first publication's to this one."""
    first = (
        Publication.objects.published().in_language(language).aggregate(first=Min("published_at"))["first"]
    )
    if first is None:
        return []
    return list(range(site_today().year, first.astimezone(site_zone()).year - 1, -1))
