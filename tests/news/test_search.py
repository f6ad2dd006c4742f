"""Search: /en/search/ and /ru/search/ find published publications in the page's language.

The suite runs on SQLite and on PostgreSQL (DATABASE_URL). Where the two differ by design (stemming,
ranking, the stored search documents), a test asserts each backend's own behaviour, so that no
run skips it.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Publication

pytestmark = pytest.mark.django_db

NOW = datetime(2021, 10, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
def postgresql():
    """Whether this run is on PostgreSQL (full-text search) or SQLite (simpler matching)."""
    return connection.vendor == "postgresql"


def titles(response):
    """The titles of the results, in order."""
    return re.findall(r'class="search-result__title"><a href="[^"]+">([^<]+)</a>', response.text)


def search(client, query, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def test_finds_a_word_in_english_and_in_russian(client, make_publication):
    make_publication(
        title_en="Statement on sanctions",
        body_en="<p>The embassy comments on sanctions.</p>",
        title_ru="Заявление о санкциях",
        body_ru="<p>Посольство комментирует санкции.</p>",
    )
    make_publication(title_en="On the weather", title_ru="О погоде")

    assert titles(search(client, "sanctions")) == ["Statement on sanctions"]
    assert titles(search(client, "санкции", "ru")) == ["Заявление о санкциях"]


def test_finds_words_in_the_lead_and_the_text_too(client, make_publication):
    make_publication(title_en="First", lead_en="About the consulate's hours.")
    make_publication(title_en="Second", body_en="<p>The <strong>ambassador</strong> met journalists.</p>")

    assert titles(search(client, "consulate")) == ["First"]
    assert titles(search(client, "ambassador")) == ["Second"]


def test_every_word_must_be_found(client, make_publication):
    make_publication(title_en="Talks on trade", body_en="<p>Trade and energy.</p>")
    make_publication(title_en="Talks on energy", body_en="<p>Energy only.</p>")

    assert titles(search(client, "trade energy")) == ["Talks on trade"]


def test_a_word_inside_a_tag_is_not_found(client, make_publication):
    make_publication(title_en="Formatting", body_en="<p><strong>Bold</strong> words.</p>")

    assert titles(search(client, "strong")) == []


def test_stemming_finds_other_forms_of_a_russian_word_on_postgresql(client, make_publication, postgresql):
    make_publication(title_ru="Заявление", body_ru="<p>Посольство осуждает санкции.</p>")

    found = titles(search(client, "санкций", "ru"))

    # PostgreSQL's "russian" configuration reduces both forms to one stem; SQLite matches text as
    # typed, in any case, so there only a shorter stem finds the word.
    assert found == (["Заявление"] if postgresql else [])
    assert titles(search(client, "САНКЦИ", "ru")) == ["Заявление"]


def test_a_surname_typed_in_the_nominative_finds_its_other_forms(client, make_publication):
    make_publication(title_ru="Выступление С.В.Лаврова", body_ru="<p>Текст.</p>")
    make_publication(title_ru="Заявление", body_ru="<p>Слова посла А.В.Глушкова.</p>")

    # The Russian stemmer makes "лавр" of "Лавров" but "лавров" of "Лаврова": each word is also
    # looked for as typed.
    assert titles(search(client, "Лавров", "ru")) == ["Выступление С.В.Лаврова"]
    assert titles(search(client, "Глушков", "ru")) == ["Заявление"]
    assert titles(search(client, "Лаврова", "ru")) == ["Выступление С.В.Лаврова"]


def test_every_word_of_a_russian_query_must_be_found_in_one_form_or_the_other(client, make_publication):
    make_publication(title_ru="Переговоры С.В.Лаврова и А.В.Глушкова")
    make_publication(title_ru="Интервью С.В.Лаврова", body_ru="<p>Посол Глушков сказал.</p>")
    make_publication(title_ru="Выступление С.В.Лаврова")
    make_publication(title_ru="Выступление Глушкова", body_ru="<p>Посол Глушков сказал.</p>")

    # Word by word: "Лавров" matched as typed ("лавров") and "Глушков" by its stem ("глушк") in one
    # text; neither whole query alone, stemmed or as typed, would find the second publication.
    both = ["Переговоры С.В.Лаврова и А.В.Глушкова", "Интервью С.В.Лаврова"]
    assert sorted(titles(search(client, "Лавров Глушков", "ru"))) == sorted(both)
    assert sorted(titles(search(client, "Лавров и Глушков", "ru"))) == sorted(both)  # a stop word


def test_russian_query_syntax_applies_to_both_forms_of_a_word_on_postgresql(
    client, make_publication, postgresql
):
    make_publication(title_ru="Переговоры С.В.Лаврова и А.В.Глушкова")
    make_publication(title_ru="Выступление С.В.Лаврова", body_ru="<p>Встреча министра Лаврова с послом.</p>")
    make_publication(title_ru="Заявление посла", body_ru="<p>Посол А.В.Глушков сказал.</p>")

    def found(query):
        return sorted(titles(search(client, query, "ru")))

    if postgresql:
        assert found("Лавров -Глушков") == ["Выступление С.В.Лаврова"]
        assert found('"министр Лавров"') == ["Выступление С.В.Лаврова"]
        assert found('"Лавров министр"') == []  # a phrase keeps its order
        assert found("министр or Глушков") == sorted(
            ["Переговоры С.В.Лаврова и А.В.Глушкова", "Выступление С.В.Лаврова", "Заявление посла"]
        )
    else:
        # SQLite reads no syntax: every word (letters and digits) must be found.
        assert found("Лавров -Глушков") == ["Переговоры С.В.Лаврова и А.В.Глушкова"]
        assert found('"министр Лавров"') == ["Выступление С.В.Лаврова"]


def test_a_surname_found_as_typed_is_ranked_and_marked(client, make_publication, postgresql):
    make_publication(
        title_ru="Выступление С.В.Лаврова",
        body_ru="<p>Текст выступления.</p>",
        published_at=NOW - timedelta(days=2),
    )
    make_publication(
        title_ru="Заявление",
        body_ru="<p>Министр иностранных дел России С.В.Лаврова принял посла.</p>",
        published_at=NOW - timedelta(days=1),
    )

    response = search(client, "Лавров", "ru")

    expected = ["Выступление С.В.Лаврова", "Заявление"]
    assert titles(response) == (expected if postgresql else expected[::-1])
    snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', response.text, re.DOTALL)
    # PostgreSQL marks the word it found; SQLite the letters typed.
    assert (
        "С.В.<mark>Лаврова</mark> принял" if postgresql else "С.В.<mark>Лавров</mark>а принял"
    ) in "".join(snippets)


def test_results_stay_in_the_page_language(client, make_publication):
    make_publication(title_en="Sanctions", title_ru="Санкции", body_ru="<p>Текст.</p>")
    make_publication(title_en="Only in English about sanctions", title_ru="", lead_ru="", body_ru="")

    assert titles(search(client, "sanctions", "ru")) == []
    assert titles(search(client, "Санкции", "ru")) == ["Санкции"]
    assert titles(search(client, "Санкции", "en")) == []


@pytest.mark.parametrize(
    "state",
    [
        {"status": Publication.Status.DRAFT},
        {"status": Publication.Status.WITHDRAWN, "withdrawal_reason_en": "Mistaken."},
        {"status": Publication.Status.UNPUBLISHED},
        {"published_at": NOW + timedelta(minutes=1)},  # scheduled
    ],
    ids=["draft", "withdrawn", "unpublished", "scheduled"],
)
def test_never_reveals_what_visitors_may_not_see(client, make_publication, state):
    with time_machine.travel(NOW, tick=False):
        make_publication(title_en="Embargoed sanctions statement", **state)
        make_publication(title_en="Public sanctions statement")

        assert titles(search(client, "sanctions")) == ["Public sanctions statement"]


def test_a_scheduled_publication_is_found_from_its_instant(client, make_publication):
    with time_machine.travel(NOW, tick=False) as traveller:
        make_publication(title_en="Scheduled statement on sanctions", published_at=NOW + timedelta(hours=2))
        assert titles(search(client, "sanctions")) == []

        traveller.move_to(NOW + timedelta(hours=2))

        assert titles(search(client, "sanctions")) == ["Scheduled statement on sanctions"]


def test_an_edited_text_is_found_by_its_new_words_at_once(client, make_publication):
    publication = make_publication(title_en="Statement", body_en="<p>Old words.</p>")

    publication.body_en = "<p>New words about the visa centre.</p>"
    publication.save()

    assert titles(search(client, "visa")) == ["Statement"]
    assert titles(search(client, "old")) == []


def test_title_matches_come_first_on_postgresql_newest_first_on_sqlite(client, make_publication, postgresql):
    make_publication(
        title_en="Older: sanctions in the title",
        body_en="<p>Nothing else.</p>",
        published_at=NOW - timedelta(days=2),
    )
    make_publication(
        title_en="Newer: a text that mentions it",
        body_en="<p>Some words, then sanctions, and sanctions again.</p>",
        published_at=NOW - timedelta(days=1),
    )

    found = titles(search(client, "sanctions"))

    expected = ["Older: sanctions in the title", "Newer: a text that mentions it"]
    assert found == (expected if postgresql else expected[::-1])


def test_snippet_marks_the_words_found(client, make_publication):
    make_publication(
        title_en="Statement", body_en="<p>The Ambassador spoke about <em>sanctions</em> today.</p>"
    )

    response = search(client, "sanctions")

    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', response.text, re.DOTALL)[1]
    assert "<mark>sanctions</mark>" in snippet
    assert "<em>" not in snippet
    assert "The Ambassador spoke about" in snippet


def test_snippets_cannot_inject_markup(client, make_publication):
    make_publication(
        title_en="Statement",
        body_en=(
            "<p>Sanctions: <script>alert(1)</script> &lt;script&gt;alert(2)&lt;/script&gt;</p>"
            "<p>&lt;mark&gt;fake&lt;/mark&gt; \ue000sanctions\ue001 &lt;img src=x onerror=alert(3)&gt;</p>"
        ),
    )

    response = search(client, "sanctions")

    snippet = re.search(r'<p class="search-result__snippet">(.*?)</p>', response.text, re.DOTALL)[1]
    assert "<script" not in response.text.split("<main")[1]
    assert "alert(1)" not in snippet  # the sanitiser dropped the script element when it was saved
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in snippet
    assert "&lt;mark&gt;fake&lt;/mark&gt;" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0  # no markup but our own <mark>s
    assert snippet.count("<mark>") == snippet.count("</mark>") >= 1


def test_filters_by_category(client, make_publication, make_category):
    speeches = make_category(slug="speeches", name_en="Speeches")
    make_publication(title_en="Speech on sanctions", category=speeches)
    make_publication(title_en="Statement on sanctions")

    response = search(client, "sanctions", category="speeches")

    assert titles(response) == ["Speech on sanctions"]
    assert '<option value="speeches" selected>Speeches</option>' in response.text


def test_filters_by_year_in_the_embassy_time_zone(client, make_publication, settings):
    settings.SITE_TIME_ZONE = "Europe/Moscow"
    with time_machine.travel(NOW, tick=False):
        new_year_in_moscow = datetime(2020, 12, 31, 22, 0, tzinfo=UTC)
        make_publication(title_en="New Year sanctions", published_at=new_year_in_moscow)
        make_publication(title_en="Old sanctions", published_at=new_year_in_moscow - timedelta(hours=2))
        assert titles(search(client, "sanctions", year="2021")) == ["New Year sanctions"]
        assert titles(search(client, "sanctions", year="2020")) == ["Old sanctions"]
        response = search(client, "sanctions")
    assert re.findall(r'<option value="(\d+)"', response.text) == ["2021", "2020"]


@pytest.mark.parametrize("params", [{"category": "no-such"}, {"year": "1066"}, {"year": "20x1"}])
def test_unknown_filters_are_ignored(client, make_publication, params):
    make_publication(title_en="Statement on sanctions")

    assert titles(search(client, "sanctions", **params)) == ["Statement on sanctions"]


def test_result_pages_keep_the_query_and_filters(client, make_publications, category):
    make_publications(15, title_en="Sanctions statement")

    first = search(client, "sanctions", category=category.slug)
    second = search(client, "sanctions", category=category.slug, page="2")

    assert f'href="?q=sanctions&amp;category={category.slug}&amp;page=2"' in first.text
    assert "15 results" in first.text
    assert len(titles(first)) == 10
    assert len(titles(second)) == 5
    assert client.get("/en/search/", {"q": "sanctions", "page": "3"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "sanctions " * 1024,  # 10 KB
        "x" * 10240,
        "!!! ??? ... --- ***",
        '"unbalanced quote',
        "((( & | ! :* <->",
        "'; DROP TABLE news_publication; --",
        "1' OR '1'='1",
        "<script>alert(1)</script>",
        "-",
        "or",
        "the and of",
    ],
)
def test_any_query_gets_a_normal_page(client, make_publication, query):
    make_publication(title_en="Statement on sanctions")

    for language in ("en", "ru"):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert" not in response.text
    assert Publication.objects.count() == 1


@pytest.mark.parametrize("query", ["nul\x00byte", "\x00", "sanc\x00tions sanctions"])
def test_a_nul_byte_is_refused_not_searched(client, make_publication, query):
    make_publication(title_en="Statement on sanctions")

    # As everywhere on the site (embassy.middleware.refuse_nul_characters): no page reads a NUL.
    assert client.get("/en/search/", {"q": query}).status_code == 400


def test_switching_language_keeps_the_search_from_its_first_page(client, make_publications):
    make_publications(15, title_en="Sanctions statement", title_ru="", lead_ru="", body_ru="")

    html = search(client, "sanctions", page="2").text

    # The other language finds other publications: its second page may not exist, and its results
    # are not this page translated.
    assert '<a href="/ru/search/?q=sanctions" hreflang="ru" lang="ru">' in html
    assert 'rel="alternate" hreflang' not in html
    assert client.get("/ru/search/", {"q": "sanctions"}).status_code == 200


def test_counts_results_in_russian_plural_forms(client, make_publication):
    make_publication(title_ru="Одно заявление о визах")
    assert "1 результат<" in search(client, "визах", "ru").text
    make_publication(title_ru="Второе заявление о визах")
    assert "2 результата<" in search(client, "визах", "ru").text
    for _ in range(3):
        make_publication(title_ru="Ещё заявление о визах")
    assert "5 результатов<" in search(client, "визах", "ru").text


def test_the_search_page_is_not_indexed_and_has_one_heading(client, make_publication):
    make_publication(title_en="Statement on sanctions")

    response = search(client, "sanctions")

    assert '<meta name="robots" content="noindex">' in response.text
    assert response.text.count("<h1") == 1
    assert '<label for="search-q">' in response.text


@pytest.mark.parametrize("path", ["/en/", "/ru/", "/en/news/", "/ru/consular/", "/en/search/", "ARTICLE"])
def test_every_page_has_the_search_box_in_its_header(client, make_publication, path):
    article = make_publication()
    if path == "ARTICLE":
        path = article.get_absolute_url()
    language = path.split("/")[1]

    header = client.get(path).text.split("</header>")[0]

    assert f'action="/{language}/search/"' in header
    assert 'role="search"' in header
    assert '<label class="visually-hidden" for="site-search-q">' in header
    assert 'id="site-search-q" name="q"' in header


def test_query_count_does_not_grow_with_publications(client, make_publications, make_publication):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/search/", {"q": "bulk statement", "page": "2"})
        assert response.status_code == 200
        return len(captured)

    make_publications(25)
    few = queries()
    make_publications(475)

    assert queries() == few <= 10


def test_search_reads_the_stored_indexed_document_on_postgresql(
    make_publications, make_publication, postgresql
):
    make_publications(300)
    make_publication(title_en="Plenipotentiary")
    with connection.cursor() as cursor:
        if postgresql:
            from news.search import search_publications

            # Rows other tests inserted and rolled back can leave a long pending list in the GIN
            # index, which makes the planner shun it; merge it as autovacuum would.
            cursor.execute("SELECT gin_clean_pending_list('news_pub_search_en')")
            cursor.execute("ANALYZE news_publication")
            cursor.execute("SET LOCAL enable_seqscan = off")  # too few rows to need an index otherwise
            plan = search_publications("plenipotentiary", "en").explain()
            assert "Bitmap Index Scan on news_pub_search_en" in plan, plan
            assert "to_tsvector" not in plan, plan  # the stored document, not one computed per row
        else:
            # SQLite has no full-text columns or indexes: the migration leaves its table alone.
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, "news_publication")
            ]
            assert "search_en" not in columns and "title_en" in columns


def test_russian_search_reads_the_stored_indexed_document_on_postgresql(
    make_publications, make_publication, postgresql
):
    if not postgresql:
        return  # SQLite has no search documents (see the test above)
    make_publications(300)
    make_publication(title_ru="Выступление С.В.Лаврова")
    with connection.cursor() as cursor:
        from news.search import search_publications

        cursor.execute("SELECT gin_clean_pending_list('news_pub_search_ru')")
        cursor.execute("ANALYZE news_publication")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search_publications('Лавров "министр иностранных дел" -посол', "ru").explain()
    assert "Bitmap Index Scan on news_pub_search_ru" in plan, plan
    # Both forms of each word were worked out once, when the query was planned, not for each row.
    assert "news_websearch_to_tsquery" not in plan and "'лавров'" in plan, plan
    assert "to_tsvector" not in plan, plan


def test_a_word_in_very_many_publications_ranks_only_the_newest_matches(
    client, make_publication, monkeypatch
):
    monkeypatch.setattr("news.search.RANKED_MATCHES", 3)
    now = timezone.now()
    for days in range(5):
        make_publication(
            title_en=f"Statement {days} on sanctions", published_at=now - timedelta(days=days + 1)
        )

    response = client.get("/en/search/?q=sanctions")

    titles = [publication.title_en for publication, _snippet in response.context["results"]]
    assert sorted(titles) == [
        "Statement 0 on sanctions",
        "Statement 1 on sanctions",
        "Statement 2 on sanctions",
    ]
    assert "choose a year or a category to find older ones" in response.text


def test_a_few_matches_say_nothing_of_older_ones(client, make_publication):
    make_publication(title_en="Statement on sanctions")

    assert "find older ones" not in client.get("/en/search/?q=sanctions").text
