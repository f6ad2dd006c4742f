"""A press officer writes a statement with the editor, schedules it, previews it and sees it go live."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from news.models import Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_press_officer_writes_schedules_previews_and_sees_it_go_live(
    browser, live_server, admin_user, category
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    go_live = timezone.localtime() + timedelta(hours=1)
    page.goto("/admin/news/publication/add/")
    page.fill("#id_title_en", "Statement on the anniversary")
    page.fill("#id_lead_en", "The Embassy marks the anniversary.")
    editor = page.locator("#tab_id_body_en").get_by_role("textbox")
    editor.click()
    page.keyboard.type("The Embassy marks the anniversary of diplomatic relations.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Question:")
    page.keyboard.press("Control+b")
    page.keyboard.type(" What comes next?")
    page.select_option("#id_category", str(category.pk))
    page.select_option("#id_status", "published")
    page.fill("#id_published_at_0", go_live.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", go_live.strftime("%H:%M:%S"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    publication = Publication.objects.get(title_en="Statement on the anniversary")
    assert publication.state == "scheduled"
    assert "<strong>Question:</strong>" in publication.body_en
    assert 'id="question-1"' in publication.body_en

    with context.expect_page() as preview_opened:
        page.locator(".field-preview_links a", has_text="EN").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "Statement on the anniversary"
    assert "Preview for staff" in preview.locator(".notice--preview").inner_text()

    visitor = browser.new_context(base_url=live_server.url).new_page()
    public_path = f"/en/news/{category.slug}/{publication.slug}/"
    assert visitor.goto(public_path).status == 404
    assert "Statement on the anniversary" not in visitor.goto("/en/news/").text()

    with time_machine.travel(go_live + timedelta(seconds=1)):
        assert visitor.goto(public_path).status == 200
        assert visitor.locator("h1").inner_text() == "Statement on the anniversary"
        assert "Statement on the anniversary" in visitor.goto("/en/news/").text()
    context.close()
    visitor.context.close()
