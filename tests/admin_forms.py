"""Reading the admin's change forms as a browser would, to post them back."""

import re
from html.parser import HTMLParser

from django.http import QueryDict
from django.test import Client

from embassy.roles import grant


def opened_version(response):
    """The version a change form was opened at (its hidden field), to post with the form's data."""
    match = re.search(r'name="edit_version" value="([^"]*)"', response.text)
    assert match, "the change form carries no version"
    return match[1]


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = QueryDict(mutable=True)
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.appendlist(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.data.appendlist(name, attrs.get("value", ""))
        elif tag == "select" and name and "disabled" not in attrs:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.appendlist(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.appendlist(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None


def form_data(response, **changes):
    """What the change form in `response` posts back as it is shown, with `changes` typed in
    (the inlines' empty templates left out, as the admin's JavaScript does)."""
    reader = _FormReader()
    reader.feed(response.text)
    data = {key: values for key, values in reader.data.lists() if "__prefix__" not in key}
    data.pop("csrfmiddlewaretoken", None)
    data.update({key: [value] for key, value in changes.items()})
    return {key: values if len(values) > 1 else values[0] for key, values in data.items()}


def staff_browsers(user_model, role, *names):
    """A browser (test client) for each of `names`, logged in as a member of `role`."""
    browsers = []
    for name in names:
        user = user_model.objects.create_user(username=name, first_name=name.title())
        grant(user, role)
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    return browsers


def log_in(client, user, password="a long enough password"):
    """Log `user` in through the admin's login page, as a browser does: the session cookie comes
    with the signed-in mark the page cache trusts (embassy.middleware.mark_signed_in), which
    force_login does not give."""
    user.set_password(password)
    user.save()
    response = client.post("/admin/login/", {"username": user.username, "password": password})
    assert response.status_code == 302, response
    return client


def list_data(response, pk, **changes):
    """What the admin's list in `response` posts back on "Save", with `changes` typed into the row of
    the item `pk` (False unticks a box)."""
    data = form_data(response)
    row = next(
        key.split("-")[1]
        for key, value in data.items()
        if re.fullmatch(r"form-\d+-id", key) and value == str(pk)
    )
    for name, value in changes.items():
        if value is False:
            data.pop(f"form-{row}-{name}", None)
        else:
            data[f"form-{row}-{name}"] = "on" if value is True else str(value)
    return {**data, "_save": "Save"}
