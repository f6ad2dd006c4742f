"""Editorial integrity in the admin, as press staff meet it: the time an item goes live with, what a
restore of an earlier version brings back, which dates are accepted, what the list's actions report."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from news.admin import published_and_scheduled
from news.models import ChangeNote, EmbargoLink, EmbargoLinkUse, Publication
from tests.admin_forms import opened_version

from .helpers import change_form, post_change, publication_time

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
WEDNESDAY = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
LIST = "/admin/news/publication/"


@pytest.fixture
def staff_client(client, admin_user, settings):
    # These tests travel across days from the suite's fixed instant: one login lasts the whole week.
    settings.SESSION_COOKIE_AGE = 5 * 365 * 24 * 60 * 60
    client.force_login(admin_user)
    return client


def as_shown(publication):
    """The publication time's hidden "initial" fields, which a browser posts back with the form."""
    return {f"initial-{name}": value for name, value in publication_time(publication.published_at).items()}


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Publishing from the form: a draft that goes live now is dated now


def test_a_draft_published_from_its_form_goes_live_now_not_when_it_was_started(
    staff_client, make_publication
):
    with time_machine.travel(MONDAY, tick=False):
        draft = make_publication(title_en="Started on Monday", status=Publication.Status.DRAFT)
    with time_machine.travel(TUESDAY, tick=False):
        make_publication(title_en="Published on Tuesday")

    with time_machine.travel(WEDNESDAY, tick=False):
        response = post_change(staff_client, draft, status=Publication.Status.PUBLISHED, **as_shown(draft))
        draft.refresh_from_db()
        archive = staff_client.get("/en/news/").text
        followed = staff_client.get(response.url)

    assert response.status_code == 302
    assert draft.published_at == WEDNESDAY
    assert archive.index("Started on Monday") < archive.index("Published on Tuesday")  # newest first
    assert any(
        "“Started on Monday” went live now, 2 December 2026, 15:00 GMT" in message
        for message in messages_of(followed)
    )


def test_a_new_publication_saved_as_published_is_dated_when_it_is_saved_not_when_its_form_was_opened(
    staff_client, category
):
    opened = WEDNESDAY - timedelta(minutes=40)
    with time_machine.travel(opened, tick=False):
        add_form = staff_client.get(f"{LIST}add/").text
    # The time the form showed, which the browser posts back beside the time field as it was left.
    shown = {
        name: re.search(rf'name="{name}" value="([^"]+)"', add_form).group(1)
        for name in ("initial-published_at_0", "initial-published_at_1")
    }
    assert shown == {f"initial-{name}": value for name, value in publication_time(opened).items()}
    form = change_form(
        Publication(
            title_en="Written in one sitting",
            slug="one-sitting",
            category=category,
            lead_en="Lead.",
            body_en="<p>Text.</p>",
            status=Publication.Status.PUBLISHED,
            published_at=opened,
        ),
        title_ru="",
        lead_ru="",
        body_ru="",
        **shown,
    )

    with time_machine.travel(WEDNESDAY, tick=False):
        response = staff_client.post(f"{LIST}add/", form)

    assert response.status_code == 302
    assert Publication.objects.get(slug="one-sitting").published_at == WEDNESDAY


def test_a_past_time_typed_in_the_form_backdates_the_draft_and_the_editor_is_told(
    staff_client, make_publication
):
    first_appeared = datetime(2015, 3, 14, 10, 0, tzinfo=UTC)  # an archive item, entered late
    with time_machine.travel(MONDAY, tick=False):
        draft = make_publication(title_en="Speech of 2015", status=Publication.Status.DRAFT)

    with time_machine.travel(WEDNESDAY, tick=False):
        response = post_change(
            staff_client,
            draft,
            status=Publication.Status.PUBLISHED,
            **as_shown(draft),
            **publication_time(first_appeared),
        )
        draft.refresh_from_db()
        followed = staff_client.get(response.url)

    assert draft.published_at == first_appeared
    assert any(
        "“Speech of 2015” is published with the time you gave, 14 March 2015, 10:00 GMT" in message
        for message in messages_of(followed)
    )


def test_a_future_time_in_the_form_schedules_the_draft(staff_client, make_publication):
    friday = WEDNESDAY + timedelta(days=2)
    with time_machine.travel(MONDAY, tick=False):
        draft = make_publication(status=Publication.Status.DRAFT)

    with time_machine.travel(WEDNESDAY, tick=False):
        scheduling = {"status": Publication.Status.PUBLISHED, **as_shown(draft), **publication_time(friday)}
        post_change(staff_client, draft, **scheduling)
        draft.refresh_from_db()
        assert (draft.published_at, draft.state) == (friday, "scheduled")


def test_an_item_set_back_to_draft_and_published_again_from_its_form_keeps_its_date(
    staff_client, make_publication
):
    with time_machine.travel(MONDAY, tick=False):
        item = make_publication(title_en="Out since Monday", published_at=MONDAY)
    with time_machine.travel(TUESDAY, tick=False):
        item.status = Publication.Status.DRAFT  # taken down to correct a typo
        item.save()

    with time_machine.travel(WEDNESDAY, tick=False):
        post_change(staff_client, item, status=Publication.Status.PUBLISHED, **as_shown(item))
        item.refresh_from_db()

    assert (item.status, item.published_at) == (Publication.Status.PUBLISHED, MONDAY)


# Scheduling from the form says when the publication will go live

SCHEDULED_MESSAGES = {
    "en": "“Talks in Geneva” is scheduled to go live on 1 February 2027, 10:00 GMT.",
    "ru": "Публикация «Talks in Geneva» выйдет на сайте 1 февраля 2027, 10:00 GMT.",
}


def scheduled_messages(response):
    return [m for m in messages_of(response) if "scheduled to go live" in m or "выйдет на сайте" in m]


@pytest.mark.parametrize("language", SCHEDULED_MESSAGES)
@time_machine.travel(WEDNESDAY, tick=False)
def test_a_draft_scheduled_from_its_form_says_when_it_will_go_live(staff_client, make_publication, language):
    draft = make_publication(title_en="Talks in Geneva", status=Publication.Status.DRAFT)
    url = f"{LIST}{draft.pk}/change/"
    scheduled = change_form(
        draft,
        status=Publication.Status.PUBLISHED,
        **publication_time(datetime(2027, 2, 1, 10, 0, tzinfo=UTC)),
        edit_version=opened_version(staff_client.get(url)),
    )

    response = staff_client.post(url, scheduled, follow=True, HTTP_ACCEPT_LANGUAGE=language)

    assert scheduled_messages(response) == [SCHEDULED_MESSAGES[language]]
    draft.refresh_from_db()
    assert draft.state == "scheduled"


@time_machine.travel(WEDNESDAY, tick=False)
def test_an_edit_of_a_scheduled_item_says_its_time_again_only_when_the_time_moves(
    staff_client, make_publication
):
    item = make_publication(title_en="Talks in Geneva", published_at=datetime(2027, 2, 1, 9, 0, tzinfo=UTC))
    url = f"{LIST}{item.pk}/change/"

    def save(**changes):
        form = change_form(item, edit_version=opened_version(staff_client.get(url)), **changes)
        return staff_client.post(url, form, follow=True)

    relead = save(lead_en="A better lead.")
    moved = save(**publication_time(datetime(2027, 2, 1, 10, 0, tzinfo=UTC)))

    assert scheduled_messages(relead) == []
    assert scheduled_messages(moved) == [SCHEDULED_MESSAGES["en"]]


# The list's "Publish" says what went live and what is only scheduled


def test_bulk_publish_reports_published_and_scheduled_separately(staff_client, make_publication):
    with time_machine.travel(MONDAY, tick=False):
        draft = make_publication(status=Publication.Status.DRAFT)
        ahead = make_publication(
            status=Publication.Status.DRAFT, published_at=datetime(2030, 12, 4, 10, 0, tzinfo=UTC)
        )

    with time_machine.travel(WEDNESDAY, tick=False):
        response = staff_client.post(
            LIST, {"action": "publish", "_selected_action": [draft.pk, ahead.pk]}, follow=True
        )

    assert "1 publication published; 1 scheduled for 4 December 2030, 10:00 GMT." in messages_of(response)
    assert not any("2 publications published" in message for message in messages_of(response))


@time_machine.travel(WEDNESDAY, tick=False)
def test_the_bulk_publish_report_has_russian_plurals(make_publication):
    scheduled = [make_publication(published_at=datetime(2030, 12, 4, 10, 0, tzinfo=UTC)) for _ in range(2)]

    with translation.override("ru"):
        assert published_and_scheduled(1, scheduled) == (
            "1 публикация опубликована; 2 запланированы на 4 декабря 2030, 10:00 GMT."
        )
        assert published_and_scheduled(5, []) == "5 публикаций опубликовано."


# Dates must be plausible, and no date link of the admin's list fails


@pytest.mark.parametrize(
    "typed", [datetime(1, 1, 1, 12, 0, tzinfo=UTC), datetime(9999, 12, 31, 12, 0, tzinfo=UTC)]
)
def test_an_implausible_publication_time_is_refused_on_its_field(staff_client, make_publication, typed):
    with time_machine.travel(WEDNESDAY, tick=False):
        item = make_publication(title_en="Dated with care", published_at=WEDNESDAY)
        typed_fields = {"published_at_0": f"{typed.year:04}-{typed:%m-%d}", "published_at_1": "12:00:00"}
        response = post_change(staff_client, item, title_en="Retitled", **typed_fields)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["published_at"]
    assert errors == [
        f"{typed.day} {typed:%B} {typed.year:04} cannot be right: choose a date from 1 January 1990 to "
        "2 December 2031 (five years ahead)."
    ]
    item.refresh_from_db()
    assert (item.title_en, item.published_at) == ("Dated with care", WEDNESDAY)


@time_machine.travel(WEDNESDAY, tick=False)
def test_an_implausible_change_note_date_is_refused(make_publication):
    far = datetime(9999, 12, 31, tzinfo=UTC)
    note = ChangeNote(publication=make_publication(), noted_at=far, note="Fixed.")

    with pytest.raises(ValidationError, match="cannot be right"):
        note.full_clean()


@time_machine.travel(WEDNESDAY, tick=False)
def test_an_item_with_an_odd_old_date_can_be_taken_down_but_not_published(staff_client, make_publication):
    odd = make_publication(title_en="Imported oddly")
    Publication.objects.filter(pk=odd.pk).update(published_at=datetime(1900, 1, 1, tzinfo=UTC))
    draft = make_publication(title_en="Typed as 9999", status=Publication.Status.DRAFT)
    Publication.objects.filter(pk=draft.pk).update(published_at=datetime(9999, 12, 31, tzinfo=UTC))

    staff_client.post(LIST, {"action": "unpublish", "_selected_action": [odd.pk]})
    response = staff_client.post(LIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)

    odd.refresh_from_db()
    draft.refresh_from_db()
    assert odd.status == Publication.Status.UNPUBLISHED
    assert draft.status == Publication.Status.DRAFT
    assert any("Typed as 9999" in m and "cannot be right" in m for m in messages_of(response))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?published_at__year=9999",
        "?published_at__year=9999&published_at__month=12",
        "?published_at__year=9999&published_at__month=12&published_at__day=31",
        "?published_at__year=1",
        "?published_at__year=1&published_at__month=1&published_at__day=1",
        "?published_at__year=10000",
        "?published_at__year=0",
        "?published_at__year=2026&published_at__month=13",
    ],
)
@time_machine.travel(WEDNESDAY, tick=False)
def test_no_date_link_of_the_publication_list_fails(staff_client, make_publication, query):
    far = make_publication(title_en="Far ahead")
    early = make_publication(title_en="Long ago")
    # Rows saved before dates were checked (or imported), as the report found them.
    Publication.objects.filter(pk=far.pk).update(published_at=datetime(9999, 12, 31, 12, 0, tzinfo=UTC))
    Publication.objects.filter(pk=early.pk).update(published_at=datetime(1, 1, 1, 12, 0, tzinfo=UTC))

    response = staff_client.get(f"{LIST}{query}", follow=True)

    assert response.status_code == 200
    if query.startswith("?published_at__year=9999"):
        assert "Far ahead" in response.text and "Long ago" not in response.text


EDGES_OF_TIME = {
    "the first instant": datetime(1, 1, 1, tzinfo=UTC),  # before year 1 in London's 1 January 0001 LMT
    "the last instant": datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?published_at__year=1",
        "?published_at__year=1&published_at__month=1",
        "?published_at__year=1&published_at__month=1&published_at__day=1",
        "?published_at__year=9999",
        "?published_at__year=9999&published_at__month=12",
        "?published_at__year=9999&published_at__month=12&published_at__day=31",
    ],
)
@pytest.mark.parametrize("stored", EDGES_OF_TIME.values(), ids=EDGES_OF_TIME.keys())
@time_machine.travel(WEDNESDAY, tick=False)
def test_the_publication_list_shows_a_row_stored_at_the_edge_of_time(
    staff_client, make_publication, stored, query
):
    edge = make_publication(title_en="At the edge")
    make_publication(title_en="Ordinary")
    Publication.objects.filter(pk=edge.pk).update(published_at=stored)

    response = staff_client.get(f"{LIST}{query}", follow=True)

    assert response.status_code == 200
    if not query:
        assert "At the edge" in response.text and "Ordinary" in response.text


@pytest.mark.parametrize(
    "query", ["?used_at__year=9999", "?used_at__year=9999&used_at__month=12&used_at__day=31"]
)
@time_machine.travel(WEDNESDAY, tick=False)
def test_no_date_link_of_the_access_log_fails(staff_client, make_publication, query):
    link = EmbargoLink.objects.create(
        publication=make_publication(published_at=WEDNESDAY + timedelta(days=1)),
        expires_at=WEDNESDAY + timedelta(hours=1),
    )
    EmbargoLinkUse.objects.create(link=link)

    assert staff_client.get(f"/admin/news/embargolinkuse/{query}", follow=True).status_code == 200


# Restoring an earlier version brings back its text, for review, and nothing else


@pytest.fixture
def withdrawn_story(make_publication):
    """A story that was live as "talks-in-geneva", then moved, corrected with a public note, and withdrawn:
    (the publication, its first version)."""
    with time_machine.travel(MONDAY, tick=False):
        item = make_publication(
            title_en="Talks in Geneva", slug="talks-in-geneva", body_en="<p>The talks began on 3 May.</p>"
        )
    first = item.history.get()
    with time_machine.travel(TUESDAY, tick=False):
        item.slug, item.body_en = "geneva-talks", "<p>The talks began on 4 May.</p>"
        item.save()
        ChangeNote.objects.create(publication=item, note_en="Corrected the date.", note_ru="Исправлена дата.")
    with time_machine.travel(WEDNESDAY, tick=False):
        item.status = Publication.Status.WITHDRAWN
        item.withdrawal_reason_en, item.withdrawal_reason_ru = "Superseded.", "Устарело."
        item.save()
    return item, first


def restore_url(item, version):
    return f"{LIST}{item.pk}/history/{version.history_id}/"


def test_a_restore_fills_in_the_old_text_for_review_and_keeps_the_status_address_and_notice(
    staff_client, withdrawn_story
):
    item, first = withdrawn_story

    with time_machine.travel(WEDNESDAY + timedelta(hours=1), tick=False):
        response = staff_client.get(restore_url(item, first))

    html = response.text
    assert response.status_code == 200
    assert "The talks began on 3 May." in html  # the old text, to review
    assert '<option value="withdrawn" selected>' in html  # the current status
    assert 'name="slug" value="geneva-talks"' in html  # the current address
    assert "Superseded." in html  # the current notice
    said = " ".join(messages_of(response))
    assert "Nothing changes until you save." in said
    assert "“Corrected the date.”" in said  # the note written since, about a change this undoes
    item.refresh_from_db()
    assert item.body_en == "<p>The talks began on 4 May.</p>"  # nothing saved by looking


def restore_note():
    """The change-note row an editor adds to say what a restore brought back, dated Wednesday."""
    return {
        "change_notes-TOTAL_FORMS": "1",
        "change_notes-0-note_en": "Restored the original text.",
        "change_notes-0-note_ru": "Восстановлен исходный текст.",
        **{f"change_notes-0-noted_at_{i}": v for i, v in enumerate(publication_time(WEDNESDAY).values())},
    }


def test_a_restored_withdrawn_item_stays_withdrawn_at_its_address_with_its_notice(
    staff_client, client, withdrawn_story
):
    item, first = withdrawn_story
    restored = change_form(item, body_en=first.body_en)
    note = restore_note()

    with time_machine.travel(WEDNESDAY + timedelta(hours=1), tick=False):
        restored["edit_version"] = opened_version(staff_client.get(restore_url(item, first)))
        refused = staff_client.post(restore_url(item, first), restored)
        item.refresh_from_db()
        assert refused.status_code == 200  # the note about the date would stand over the old date
        assert item.body_en == "<p>The talks began on 4 May.</p>"
        assert "describe as changed: “Corrected the date.”" in refused.text

        saved = staff_client.post(restore_url(item, first), {**restored, **note})
        item.refresh_from_db()
        page = client.get(f"/en/news/{item.category.slug}/geneva-talks/")
        old_address = client.get(f"/en/news/{item.category.slug}/talks-in-geneva/")

    assert saved.status_code == 302
    assert item.status == Publication.Status.WITHDRAWN
    assert item.body_en == "<p>The talks began on 3 May.</p>"
    assert "This publication was withdrawn" in page.text and "Superseded." in page.text
    assert "Restored the original text." in page.text
    assert old_address.status_code == 301 and old_address.url.endswith("/geneva-talks/")
    assert item.history.first().history_change_reason.startswith("Restored the text of")


RESTORE_REASONS = {
    "en": "Restored the text of 30 November 2026, 09:00 GMT",
    "ru": "Восстановлен текст от 30 ноября 2026, 09:00 GMT",
}


@pytest.mark.parametrize("language", RESTORE_REASONS)
def test_the_history_says_in_the_officers_language_which_texts_time_a_restore_brought_back(
    staff_client, withdrawn_story, language
):
    item, first = withdrawn_story
    restored = change_form(item, body_en=first.body_en)
    note = restore_note()

    with time_machine.travel(WEDNESDAY + timedelta(hours=1), tick=False):
        restored["edit_version"] = opened_version(staff_client.get(restore_url(item, first)))
        saved = staff_client.post(
            restore_url(item, first), {**restored, **note}, HTTP_ACCEPT_LANGUAGE=language
        )

    assert saved.status_code == 302
    assert item.history.first().history_change_reason == RESTORE_REASONS[language]


def test_a_restored_unpublished_item_stays_gone(staff_client, client, make_publication):
    with time_machine.travel(MONDAY, tick=False):
        item = make_publication(title_en="Taken down later")
    first = item.history.get()
    with time_machine.travel(TUESDAY, tick=False):
        item.title_en, item.status = "Taken down", Publication.Status.UNPUBLISHED
        item.save()

    with time_machine.travel(WEDNESDAY, tick=False):
        opened = staff_client.get(restore_url(item, first))
        shown = opened.text
        response = staff_client.post(
            restore_url(item, first),
            change_form(item, title_en=first.title_en, edit_version=opened_version(opened)),
        )
        item.refresh_from_db()
        page = client.get(f"/en/news/{item.category.slug}/{item.slug}/")

    assert '<option value="unpublished" selected>' in shown
    assert response.status_code == 302
    assert (item.title_en, item.status) == ("Taken down later", Publication.Status.UNPUBLISHED)
    assert page.status_code == 410


def test_a_deleted_publication_is_not_brought_back_by_a_restore(staff_client, client, make_publication):
    with time_machine.travel(MONDAY, tick=False):
        item = make_publication(title_en="Deleted for good")
    first = item.history.get()
    form = change_form(item)
    item.delete()

    with time_machine.travel(WEDNESDAY, tick=False):
        response = staff_client.post(restore_url(item, first), form)

    assert response.status_code == 302
    assert not Publication.objects.filter(pk=first.id).exists()
    assert client.get(f"/en/news/{first.category.slug}/{first.slug}/").status_code == 404


def test_save_and_continue_after_a_restore_goes_on_in_the_ordinary_form(staff_client, make_publication):
    with time_machine.travel(MONDAY, tick=False):
        item = make_publication(title_en="First title")
    first = item.history.get()
    with time_machine.travel(TUESDAY, tick=False):
        item.title_en = "Second title"
        item.save()

    with time_machine.travel(WEDNESDAY, tick=False):
        opened = opened_version(staff_client.get(restore_url(item, first)))
        response = staff_client.post(
            restore_url(item, first),
            {**change_form(item, title_en="First title", edit_version=opened), "_continue": "1"},
        )

    assert response.url == f"{LIST}{item.pk}/change/"
    item.refresh_from_db()
    assert item.title_en == "First title"


def test_bulk_publish_counts_only_what_it_published(staff_client, make_publication):
    with time_machine.travel(MONDAY, tick=False):
        live = make_publication()
        empty_draft = make_publication(
            status=Publication.Status.DRAFT,
            title_en="",
            lead_en="",
            body_en="",
            title_ru="",
            lead_ru="",
            body_ru="",
        )

    with time_machine.travel(WEDNESDAY, tick=False):
        response = staff_client.post(
            LIST, {"action": "publish", "_selected_action": [live.pk, empty_draft.pk]}, follow=True
        )

    assert "0 publications published." in messages_of(response)
    assert not any("1 publication published" in message for message in messages_of(response))
    assert any(message.startswith("Not changed:") for message in messages_of(response))


# An embargo holds a text back for days or weeks: a link good for years is a slip of the keyboard


@time_machine.travel(WEDNESDAY, tick=False)
@pytest.mark.parametrize(
    ("ahead", "accepted"),
    [(timedelta(days=366), True), (timedelta(days=367), False), (timedelta(days=3650), False)],
)
def test_an_embargo_link_lasts_at_most_a_year(make_publication, ahead, accepted):
    scheduled = make_publication(published_at=WEDNESDAY + timedelta(days=400))
    link = EmbargoLink(publication=scheduled, recipient="Harrier Times", expires_at=WEDNESDAY + ahead)

    if accepted:
        link.full_clean()
    else:
        with pytest.raises(ValidationError, match="An embargo link lasts at most a year"):
            link.full_clean()
