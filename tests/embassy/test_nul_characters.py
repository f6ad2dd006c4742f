"""A NUL character anywhere in a request is a 400, never a 500 (PostgreSQL refuses it in any text)."""

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db


def filled(pattern):
    """The pattern's text with each parameter given a value it accepts."""
    text = str(pattern)
    if hasattr(pattern, "_route"):
        return re.sub(r"<(?:\w+:)?\w+>", "1", text)
    text = text.removeprefix("^").removesuffix("$")

    def group(match):
        inside = match[1]
        return inside.split("|")[0] if re.fullmatch(r"[\w|]+", inside) else "1"

    return re.sub(r"\((?:\?P<\w+>)?([^()]*)\)", group, text).replace("\\", "")


def every_address(resolver=None, prefix="/"):
    """One address for each URL pattern of the site, the admin's and the packages' included."""
    resolver = resolver or get_resolver()
    with translation.override("en"):
        for entry in resolver.url_patterns:
            address = prefix + filled(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from every_address(entry, address)
            else:
                yield address


def with_nul(address):
    """The address with a NUL added to each of its path segments in turn, and in its query."""
    segments = address.split("/")
    for index, segment in enumerate(segments):
        if segment:
            yield "/".join([*segments[:index], segment + "%00", *segments[index + 1 :]])
    yield f"{address}?term=%00"
    yield f"{address}?q=a%00b&page=1"
    yield f"{address}?%00=1"


ADDRESSES = sorted(set(every_address()))


def test_the_walk_reaches_every_kind_of_address():
    assert len(ADDRESSES) > 50
    for expected in ("/en/news/embargo/1/", "/admin/autocomplete/", "/admin/r/1/1/", "/admin/jsi18n/"):
        assert expected in ADDRESSES


@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_a_nul_anywhere_in_any_address_is_a_400_or_404(client, admin_user, role):
    if role == "superuser":
        client.force_login(admin_user)
    answers = {}
    for address in ADDRESSES:
        for variant in with_nul(address):
            answers[variant] = client.get(variant).status_code

    assert {variant: status for variant, status in answers.items() if status not in (400, 404)} == {}


def test_the_reported_addresses_answer_400(client, admin_user, make_publication):
    make_publication()
    assert client.get("/en/news/embargo/%00/").status_code == 400
    client.force_login(admin_user)
    autocomplete = "/admin/autocomplete/?app_label=news&model_name=publication&field_name=replaced_by"

    assert client.get(f"{autocomplete}&term=%00").status_code == 400


def test_a_nul_in_a_form_field_or_a_cookie_is_a_400(client):
    assert client.post("/admin/login/", {"username": "admin\x00", "password": "x"}).status_code == 400
    client.cookies["sessionid"] = "abcdefgh\x00"

    assert client.get("/en/").status_code == 400


def test_a_nul_in_an_unused_parameter_is_a_400_through_the_page_cache_too(visitor):
    assert visitor.get("/en/").status_code == 200

    assert visitor.get("/en/?utm_source=%00").status_code == 400
