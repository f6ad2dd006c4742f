"""Two web replicas share nothing but PostgreSQL and Redis: an edit through one is seen through the
other at once, and a staff login made on one is valid on the other."""

import re
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from .support import (
    Gunicorn,
    create_database,
    drop_database,
    flush_redis,
    manage,
    prepare_site,
    production_env,
)

REDIS_DB = 11
SERVER = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "replica-test-password-1"  # noqa: S105 - a throwaway account in a throwaway database


class FormFields(HTMLParser):
    """The values a browser would submit from the page's main form."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The page's own form (login-form, category_form…), not the header's logout form.
        if tag == "form" and attrs.get("id", "").endswith(("_form", "login-form")):
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on" if "checked" in attrs else "")))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


class Staff:
    """A browser's cookie jar, good for any replica."""

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, fields=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Referer": f"https://embassy.test{path}",
        }
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = server.request(method, path, headers=headers, body=body)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response

    def submit(self, server, path, **changes):
        parser = FormFields()
        parser.feed(self.request(server, "GET", path).text)
        fields = [(name, value) for name, value in parser.fields if name not in changes]
        return self.request(server, "POST", path, fields + list(changes.items()))


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    name = f"embassy_replicas_{uuid.uuid4().hex[:8]}"
    env = production_env(create_database(SERVER, name), REDIS_DB)
    flush_redis(REDIS_DB)
    servers = [Gunicorn(env, workers=1), Gunicorn(env, workers=1)]
    logs = tmp_path_factory.mktemp("replicas")
    try:
        prepare_site(env)
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--no-input",
            "--username",
            "chief",
            "--email",
            "chief@example.org",
        )
        yield [server.start(logs / f"web-{n}.log") for n, server in enumerate(servers)]
    finally:
        for server in servers:
            server.stop()
        flush_redis(REDIS_DB)
        drop_database(SERVER, name)


def test_an_edit_through_one_replica_is_seen_through_the_other_at_once(replicas):
    one, other = replicas
    for _ in range(3):  # made, then served from the other replica's own copy (embassy/pagecache.py)
        page = other.get("/en/news/speeches/")
        assert "Speeches" in page.text
    assert page.headers["X-Cache"] == "hit"
    staff = Staff()

    logged_in = staff.submit(one, "/admin/login/", username="chief", password=PASSWORD)
    assert logged_in.status == 302, logged_in.text[:2000]
    changelist = staff.request(other, "GET", "/admin/news/category/")  # the session is valid on the other
    assert changelist.status == 200
    change_path = re.search(
        r'href="(/admin/news/category/\d+/change/)[^"]*">Speeches<', changelist.text
    ).group(1)
    saved = staff.submit(one, change_path, name_en="Speeches and addresses")
    assert saved.status == 302, re.findall(r"errorlist.{0,300}", saved.text, re.S)

    assert "Speeches and addresses" in other.get("/en/news/speeches/").text
    assert "Speeches and addresses" in one.get("/en/news/speeches/").text
