"""Security headers and cookie rules, asserted on real responses."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/en/",
    "/ru/",
    "/en/news/",
    "/en/news/statements/",
    "/en/news/feed/rss/",
    "/en/news/feed/atom/",
]


@pytest.fixture
def article_path(make_publication):
    return make_publication(slug="talks").get_absolute_url()


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_pages_carry_a_strict_content_security_policy(client, article_path):
    for path in [*PUBLIC_PAGES, article_path]:
        policy = directives(client.get(path))
        assert policy["script-src"][0] == "'self'", path  # a nonce may follow
        assert policy["style-src"][0] == "'self'", path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert policy["object-src"] == ["'none'"], path
        assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy)


def test_public_pages_carry_the_browser_hardening_headers(client):
    response = client.get("/en/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_login_page_has_the_same_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert directives(response)["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in directives(response)["script-src"]


def test_anonymous_visitors_receive_no_cookie(client, article_path):
    for path in [*PUBLIC_PAGES, article_path, "/sitemap.xml", "/robots.txt", "/en/no-such-page/"]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert not response.cookies, f"{path} set {list(response.cookies)}"
        assert "Set-Cookie" not in response.headers, path


def test_staff_cookies_are_http_only_and_same_site(client, admin_user):
    client.get("/admin/login/")
    response = client.post("/admin/login/", {"username": "admin", "password": "password"})

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_methods_the_site_does_not_use_get_405(client, method):
    response = client.generic(method, "/en/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    # Refused, but with the same protective headers as every other answer.
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"]


def test_unknown_host_gets_400(client):
    response = client.get("/en/", headers={"host": "attacker.example"})

    assert response.status_code == 400


OFF_SITE = ["https://attacker.example/", "//attacker.example/", "http:/\\attacker.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": target})

    assert response.status_code == 302
    assert "attacker" not in response["Location"]
    assert response["Location"].startswith("/")


def test_admin_login_never_redirects_off_site(client, admin_user):
    response = client.post(
        "/admin/login/?next=https://attacker.example/",
        {"username": "admin", "password": "password", "next": "https://attacker.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/admin/", "/admin/counters/counter/add/", "/admin/news/category/add/"]
)
def test_admin_pages_without_the_rich_text_editor_allow_no_inline_style(admin_client, client, path):
    response = (client if path == "/admin/login/" else admin_client).get(path)

    assert response.status_code == 200
    assert "'unsafe-inline'" not in directives(response)["style-src"]


def test_the_publication_forms_allow_the_rich_text_editors_inline_style(admin_client, make_publication):
    publication = make_publication()
    version = publication.history.latest()
    paths = [
        "/admin/news/publication/add/",
        f"/admin/news/publication/{publication.pk}/change/",
        f"/admin/news/publication/{publication.pk}/history/{version.history_id}/",
    ]
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert "'unsafe-inline'" in directives(response)["style-src"], path
        assert "'unsafe-inline'" not in directives(response)["script-src"], path

    listing = admin_client.get("/admin/news/publication/")
    assert "'unsafe-inline'" not in directives(listing)["style-src"]


def test_the_version_list_allows_only_its_paginators_style_attribute(admin_client, make_publication):
    publication = make_publication()

    response = admin_client.get(f"/admin/news/publication/{publication.pk}/history/")

    assert response.status_code == 200
    assert 'style="border-top: 0"' in response.text  # the one attribute allowed, by its hash
    style = directives(response)["style-src"]
    assert "'unsafe-inline'" not in style
    assert "'unsafe-hashes'" in style
    assert "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='" in style
