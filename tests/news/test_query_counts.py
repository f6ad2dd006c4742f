"""Each page runs the same small number of queries however many publications there are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = [
    "/en/",
    "/ru/",
    "/en/news/",
    "/en/news/?page=2",
    "/en/news/statements/",
    "/en/news/feed/rss/",
    "/ru/news/statements/feed/atom/",
    "/sitemap.xml",
    "/sitemap-publications-en.xml",
    "/sitemap-publications-ru.xml",
    "/sitemap-archive.xml",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_queries_do_not_grow_with_publications(count_queries, make_publications, make_publication, path):
    make_publications(5)
    make_publication(is_featured=True)
    make_publications(15)
    few = count_queries(path)

    make_publications(480)
    many = count_queries(path)

    assert few == many
    assert many <= 8


def test_article_queries_do_not_grow_with_publications(count_queries, make_publications, make_publication):
    article = make_publication()
    path = f"/en/news/{article.category.slug}/{article.slug}/"
    make_publications(5)
    few = count_queries(path)

    make_publications(495)

    assert count_queries(path) == few <= 8


@pytest.mark.parametrize("path", [*PAGES, "/en/news/statements/featured-statement/"])
def test_a_page_served_from_the_cache_runs_no_query(visitor, make_publications, make_publication, path):
    make_publications(20)
    make_publication(is_featured=True, slug="featured-statement")

    assert visitor.queries_when_cached(path) == 0


@pytest.mark.parametrize(
    "path, bodies",
    [
        ("/en/", {"body_en"}),
        ("/ru/", {"body_ru"}),
        ("/en/news/", set()),
        ("/ru/news/?page=2", set()),
        ("/en/news/statements/", set()),
    ],
)
def test_lists_read_no_body_but_the_featured_publications(
    client, make_publications, make_publication, path, bodies
):
    make_publication(is_featured=True)
    make_publications(30)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    read = {
        column for query in queries for column in re.findall(r'"news_publication"\."(body\w*)"', query["sql"])
    }
    assert read == bodies
