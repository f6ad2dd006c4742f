"""Every public page is valid HTML (W3C Nu checker) and has no axe-core violations."""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from news.models import EmbargoLink, Publication

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.django_db(transaction=True)


def public_paths():
    """One address of every kind of public page, in both languages."""
    published = Publication.objects.published().select_related("category")
    bilingual = published.in_language("ru").first()
    english_only = published.filter(title_ru="").first()
    paths = ["/en/", "/ru/", "/en/news/", "/ru/news/?page=1", "/en/news/speeches/", "/ru/news/events/"]
    for publication, language in [(bilingual, "en"), (bilingual, "ru"), (english_only, "en")]:
        paths.append(f"/{language}/news/{publication.category.slug}/{publication.slug}/")
    paths += ["/en/consular/", "/ru/consular/", "/en/no-such-page/", "/ru/news/?page=99"]
    # A journalist's embargo link that was withdrawn: its page says so (410) and names the press office.
    embargoed = Publication.objects.create(
        slug="embargoed-statement",
        title_en="Embargoed statement",
        title_ru="Заявление под эмбарго",
        body_en="<p>Text.</p>",
        body_ru="<p>Текст.</p>",
        category=bilingual.category,
        status=Publication.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=2),
    )
    withdrawn_link = EmbargoLink.objects.create(
        publication=embargoed,
        recipient="Reuters",
        expires_at=timezone.now() + timedelta(hours=1),
        is_revoked=True,
    )
    with translation.override("ru"):
        paths += [withdrawn_link.get_absolute_url()]
    with translation.override("en"):
        paths += [withdrawn_link.get_absolute_url()]
    paths += [
        "/en/search/",
        "/en/search/?q=Lavrov+talks&year=2021",
        "/ru/search/?q=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2",
    ]
    return paths


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_public_pages_are_valid_html(client, demo, tmp_path):
    if not shutil.which("java") or not VNU.exists():
        pytest.fail("The Nu checker needs Java and `npm install` (vnu-jar); make test installs it.")
    files = []
    for number, path in enumerate(public_paths()):
        response = client.get(path)
        assert response.status_code in (200, 404, 410), path
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files.append((file, path))

    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-css", *[str(f) for f, _ in files]],
        capture_output=True,
        text=True,
        timeout=180,
    )

    paths = {str(file.as_uri()): path for file, path in files}
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [
        f"{paths.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "warning"
    ]
    assert problems == []


@pytest.mark.browser
def test_public_pages_have_no_axe_violations(browser, live_server, demo):
    if not AXE.exists():
        pytest.fail("axe-core is missing: `npm install` (make test installs it).")
    axe_source = AXE.read_text()
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    problems = []
    for path in public_paths():
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(path)
            page.evaluate(axe_source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            problems += [
                f"{path} @{width}px: {violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
                for violation in result["violations"]
            ]
    context.close()
    assert problems == []
