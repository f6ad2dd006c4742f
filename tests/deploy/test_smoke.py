"""The compose file's gunicorn command, with production settings, on PostgreSQL and Redis: every kind
of page answers as it should, with the security headers and without cookies."""

import json
import re
import uuid

import pytest

from .support import Gunicorn, create_database, drop_database, flush_redis, prepare_site, production_env

REDIS_DB = 13
PUBLIC_PAGES = [
    "/en/",
    "/ru/",
    "/en/news/",
    "/ru/news/?page=1",
    "/en/news/speeches/",
    "/ru/news/events/",
    "/en/news/feed/rss/",
    "/ru/news/feed/atom/",
    "/en/news/speeches/feed/rss/",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    name = f"embassy_smoke_{uuid.uuid4().hex[:8]}"
    database_url = create_database("postgres://postgres@127.0.0.1:5432", name)
    flush_redis(REDIS_DB)
    env = production_env(database_url, REDIS_DB)
    server = Gunicorn(env)
    try:
        prepare_site(env)
        yield server.start(tmp_path_factory.mktemp("smoke") / "gunicorn.log")
    finally:
        server.stop()
        flush_redis(REDIS_DB)
        drop_database("postgres://postgres@127.0.0.1:5432", name)


@pytest.fixture(scope="module")
def article_path(site):
    """An article linked from the English archive."""
    return re.search(r'href="(/en/news/[a-z0-9-]+/[a-z0-9-]+/)"', site.get("/en/news/").text).group(1)


def test_every_kind_of_page_answers_200(site, article_path):
    for path in [*PUBLIC_PAGES, article_path]:
        response = site.get(path)
        assert response.status == 200, (path, response.text[:500])


def test_health_reports_database_and_cache(site):
    response = site.get("/healthz")

    assert response.status == 200
    assert json.loads(response.body) == {"database": "ok", "cache": "ok"}


def test_unknown_page_is_the_sites_404_never_a_debug_page(site):
    response = site.get("/en/no-such-page/")

    assert response.status == 404
    assert "Page not found" in response.text
    assert "URLconf" not in response.text and "Traceback" not in response.text


def test_public_pages_set_no_cookie_and_carry_the_security_headers(site, article_path):
    for path in ["/en/", "/en/news/", article_path, "/en/news/feed/rss/"]:
        response = site.get(path)
        assert response.headers.get_all("Set-Cookie") is None, path
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_are_hashed_compressed_and_cached_for_a_year(site):
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', site.get("/en/").text).group(1)

    response = site.get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


def test_plain_http_is_redirected_to_https_except_the_health_probe(site):
    redirected = site.get("/en/", https=False)

    assert redirected.status == 301
    assert redirected.headers["Location"] == "https://embassy.test/en/"
    assert site.get("/healthz", https=False).status == 200


def test_admin_login_page_answers_and_its_cookie_is_secure(site):
    response = site.get("/admin/login/")

    assert response.status == 200
    cookie = response.headers["Set-Cookie"]
    assert "csrftoken=" in cookie and "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_host_gets_400(site):
    response = site.get("/en/", headers={"Host": "attacker.example"})

    assert response.status == 400
    assert "Bad request" in response.text


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE"])
def test_unused_methods_get_405(site, method):
    assert site.request(method, "/en/").status == 405


def test_oversized_request_line_and_headers_are_refused_by_gunicorn(site):
    assert site.get("/en/?q=" + "a" * 5000).status == 400
    # 431: Request Header Fields Too Large.
    assert site.get("/en/", headers={f"X-Filler-{n}": "x" for n in range(60)}).status == 431
    assert site.get("/en/", headers={"X-Big": "x" * 9000}).status == 431


def test_a_client_cannot_move_the_site_with_a_script_name_header(site):
    response = site.get("/en/news/", headers={"SCRIPT_NAME": "/moved", "PATH_INFO": "/en/consular/"})

    assert response.status == 200
    assert "/moved/" not in response.text
    assert 'href="/en/news/' in response.text and "<h1>All messages</h1>" in response.text
