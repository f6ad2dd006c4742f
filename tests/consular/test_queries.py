"""The consular page runs the same small number of queries however many publications there are."""


def test_consular_page_queries_do_not_grow_with_publications(count_queries, office, make_publications):
    make_publications(5)
    few = {path: count_queries(path) for path in ("/en/consular/", "/ru/consular/")}

    make_publications(495)

    assert {path: count_queries(path) for path in few} == few
    assert max(few.values()) <= 8


def test_consular_page_from_the_cache_runs_no_query(visitor, office, make_publications):
    make_publications(20)

    assert visitor.queries_when_cached("/en/consular/") == 0
