"""The page cache can be switched off, for measuring how fast pages are made (bench/benchmark.py)."""


def test_page_cache_can_be_switched_off_for_measuring(visitor, make_publication, settings):
    settings.PAGE_CACHE_ENABLED = False
    make_publication()

    responses = [visitor.get("/en/") for _ in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert not any(response.has_header("X-Cache") for response in responses)


def test_page_cache_is_on_by_default(visitor, make_publication):
    make_publication()

    assert [visitor.get("/en/")["X-Cache"] for _ in range(2)] == ["miss", "hit"]
