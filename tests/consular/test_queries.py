"""The consular page runs the same small number of queries however many publications there are."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, path):
    """Queries of an uncached rendering of `path` (the page cache is emptied first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_consular_page_queries_do_not_grow_with_publications(client, office, make_publications):
    make_publications(5)
    few = {path: count_queries(client, path) for path in ("/en/consular/", "/ru/consular/")}

    make_publications(495)

    assert {path: count_queries(client, path) for path in few} == few
    assert max(few.values()) <= 8


def test_consular_page_from_the_cache_runs_no_query(visitor, office, make_publications):
    make_publications(20)
    assert visitor.get("/en/consular/")["X-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        assert visitor.get("/en/consular/")["X-Cache"] == "hit"

    assert len(queries) == 0
