"""Every admin URL, with every role: no page or redirect hands one role's data to another, and none is a 500.

The URLs are not listed here: they are read from the admin's own patterns (Django's, the packages' and
the project's), filled with the ids of real objects of every role. A URL added later is requested too,
or the test fails until it learns how to fill that URL's parameters.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode, urlsplit

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from consular.models import Closure, ConsularOffice, OpeningHours, PhoneNumber
from counters.models import Counter
from embassy.roles import ROLES
from news.models import ChangeNote, EmbargoLink, EmbargoLinkUse, Publication

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
SUPERUSER_ONLY = "superuser"  # the data of apps no role looks after: accounts, login records
NO_ROLE = "no role"  # staff without a group


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


class Secrets:
    """Each role's private data, and the addresses that must never be handed to the other roles."""

    def __init__(self):
        self.texts = {}  # role → strings only that role may read
        self.addresses = {}  # role → paths only that role may be sent to

    def add(self, role, *texts, addresses=()):
        self.texts.setdefault(role, set()).update(texts)
        self.addresses.setdefault(role, set()).update(addresses)

    def not_for(self, role):
        """What `role` must never be shown: everything that is not its own."""
        texts = {text for owner, found in self.texts.items() if owner != role for text in found}
        addresses = {path for owner, found in self.addresses.items() if owner != role for path in found}
        return texts, addresses


@pytest.fixture
def secrets(db, make_publication, category, django_user_model):
    found = Secrets()
    draft = make_publication(
        slug="kestrel-summit-draft", title_en="Kestrel summit draft", status=Publication.Status.DRAFT
    )
    scheduled = make_publication(
        slug="ptarmigan-statement", title_en="Ptarmigan statement", published_at=NOW + timedelta(days=2)
    )
    live = make_publication(slug="live-statement")
    ChangeNote.objects.create(publication=live, note_en="Corrected the Goshawk date")
    link = EmbargoLink.objects.create(
        publication=scheduled, recipient="Jane Roe, Harrier Times", expires_at=NOW + timedelta(days=1)
    )
    EmbargoLinkUse.objects.create(link=link, ip_address="192.0.2.77", user_agent="HarrierBrowser/9")
    Counter.objects.create(name_en="Osprey incident", started_on=date(2020, 1, 1), is_shown=False)
    found.add(
        "press",
        "Kestrel summit",
        "kestrel-summit-draft",
        "Ptarmigan statement",
        "ptarmigan-statement",
        "Harrier Times",
        "HarrierBrowser",
        "192.0.2.77",
        "Osprey incident",
        link.token,
        addresses=[
            link.get_absolute_url(),
            *(reverse("news:preview", args=[pk]) for pk in (draft.pk, scheduled.pk, live.pk)),
            *(publication.get_absolute_url() for publication in (draft, scheduled, live)),
            category.get_absolute_url(),
        ],
    )

    office = ConsularOffice.objects.create(
        name_en="Merlin consular point", email="merlin@consular.example", notes_en="Bring the Merlin form"
    )
    OpeningHours.objects.create(office=office, weekday=0, opens=time(9, 30), closes=time(12, 30))
    Closure.objects.create(office=office, starts_on=date(2026, 12, 24), ends_on=date(2026, 12, 26))
    PhoneNumber.objects.create(office=office, label_en="Merlin visas", number="+442079460958")
    found.add(
        "consular",
        "Merlin consular point",
        "Bring the Merlin form",
        "Merlin visas",
        addresses=[office.get_absolute_url().split("#")[0]],
    )

    django_user_model.objects.create_superuser("root", "root@nightjar.example", "unused-in-tests")
    AccessAttempt.objects.create(
        username="nightjar-guess", ip_address="198.51.100.99", user_agent="", failures_since_start=3
    )
    AccessLog.objects.create(username="nightjar-login", ip_address="198.51.100.98", user_agent="")
    found.add(SUPERUSER_ONLY, "root@nightjar.example", "nightjar-guess", "nightjar-login", "198.51.100.99")
    return found


@pytest.fixture
def staff(db, django_user_model, secrets):
    """A logged-in client for each role, and for a staff member in no role at all."""
    clients = {}
    for role in [*ROLES, NO_ROLE]:
        user = django_user_model.objects.create_user(f"staff-{role}".replace(" ", "-"), is_staff=True)
        if role in ROLES:
            user.groups.add(Group.objects.get(name=ROLES[role][0]))
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients[role] = client
    return clients


# How to fill each kind of parameter of the admin's URLs; a URL with any other parameter fails the test.
def sample_objects():
    """Every row of every model that has rows: the objects that `r/<content type>/<id>/` may name."""
    for model in apps.get_models():
        for obj in model._default_manager.all()[:20]:
            yield model, obj


def fill(parameters, model):
    """The values to try for one URL's parameters, given the model whose admin it belongs to."""
    names = set(parameters)
    if names == {"content_type_id", "object_id"}:
        pairs = [
            {"content_type_id": ContentType.objects.get_for_model(model).pk, "object_id": obj.pk}
            for model, obj in sample_objects()
        ]
        return [
            *pairs,
            {"content_type_id": 999999, "object_id": 1},
            {"content_type_id": "x", "object_id": "y"},
        ]
    if names == {"object_id"}:
        return [
            {"object_id": pk} for pk in [*model._default_manager.values_list("pk", flat=True), 999999, "x"]
        ]
    if names == {"pk"}:  # a staff page outside the admin: <int:pk>
        return [{"pk": pk} for pk in [*model._default_manager.values_list("pk", flat=True), 999999]]
    if names == {0, 1} and hasattr(model, "history"):  # simple-history: a version of an object
        versions = model.history.values_list(model._meta.pk.attname, "history_id")
        return [{0: pk, 1: version} for pk, version in [*versions, (999999, 999999), ("x", "y")]]
    if names == {"id"}:  # the password form of a user
        return [{"id": pk} for pk in apps.get_model("auth.User").objects.values_list("pk", flat=True)]
    if names == {"app_label"}:
        return [{"app_label": label} for label in {m._meta.app_label for m in admin.site._registry}]
    if names == {"url"}:  # the admin's catch-all
        return [{"url": "no-such-page/"}, {"url": "news/publication"}]
    if not names:
        return [{}]
    pytest.fail(f"The test does not know how to fill {sorted(names, key=str)} of an admin URL: add samples.")


def query_strings(url_name):
    """Extra query strings worth trying on a URL: the autocomplete of every autocomplete field."""
    if url_name != "autocomplete":
        return [""]
    return [
        "?"
        + urlencode(
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field,
                "term": "",
            }
        )
        for model, model_admin in admin.site._registry.items()
        for field in model_admin.autocomplete_fields
    ]


PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")
GROUP = re.compile(r"\((?!\?)[^)]*\)")


def parameters_of(segments):
    """The names of a URL's parameters; unnamed regex groups by position (0, 1…), as Django passes them."""
    names, positions = [], 0
    for segment in segments:
        if isinstance(segment, RoutePattern):
            names += PARAMETER.findall(str(segment))
        elif isinstance(segment, RegexPattern):
            names += NAMED_GROUP.findall(segment.regex.pattern)
            unnamed = len(GROUP.findall(NAMED_GROUP.sub("", segment.regex.pattern)))
            names += range(positions, positions + unnamed)
            positions += unnamed
    return names


def build(segments, values):
    positions = iter(range(len(values)))

    def positional(_match):
        return str(values[next(positions)])

    path = ""
    for segment in segments:
        if isinstance(segment, RoutePattern):
            path += PARAMETER.sub(lambda m: str(values[m["name"]]), str(segment))
        elif not isinstance(segment, RegexPattern):  # the language prefix of i18n_patterns
            path += str(segment)
        else:
            text = NAMED_GROUP.sub(lambda m: str(values[m["name"]]), segment.regex.pattern)
            path += GROUP.sub(positional, text).replace("^", "").replace("$", "")
    return path


# Staff pages outside the admin, by URL name, with the model whose ids fill them.
STAFF_PAGES = {"news:preview": Publication}


def admin_urls():
    """(path, URL name) for every URL of the admin in the site's URLconf, and of the staff pages outside
    it, each filled with every sample value."""
    registered = {f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry}

    def walk(patterns, segments, model, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns,
                    [*segments, pattern.pattern],
                    registered.get(str(pattern.pattern), model),
                    pattern.namespace or namespace,
                )
            elif namespace == "admin":
                yield [*segments, pattern.pattern], pattern.name, model
            elif f"{namespace}:{pattern.name}" in STAFF_PAGES:
                yield [*segments, pattern.pattern], pattern.name, STAFF_PAGES[f"{namespace}:{pattern.name}"]

    found = []
    for segments, name, model in walk(get_resolver().url_patterns, [], None, None):
        for values in fill(parameters_of(segments), model):
            for query in query_strings(name):
                found.append(("/" + build(segments, values) + query, name))
    assert any(path.startswith(reverse("admin:index")) for path, _name in found)
    return found


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def problems_of(role, client, secrets):
    texts, addresses = secrets.not_for(role)
    problems = []
    for path, name in admin_urls():
        response = client.get(path)
        where = f"{role}: GET {path} ({name}) → {response.status_code}"
        if response.status_code >= 500:
            problems.append(f"{where}: a server error")
            continue
        shown = [text for text in texts if text in body(response)]
        if shown:
            problems.append(f"{where} shows {shown}")
        if location := response.get("Location"):
            target = urlsplit(location).path
            if target in addresses or any(text in location for text in texts):
                problems.append(f"{where} sends to {location}, which is not theirs")
    return problems


@pytest.mark.parametrize("role", [*ROLES, NO_ROLE])
def test_no_admin_url_shows_or_sends_a_role_to_another_roles_data(role, staff, secrets):
    problems = problems_of(role, staff[role], secrets)

    assert problems == [], "\n".join(problems)


def test_the_enumeration_covers_every_admin_url_and_the_markers_are_visible_to_their_owners(staff, secrets):
    # A test that requested nothing, or whose markers no page ever shows, would pass whatever the admin did.
    names = {name for _path, name in admin_urls()}
    assert {
        "view_on_site",
        "autocomplete",
        "jsi18n",
        "news_publication_simple_history",
        "app_list",
        "preview",
    } <= names
    assert "Kestrel summit" in staff["press"].get("/admin/news/publication/").text
    assert "Harrier Times" in staff["press"].get("/admin/news/embargolinkuse/").text
    assert "Merlin consular point" in staff["consular"].get("/admin/consular/consularoffice/").text


def test_view_on_site_sends_press_staff_to_their_embargo_link(staff, secrets):
    link = EmbargoLink.objects.get()
    content_type = ContentType.objects.get_for_model(EmbargoLink)

    response = staff["press"].get(reverse("admin:view_on_site", args=[content_type.pk, link.pk]))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == link.get_absolute_url()


@pytest.mark.parametrize("role", ["consular", NO_ROLE])
def test_view_on_site_gives_nothing_of_an_embargo_link_or_a_draft_to_other_staff(role, staff, secrets):
    client = staff[role]
    link = EmbargoLink.objects.get()
    draft = Publication.objects.get(slug="kestrel-summit-draft")
    for obj in (link, draft):
        content_type = ContentType.objects.get_for_model(obj)

        response = client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))
        missing = client.get(reverse("admin:view_on_site", args=[content_type.pk, 999999]))

        assert response.status_code == 404  # as for an id that does not exist: nothing to learn
        assert missing.status_code == 404
        assert "Location" not in response


def test_no_admin_url_is_a_server_error_even_for_a_superuser(secrets, django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.get(username="root"))

    errors = [f"GET {path} ({name})" for path, name in admin_urls() if client.get(path).status_code >= 500]

    assert errors == []
