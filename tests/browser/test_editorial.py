"""A press officer publishes Monday's draft on Wednesday, and restores an earlier text of a withdrawn
story, in the browser: the draft is dated Wednesday, the story stays withdrawn at its address."""

from datetime import UTC, datetime

import pytest
import time_machine

from news.models import ChangeNote, Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
WEDNESDAY = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def log_in(page, admin_user):
    page.goto("/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_a_draft_published_from_its_form_on_wednesday_is_dated_wednesday(page, admin_user, make_publication):
    with time_machine.travel(MONDAY, tick=False):
        draft = make_publication(title_en="Started on Monday", status=Publication.Status.DRAFT)
    with time_machine.travel(TUESDAY, tick=False):
        make_publication(title_en="Published on Tuesday")

    with time_machine.travel(WEDNESDAY):
        log_in(page, admin_user)
        page.goto(f"/admin/news/publication/{draft.pk}/change/")
        page.select_option("#id_status", "published")
        page.click("input[name=_save]")
        message = page.locator(".messagelist").inner_text()
        archive = page.goto("/en/news/").text()

    draft.refresh_from_db()
    assert (draft.published_at - WEDNESDAY).total_seconds() < 60
    assert "“Started on Monday” went live now, 2 December 2026, 15:00 GMT" in message
    assert archive.index("Started on Monday") < archive.index("Published on Tuesday")


def test_restoring_the_first_text_of_a_withdrawn_story_keeps_it_withdrawn(
    page, browser, live_server, admin_user, make_publication
):
    with time_machine.travel(MONDAY, tick=False):
        story = make_publication(
            title_en="Talks in Geneva", slug="talks-in-geneva", body_en="<p>The talks began on 3 May.</p>"
        )
    first = story.history.get()
    with time_machine.travel(TUESDAY, tick=False):
        story.slug, story.body_en = "geneva-talks", "<p>The talks began on 4 May.</p>"
        story.save()
        ChangeNote.objects.create(publication=story, note_en="Corrected the date.", note_ru="Исправлено.")
    with time_machine.travel(WEDNESDAY, tick=False):
        story.status = Publication.Status.WITHDRAWN
        story.withdrawal_reason_en, story.withdrawal_reason_ru = "Superseded.", "Устарело."
        story.save()

    with time_machine.travel(WEDNESDAY):
        log_in(page, admin_user)
        page.goto(f"/admin/news/publication/{story.pk}/history/")
        page.click(f"a[href$='/history/{first.history_id}/']")  # the first version: "Revert"
        assert "Nothing changes until you save." in page.locator(".messagelist").inner_text()
        assert "3 May" in page.locator("#tab_id_body_en").get_by_role("textbox").inner_text()
        assert page.input_value("#id_status") == "withdrawn"
        assert page.input_value("#id_slug") == "geneva-talks"

        page.click("input[name=_save]")  # the note about the corrected date would stand over 3 May
        assert "describe as changed: “Corrected the date.”" in page.locator(".errorlist.nonform").inner_text()
        page.check("input[name='change_notes-0-DELETE']")
        page.click("input[name=_save]")
        page.wait_for_url("**/admin/news/publication/")

        visitor = browser.new_context(base_url=live_server.url).new_page()
        public = visitor.goto(f"/en/news/{story.category.slug}/geneva-talks/")
        text = visitor.content()
        visitor.context.close()

    story.refresh_from_db()
    assert (story.status, story.slug) == (Publication.Status.WITHDRAWN, "geneva-talks")
    assert public.status == 200
    assert "This publication was withdrawn" in text and "The talks began on 3 May." in text
    assert "Corrected the date." not in text
