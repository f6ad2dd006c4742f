"""The editorial life of a publication: draft, scheduled, published, withdrawn, unpublished."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from news.models import ChangeNote, EmbargoLink, PreviousSlug, Publication

from .helpers import sitemap_entries, sitemap_pages

PATHS_THAT_LIST = ["/en/", "/en/news/", "/en/news/feed/rss/", "/en/news/feed/atom/"]


def detail_url(publication, language="en"):
    return f"/{language}/news/{publication.category.slug}/{publication.slug}/"


def listed_everywhere(client, publication):
    """Where the publication shows: its title in pages and feeds, its address in the sitemap."""
    marks = (publication.title_en, f"/{publication.slug}/")
    listed = {path: any(mark in client.get(path).text for mark in marks) for path in PATHS_THAT_LIST}
    listed["sitemap"] = any(f"/{publication.slug}/" in address for address in sitemap_entries(client))
    return listed


# Scheduling


def test_scheduled_item_appears_at_its_instant_everywhere_without_cron(client, make_publication):
    go_live = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(go_live - timedelta(hours=2), tick=False) as clock:
        item = make_publication(title_en="Embargoed statement", published_at=go_live)
        clock.move_to(go_live - timedelta(seconds=1))
        assert not any(listed_everywhere(client, item).values())
        assert client.get(detail_url(item)).status_code == 404

        clock.move_to(go_live + timedelta(seconds=1))
        assert all(listed_everywhere(client, item).values())
        assert client.get(detail_url(item)).status_code == 200


def test_state_reads_as_press_staff_speak(make_publication):
    assert make_publication(published_at=timezone.now() + timedelta(days=1)).state == "scheduled"
    assert make_publication().state == "published"
    assert make_publication(status=Publication.Status.DRAFT).state == "draft"


# Withdrawn and unpublished


EVERY_LIST = [
    "/{lang}/",
    "/{lang}/news/",
    "/{lang}/news/{category}/",
    "/{lang}/news/feed/rss/",
    "/{lang}/news/feed/atom/",
    "/{lang}/news/{category}/feed/rss/",
    "/{lang}/news/{category}/feed/atom/",
]


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn", "unpublished"])
def test_no_list_or_feed_in_any_language_shows_an_item_that_is_not_published(client, make_publication, state):
    changes = {
        "draft": {"status": Publication.Status.DRAFT},
        "scheduled": {"published_at": timezone.now() + timedelta(hours=1)},
        "withdrawn": {"status": Publication.Status.WITHDRAWN},
        "unpublished": {"status": Publication.Status.UNPUBLISHED},
    }[state]
    item = make_publication(title_en="Hidden statement", title_ru="Скрытое заявление", **changes)
    make_publication(title_en="Visible statement", title_ru="Видимое заявление")

    for lang, title, visible in [
        ("en", "Hidden statement", "Visible"),
        ("ru", "Скрытое заявление", "Видимое"),
    ]:
        for pattern in EVERY_LIST:
            body = client.get(pattern.format(lang=lang, category=item.category.slug)).text
            assert visible in body, pattern
            assert title not in body, (state, pattern)


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn", "unpublished"])
def test_staff_preview_every_state(client, admin_user, make_publication, state):
    changes = {
        "draft": {"status": Publication.Status.DRAFT},
        "scheduled": {"published_at": timezone.now() + timedelta(hours=1)},
        "withdrawn": {"status": Publication.Status.WITHDRAWN, "withdrawal_reason_en": "Outdated."},
        "unpublished": {"status": Publication.Status.UNPUBLISHED},
    }[state]
    item = make_publication(title_en="Any state", **changes)
    client.force_login(admin_user)

    response = client.get(f"/en/news/preview/{item.pk}/")

    assert response.status_code == 200
    assert "Any state" in response.text


def test_withdrawn_item_stays_readable_with_a_dated_notice_but_leaves_lists(client, make_publication):
    item = make_publication(title_en="Withdrawn statement")
    item.status = Publication.Status.WITHDRAWN
    item.withdrawal_reason_en = "Superseded by the statement of 27 October."
    item.save()

    page = client.get(detail_url(item))

    assert page.status_code == 200
    assert "This publication was withdrawn on" in page.text
    assert "Superseded by the statement of 27 October." in page.text
    for path in ("/en/", "/en/news/", "/en/news/feed/rss/"):
        assert "Withdrawn statement" not in client.get(path).text


def test_withdrawing_needs_a_reason(make_publication):
    item = make_publication(status=Publication.Status.WITHDRAWN)

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    # On each language's own field: the admin form has no field named "withdrawal_reason".
    assert {"withdrawal_reason_en", "withdrawal_reason_ru"} <= error.value.message_dict.keys()


def test_unpublished_item_is_gone(client, make_publication):
    item = make_publication(status=Publication.Status.UNPUBLISHED, title_en="Taken down")

    response = client.get(detail_url(item))

    assert response.status_code == 410
    assert "This publication has been removed" in response.text
    assert "Taken down" not in client.get("/en/news/").text


def test_old_address_of_an_unpublished_item_is_gone_too(client, make_publication):
    item = make_publication(slug="first-address")
    item.slug = "second-address"
    item.save()
    item.status = Publication.Status.UNPUBLISHED
    item.save()

    assert client.get(f"/en/news/{item.category.slug}/first-address/").status_code == 410


def test_unpublished_item_with_a_replacement_redirects_permanently(client, make_publication):
    replacement = make_publication()
    item = make_publication(status=Publication.Status.UNPUBLISHED, replaced_by=replacement)

    response = client.get(detail_url(item))

    assert response.status_code == 301
    assert response.url == detail_url(replacement)


WITHDRAWN = {"status": Publication.Status.WITHDRAWN, "withdrawal_reason_en": "Out of date."}


def test_a_withdrawn_items_notice_links_to_its_replacement(client, make_publication):
    replacement = make_publication(title_en="Corrected statement")
    item = make_publication(replaced_by=replacement, **WITHDRAWN)

    notice = client.get(detail_url(item)).text.split('class="notice notice--withdrawn"')[1].split("</div>")[0]

    assert "Out of date." in notice
    assert f'It has been replaced by: <a href="{detail_url(replacement)}">Corrected statement</a>' in notice


def test_a_withdrawn_items_notice_does_not_link_to_a_replacement_visitors_cannot_read(
    client, make_publication
):
    replacement = make_publication(title_en="Corrected statement")
    item = make_publication(replaced_by=replacement, **WITHDRAWN)
    replacement.status = Publication.Status.UNPUBLISHED  # taken down after it was chosen
    replacement.save()

    page = client.get(detail_url(item)).text

    assert "This publication was withdrawn on" in page
    assert "replaced by" not in page and detail_url(replacement) not in page


def test_a_replacement_must_be_one_visitors_can_read(make_publication):
    scheduled = make_publication(
        title_en="Tomorrow's statement", published_at=timezone.now() + timedelta(days=1)
    )
    unreadable = {
        "draft": make_publication(status=Publication.Status.DRAFT),
        "scheduled": scheduled,
        "unpublished": make_publication(status=Publication.Status.UNPUBLISHED),
    }
    for state in ({"status": Publication.Status.UNPUBLISHED}, WITHDRAWN):
        for label, replacement in unreadable.items():
            item = make_publication(**state)
            item.replaced_by = replacement  # chosen now

            with pytest.raises(ValidationError) as error:
                item.clean_replacement()

            message = error.value.message_dict["replaced_by"][0]
            assert f"“{replacement}” is {label}, so visitors could not follow it." in message


def test_a_readable_replacement_is_accepted_for_a_withdrawn_or_unpublished_item(make_publication):
    for replacement in (make_publication(), make_publication(**WITHDRAWN)):
        for state in ({"status": Publication.Status.UNPUBLISHED}, WITHDRAWN):
            make_publication(replaced_by=replacement, **state).clean_replacement()


@pytest.mark.parametrize("state", ["draft", "scheduled", "published"])
def test_only_a_withdrawn_or_unpublished_item_has_a_replacement(make_publication, state):
    changes = {
        "draft": {"status": Publication.Status.DRAFT},
        "scheduled": {"published_at": timezone.now() + timedelta(hours=1)},
        "published": {},
    }[state]
    item = make_publication(**changes)
    item.replaced_by = make_publication()  # chosen now

    with pytest.raises(ValidationError) as error:
        item.clean_replacement()

    assert "Only a withdrawn publication" in error.value.message_dict["replaced_by"][0]


def test_sitemap_holds_only_pages_that_answer(client, make_publication):
    live = make_publication()
    withdrawn = make_publication(status=Publication.Status.WITHDRAWN, withdrawal_reason_en="Outdated.")
    make_publication(status=Publication.Status.UNPUBLISHED, slug="gone-item")
    make_publication(status=Publication.Status.DRAFT, slug="draft-item")

    body = "".join(sitemap_pages(client))

    assert live.slug in body and withdrawn.slug in body
    assert "gone-item" not in body and "draft-item" not in body
    assert f"http://testserver{detail_url(live)}" in sitemap_entries(client)  # well-formed pages


# Publishing rules


def test_publishing_needs_one_complete_language(make_publication):
    item = make_publication(status=Publication.Status.DRAFT, body_en="", body_ru="")
    item.status = Publication.Status.PUBLISHED

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "status" in error.value.message_dict
    item.body_ru = "<p>Текст</p>"
    item.title_en = item.lead_en = ""
    item.full_clean()  # Russian alone is complete: publishable


def test_a_language_with_a_title_but_no_text_cannot_go_public(make_publication):
    """No half-translated pages: a Russian title alone would show a title-only Russian page."""
    item = make_publication(status=Publication.Status.DRAFT, lead_ru="", body_ru="")
    item.status = Publication.Status.PUBLISHED

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "RU version has a title but no text" in str(error.value.message_dict["status"])
    item.title_ru = ""
    item.full_clean()


# What the editor sends for a text left empty, and texts the sanitiser empties: none shows anything.
# An image alone is no text either: the body's allow-list has no <img> (pictures go in the gallery).
TEXTS_THAT_SHOW_NOTHING = [
    "<p></p><p></p>",
    "<p>&nbsp;</p><p><br></p>\n",
    "<script>alert(1)</script>",
    '<p><img src="/media/photo.jpg" alt=""></p>',
    "<p>\u200b</p>",
]


@pytest.mark.parametrize("nothing", TEXTS_THAT_SHOW_NOTHING)
def test_a_text_that_shows_nothing_is_no_text(make_publication, nothing):
    item = make_publication(status=Publication.Status.DRAFT)
    item.body_ru = nothing
    item.status = Publication.Status.PUBLISHED

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "RU version has a title but no text" in str(error.value.message_dict["status"])
    assert (item.complete_languages(), item.half_translated_languages()) == (["en"], ["ru"])


@pytest.mark.parametrize("nothing", TEXTS_THAT_SHOW_NOTHING)
def test_a_text_that_shows_nothing_is_stored_empty_and_the_language_incomplete(make_publication, nothing):
    item = make_publication(status=Publication.Status.DRAFT, body_ru=nothing)
    item.refresh_from_db()

    assert item.body_ru == ""
    assert not Publication.objects.complete_in("ru").filter(pk=item.pk).exists()
    assert Publication.objects.complete_in("en").filter(pk=item.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_texts_saved_before_as_empty_paragraphs_are_stored_empty_by_the_migration(
    back_to_the_latest_migrations,
):
    before, after = [("news", "0009_featured_index")], [("news", "0010_tidy_stored_texts")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        category = old.get_model("news", "Category").objects.create(slug="speeches", name_en="Speeches")
        old.get_model("news", "Publication").objects.create(
            category=category,
            slug="speech",
            **{"title_en": "Speech", "lead_en": "Lead.", "body_en": "<p>Text.</p>"},
            **{"title_ru": "Речь", "lead_ru": "Анонс.", "body_ru": "<p></p><p></p>"},
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)

    publications = Publication.objects.defer("version")  # a column of a later migration
    item = publications.get(slug="speech")
    assert (item.body_en, item.body_ru) == ("<p>Text.</p>", "")
    assert list(publications.complete_in("en")) == [item]
    assert list(publications.complete_in("ru")) == []


def test_a_short_real_text_is_a_text(make_publication):
    item = make_publication(body_ru="<p><strong>Да.</strong></p>")

    item.full_clean()
    assert item.complete_languages() == ["en", "ru"]


def test_a_draft_cannot_be_withdrawn(make_publication):
    draft = make_publication(status=Publication.Status.DRAFT)
    draft.status = Publication.Status.WITHDRAWN
    draft.withdrawal_reason_en = draft.withdrawal_reason_ru = "No longer relevant."

    with pytest.raises(ValidationError) as error:
        draft.full_clean()

    assert "Only a published publication can be withdrawn" in str(error.value.message_dict["status"])


def test_the_reason_for_withdrawal_is_needed_in_each_language(make_publication):
    item = make_publication()
    item.status = Publication.Status.WITHDRAWN
    item.withdrawal_reason_en = "Superseded."

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "missing: RU" in str(error.value.message_dict["withdrawal_reason_ru"])
    assert "withdrawal_reason_en" not in error.value.message_dict


def test_each_withdrawal_is_dated_anew(make_publication):
    item = make_publication(status=Publication.Status.PUBLISHED)
    with time_machine.travel(datetime(2026, 1, 10, 12, 0, tzinfo=UTC)):
        item.status = Publication.Status.WITHDRAWN
        item.save()
    with time_machine.travel(datetime(2026, 2, 1, 12, 0, tzinfo=UTC)):
        item.status = Publication.Status.PUBLISHED
        item.save()
    with time_machine.travel(datetime(2026, 3, 5, 12, 0, tzinfo=UTC)):
        item.status = Publication.Status.WITHDRAWN
        item.save()

    assert item.withdrawn_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


# Change notes


def test_change_notes_are_shown_with_their_date_in_the_page_language(client, make_publication):
    item = make_publication()
    ChangeNote.objects.create(
        publication=item,
        noted_at=datetime(2021, 10, 27, 10, 0, tzinfo=UTC),
        note_en="Corrected the date of the meeting.",
        note_ru="Исправлена дата встречи.",
    )

    english = client.get(detail_url(item)).text
    russian = client.get(detail_url(item, "ru")).text

    assert "27 October 2021" in english and "Corrected the date of the meeting." in english
    assert "27 октября 2021" in russian and "Исправлена дата встречи." in russian


def test_minor_edits_carry_no_note(client, make_publication):
    item = make_publication()

    assert "Updates to this page" not in client.get(detail_url(item)).text


# Slugs


def test_slug_is_made_from_the_english_title(make_publication):
    item = make_publication(slug="", title_en="Statement on the Salisbury incident")

    assert item.slug == "statement-on-the-salisbury-incident"


def test_russian_only_title_is_transliterated(make_publication):
    item = make_publication(slug="", title_en="", title_ru="Заявление о санкциях")

    assert item.slug == "zaiavlenie-o-sanktsiiakh"


def test_slugs_are_unique(make_publication):
    first = make_publication(slug="", title_en="Same title")
    second = make_publication(slug="", title_en="Same title")

    assert (first.slug, second.slug) == ("same-title", "same-title-2")


def test_changing_the_slug_of_a_published_item_keeps_the_old_address(client, make_publication):
    item = make_publication(slug="old-address")
    item.slug = "new-address"
    item.save()

    response = client.get(f"/en/news/{item.category.slug}/old-address/")

    assert response.status_code == 301
    assert response.url == detail_url(item)
    assert PreviousSlug.objects.filter(slug="old-address", publication=item).exists()


def test_an_old_address_cannot_be_taken_by_another_publication(client, make_publication):
    """Old links to a statement must not silently open a different one."""
    first = make_publication(slug="statement-on-talks", title_en="Statement on the talks")
    first.slug = "statement-on-the-talks"
    first.save()
    second = make_publication(slug="another-statement")
    second.slug = "statement-on-talks"

    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "“Statement on the talks”" in str(error.value.message_dict["slug"])
    with pytest.raises(ValidationError):
        second.save()  # refused without full_clean() too
    with pytest.raises(ValidationError):
        make_publication(slug="statement-on-talks")  # and for a new publication

    assert PreviousSlug.objects.get(slug="statement-on-talks").publication == first
    response = client.get(f"/en/news/{first.category.slug}/statement-on-talks/")
    assert (response.status_code, response.url) == (301, detail_url(first))


def test_a_publication_may_go_back_to_its_own_old_address(client, make_publication):
    item = make_publication(slug="first-address")
    item.slug = "second-address"
    item.save()
    item.slug = "first-address"

    item.full_clean()
    item.save()

    assert client.get(detail_url(item)).status_code == 200
    assert list(PreviousSlug.objects.values_list("slug", flat=True)) == ["second-address"]


def test_draft_slug_changes_leave_no_trail(make_publication):
    item = make_publication(slug="first-idea", status=Publication.Status.DRAFT)
    item.slug = "better-idea"
    item.save()

    assert not PreviousSlug.objects.exists()


# Questions and answers


def test_each_question_gets_its_own_anchor(client, make_publication):
    item = make_publication(
        body_en=(
            "<p><strong>Question:</strong> Is it so?</p><p>Answer.</p><p><strong>Question:</strong> And?</p>"
        ),
        body_ru="<p><strong>Вопрос:</strong> Так ли это?</p><p>Ответ.</p>",
    )

    english = client.get(detail_url(item)).text
    russian = client.get(detail_url(item, "ru")).text

    assert 'id="question-1"' in english and 'id="question-2"' in english
    assert 'href="#question-2"' in english
    assert 'id="question-1"' in russian


def test_question_numbers_stay_stable_when_saved_again(make_publication):
    item = make_publication(body_en="<p><strong>Question:</strong> One?</p>")
    item.save()
    item.refresh_from_db()

    assert item.body_en.count('id="question-1"') == 1


# Preview


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("language", ["en", "ru"])
def test_staff_preview_a_draft_in_either_language(staff_client, make_publication, language):
    draft = make_publication(status=Publication.Status.DRAFT, title_en="Draft", title_ru="Черновик")

    response = staff_client.get(f"/{language}/news/preview/{draft.pk}/")

    assert response.status_code == 200
    assert ("Draft" if language == "en" else "Черновик") in response.text
    assert 'content="noindex, nofollow"' in response.text
    assert "no-store" in response["Cache-Control"]


def test_visitors_get_404_for_previews(client, make_publication):
    draft = make_publication(status=Publication.Status.DRAFT)

    assert client.get(f"/en/news/preview/{draft.pk}/").status_code == 404


# Embargo links


@pytest.fixture
def scheduled(make_publication):
    return make_publication(title_en="Under embargo", published_at=timezone.now() + timedelta(hours=3))


@pytest.mark.parametrize(
    "go_live, shown",
    [
        (datetime(2026, 12, 1, 12, 0, tzinfo=UTC), "1 December 2026, 12:00 GMT (UTC+0000)"),
        (datetime(2027, 7, 1, 12, 0, tzinfo=UTC), "1 July 2027, 13:00 BST (UTC+0100)"),
    ],
)
def test_the_embargo_notice_says_which_time_it_means(client, make_publication, go_live, shown):
    with time_machine.travel(go_live - timedelta(days=1)):
        item = make_publication(published_at=go_live)
        link = EmbargoLink.objects.create(publication=item, expires_at=go_live)
        html = client.get(f"/en/news/embargo/{link.token}/").text

    assert f"Embargoed until {shown}." in html


def test_embargo_link_shows_the_item_before_its_time_and_records_each_use(client, scheduled):
    link = EmbargoLink.objects.create(publication=scheduled, expires_at=timezone.now() + timedelta(hours=1))

    response = client.get(f"/en/news/embargo/{link.token}/", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 200
    assert "Under embargo" in response.text
    assert 'content="noindex, nofollow"' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    use = link.uses.get()
    assert use.ip_address == "203.0.113.9"
    assert use.used_at is not None


def test_embargo_token_is_unguessable(scheduled):
    link = EmbargoLink.objects.create(publication=scheduled, expires_at=timezone.now() + timedelta(hours=1))

    assert len(link.token) >= 40


def test_expired_embargo_link_is_gone_and_not_recorded(client, scheduled):
    link = EmbargoLink.objects.create(publication=scheduled, expires_at=timezone.now() + timedelta(hours=1))

    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = client.get(f"/en/news/embargo/{link.token}/")
    assert response.status_code == 410
    assert "Under embargo" not in response.text
    assert not link.uses.exists()


def test_revoked_embargo_link_is_gone(client, scheduled):
    link = EmbargoLink.objects.create(
        publication=scheduled, expires_at=timezone.now() + timedelta(hours=1), is_revoked=True
    )

    response = client.get(f"/en/news/embargo/{link.token}/")
    assert response.status_code == 410
    assert "Under embargo" not in response.text


WEDNESDAY = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("what_happened", "language", "said"),
    [
        ("revoked", "en", "The Embassy has withdrawn the link you were sent."),
        ("revoked", "ru", "Посольство отозвало присланную вам ссылку."),
        ("expired", "en", "The link you were sent has expired."),
        ("set back to draft", "en", "The Embassy has withdrawn the link you were sent."),
        ("unpublished", "en", "The Embassy has withdrawn the link you were sent."),
    ],
)
@time_machine.travel(WEDNESDAY, tick=False)
def test_a_closed_embargo_link_tells_the_journalist_why_and_whom_to_ask_and_nothing_of_the_item(
    client, make_publication, settings, what_happened, language, said
):
    settings.PRESS_CONTACT_EMAIL = "press@embassy.example"
    item = make_publication(
        title_en="Talks in Geneva",
        title_ru="Переговоры в Женеве",
        lead_en="The minister will announce the talks.",
        slug="talks-in-geneva",
        published_at=WEDNESDAY + timedelta(hours=3),
    )
    link = EmbargoLink.objects.create(
        publication=item, recipient="Reuters", expires_at=WEDNESDAY + timedelta(hours=1)
    )
    if what_happened == "revoked":
        link.is_revoked = True
        link.save()
    elif what_happened in ("set back to draft", "unpublished"):
        item.status = {"set back to draft": "draft", "unpublished": "unpublished"}[what_happened]
        item.save()
    when = WEDNESDAY + timedelta(hours=2) if what_happened == "expired" else WEDNESDAY

    with time_machine.travel(when, tick=False):
        response = client.get(f"/{language}/news/embargo/{link.token}/")

    assert response.status_code == 410
    assert said in response.text
    assert 'href="mailto:press@embassy.example"' in response.text
    for secret in ("Talks in Geneva", "Переговоры", "announce", "talks-in-geneva", "Reuters", "Embargoed"):
        assert secret not in response.text
    assert 'content="noindex, nofollow"' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert not link.uses.exists()


def test_embargo_link_expires_at_the_latest_when_the_item_goes_live(client, scheduled):
    link = EmbargoLink.objects.create(publication=scheduled, expires_at=timezone.now() + timedelta(days=7))

    with time_machine.travel(timezone.now() + timedelta(hours=4)):
        response = client.get(f"/en/news/embargo/{link.token}/")

    assert response.status_code == 302
    assert response.url == detail_url(scheduled)


def test_an_embargo_link_never_shows_a_draft(client, make_publication):
    draft = make_publication(
        status=Publication.Status.DRAFT, published_at=timezone.now() + timedelta(hours=3)
    )
    link = EmbargoLink.objects.create(publication=draft, expires_at=timezone.now() + timedelta(hours=1))

    response = client.get(f"/en/news/embargo/{link.token}/")
    assert response.status_code == 410
    assert draft.title_en not in response.text


def test_an_opening_redirected_to_the_items_language_is_recorded_once(client, make_publication):
    english_only = make_publication(
        title_ru="", lead_ru="", body_ru="", published_at=timezone.now() + timedelta(hours=3)
    )
    link = EmbargoLink.objects.create(
        publication=english_only, expires_at=timezone.now() + timedelta(hours=1)
    )

    client.get(f"/ru/news/embargo/{link.token}/", follow=True)

    assert link.uses.count() == 1


def test_behind_the_proxy_the_journalists_address_is_recorded(client, scheduled, settings):
    settings.TRUSTED_PROXIES = 1
    link = EmbargoLink.objects.create(publication=scheduled, expires_at=timezone.now() + timedelta(hours=1))

    client.get(f"/en/news/embargo/{link.token}/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert link.uses.get().ip_address == "198.51.100.7"


def test_unknown_embargo_token_is_404(client, db):
    assert client.get("/en/news/embargo/not-a-token/").status_code == 404
