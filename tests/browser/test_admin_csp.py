"""The strict Content-Security-Policy leaves the admin working: no script or style it needs is refused.

Scripts are as strict as on public pages; style-src allows inline style only on the publication forms,
for the rich-text editor, and one style attribute by its hash on the list of a publication's versions
(embassy.middleware.admin_style_policy).
"""

import pytest

from news.models import Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(browser, live_server, admin_user, client):
    client.force_login(admin_user)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.refused = refused
    yield page
    context.close()


def test_admin_pages_run_under_the_policy(staff_page, make_publication):
    publication = make_publication()
    publication.title_en = "Second version"
    publication.save()
    earlier = publication.history.earliest()
    paths = [
        # The version form (to restore it) carries the editor, with this response's nonce.
        f"/admin/news/publication/{publication.pk}/history/{earlier.history_id}/",
        # The list of versions: one style attribute, allowed by its hash.
        f"/admin/news/publication/{publication.pk}/history/",
        "/admin/",
        "/admin/news/publication/",
        "/admin/news/publication/add/",
        f"/admin/news/publication/{publication.pk}/change/",
        "/admin/news/category/add/",
        "/admin/counters/counter/add/",
        "/admin/counters/clock/add/",
        "/admin/consular/consularoffice/add/",
    ]
    for path in paths:
        staff_page.refused.append(f"-- {path}")
        response = staff_page.goto(path)
        policy = dict(
            part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";")
        )
        assert policy["script-src"].startswith("'self'")
        assert "unsafe" not in policy["script-src"]  # a nonce may follow 'self'; nothing unsafe
        staff_page.wait_for_load_state("networkidle")

    assert [line for line in staff_page.refused if not line.startswith("--")] == [], staff_page.refused
    assert Publication.objects.count() == 1
