"""A visitor reads the site in a real Chromium."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_follows_all_messages_opens_an_article_and_switches_language(page):
    call_command("load_demo")

    page.goto("/en/")
    assert page.locator("h2", has_text="Latest events").is_visible()
    page.get_by_role("link", name="All messages").last.click()
    page.wait_for_url("**/en/news/")
    assert page.locator("h1").inner_text() == "All messages"

    page.get_by_role("link", name="President Putin's telephone conversation").click()
    page.wait_for_url("**/en/news/events/**")
    assert "Boris Johnson" in page.locator("h1").inner_text()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    page.wait_for_url("**/ru/news/events/**")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Джонсон" in page.locator("h1").inner_text()


def test_skip_link_moves_focus_to_the_content(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
