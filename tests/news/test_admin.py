import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from embassy.roles import grant
from news.admin import EmbargoLinkInline
from news.models import EmbargoLink, EmbargoLinkUse, Publication
from tests.admin_forms import opened_version

from .helpers import embargo_links, embargo_row, post_change, publication_time


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_list_shows_complete_languages_and_filters_missing_ones(staff_client, make_publication):
    make_publication(title_en="Bilingual")
    make_publication(title_en="English only", title_ru="", lead_ru="", body_ru="")
    make_publication(title_en="Russian lead missing", lead_ru="")

    everything = staff_client.get("/admin/news/publication/").text
    missing_russian = staff_client.get("/admin/news/publication/?missing=ru").text
    missing_english = staff_client.get("/admin/news/publication/?missing=en").text

    assert "EN, RU" in everything
    for column in ("column-category", "column-publication_time", "column-state_column", "column-is_featured"):
        assert column in everything
    assert "English only" in missing_russian and "Russian lead missing" in missing_russian
    assert "Bilingual" not in missing_russian
    assert "English only" not in missing_english and "Bilingual" not in missing_english


def test_state_filter_finds_scheduled_items(staff_client, make_publication):
    from datetime import timedelta

    from django.utils import timezone

    make_publication(title_en="Tomorrow", published_at=timezone.now() + timedelta(days=1))
    make_publication(title_en="Yesterday")

    html = staff_client.get("/admin/news/publication/?state=scheduled").text

    assert "Tomorrow" in html and "Yesterday" not in html


def test_admin_says_which_time_zone_it_uses(staff_client, make_publication):
    item = make_publication()

    assert "Europe/London" in staff_client.get(f"/admin/news/publication/{item.pk}/change/").text


def test_bulk_actions_publish_unpublish_feature_and_unfeature(staff_client, make_publication):
    draft = make_publication(status=Publication.Status.DRAFT)
    incomplete = make_publication(status=Publication.Status.DRAFT, body_en="", body_ru="")

    def act(action, *items):
        return staff_client.post(
            "/admin/news/publication/",
            {"action": action, "_selected_action": [item.pk for item in items]},
            follow=True,
        )

    response = act("publish", draft, incomplete)
    draft.refresh_from_db()
    incomplete.refresh_from_db()
    assert draft.status == Publication.Status.PUBLISHED
    assert incomplete.status == Publication.Status.DRAFT
    assert "Not changed: " in response.text
    assert "needs its title, lead and text complete in at least one language" in response.text  # why

    act("feature", draft)
    draft.refresh_from_db()
    assert draft.is_featured
    act("unfeature", draft)
    draft.refresh_from_db()
    assert not draft.is_featured
    act("unpublish", draft)
    draft.refresh_from_db()
    assert draft.status == Publication.Status.UNPUBLISHED


def test_a_draft_published_from_the_list_goes_live_now_not_backdated(staff_client, make_publication):
    started = timezone.now() - timedelta(days=5)
    draft = make_publication(status=Publication.Status.DRAFT, published_at=started)
    scheduled_draft = make_publication(
        status=Publication.Status.DRAFT, published_at=timezone.now() + timedelta(days=1)
    )
    already_out = make_publication(published_at=started)

    staff_client.post(
        "/admin/news/publication/",
        {"action": "publish", "_selected_action": [draft.pk, scheduled_draft.pk, already_out.pk]},
    )

    for item in (draft, scheduled_draft, already_out):
        item.refresh_from_db()
    assert timezone.now() - draft.published_at < timedelta(minutes=1)
    assert scheduled_draft.published_at > timezone.now()  # still scheduled
    assert already_out.published_at == started


def test_an_item_set_back_to_draft_and_published_again_from_the_list_keeps_its_date(
    staff_client, make_publication
):
    speech = datetime(2019, 3, 14, 10, 0, tzinfo=UTC)
    item = make_publication(title_en="Speech of 2019", published_at=speech)
    item.status = Publication.Status.DRAFT  # taken down to correct a typo
    item.save()

    staff_client.post("/admin/news/publication/", {"action": "publish", "_selected_action": [item.pk]})

    item.refresh_from_db()
    assert (item.status, item.published_at) == (Publication.Status.PUBLISHED, speech)


def test_an_item_only_ever_scheduled_goes_live_now_when_published_from_the_list(
    staff_client, make_publication
):
    week_ago = timezone.now() - timedelta(days=7)
    with time_machine.travel(week_ago - timedelta(days=1)):
        item = make_publication(published_at=week_ago)  # scheduled for a week ago, a day ahead
        item.status = Publication.Status.DRAFT  # and taken back before it went out
        item.save()

    staff_client.post("/admin/news/publication/", {"action": "publish", "_selected_action": [item.pk]})

    item.refresh_from_db()
    assert timezone.now() - item.published_at < timedelta(minutes=1)


def test_a_withdrawn_item_can_be_unpublished_though_its_replacement_has_gone_since(
    staff_client, make_publication
):
    replacement = make_publication(title_en="Corrected statement")
    item = make_publication(title_en="Old statement")
    item.status, item.replaced_by = Publication.Status.WITHDRAWN, replacement
    item.withdrawal_reason_en, item.withdrawal_reason_ru = "Out of date.", "Устарело."
    item.save()
    replacement.status = Publication.Status.UNPUBLISHED  # the replacement itself taken down later
    replacement.save()

    staff_client.post("/admin/news/publication/", {"action": "unpublish", "_selected_action": [item.pk]})

    item.refresh_from_db()
    assert item.status == Publication.Status.UNPUBLISHED


def test_history_records_who_changed_what_and_can_restore(staff_client, make_publication, admin_user):
    item = make_publication(title_en="First title")
    change_url = f"/admin/news/publication/{item.pk}/change/"
    form = {
        "title_en": "Second title",
        "title_ru": item.title_ru,
        "slug": item.slug,
        "category": item.category_id,
        "lead_en": item.lead_en,
        "lead_ru": item.lead_ru,
        "body_en": item.body_en,
        "body_ru": item.body_ru,
        "status": item.status,
        "published_at_0": timezone.localtime(item.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(item.published_at).strftime("%H:%M:%S"),
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "change_notes-TOTAL_FORMS": "0",
        "change_notes-INITIAL_FORMS": "0",
        "embargo_links-TOTAL_FORMS": "0",
        "embargo_links-INITIAL_FORMS": "0",
        "edit_version": opened_version(staff_client.get(change_url)),
    }
    assert staff_client.post(change_url, form).status_code == 302

    history = staff_client.get(f"/admin/news/publication/{item.pk}/history/").text
    assert "First title" in history and "Second title" in history  # what changed
    assert admin_user.username in history  # who

    first = item.history.earliest()
    restore_url = f"/admin/news/publication/{item.pk}/history/{first.history_id}/"
    opened = staff_client.get(restore_url)
    assert opened.status_code == 200
    restored = {**form, "title_en": "First title", "edit_version": opened_version(opened)}
    assert staff_client.post(restore_url, restored).status_code == 302
    item.refresh_from_db()
    assert item.title_en == "First title"


def test_publication_search_finds_russian_titles(staff_client, make_publication):
    make_publication(title_en="Talks", title_ru="Переговоры в Сеуле")

    assert "Talks" in staff_client.get("/admin/news/publication/?q=Сеуле").text


def test_change_form_has_translation_tabs_and_view_on_site(staff_client, make_publication):
    item = make_publication()

    html = staff_client.get(f"/admin/news/publication/{item.pk}/change/").text

    assert 'name="title_en"' in html and 'name="title_ru"' in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html  # our own copy, no CDN
    assert "googleapis" not in html
    assert "/admin/r/" in html  # "View on site"


def test_staff_can_publish_through_the_admin_and_html_is_sanitised(staff_client, category):
    response = staff_client.post(
        "/admin/news/publication/add/",
        {
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "change_notes-TOTAL_FORMS": "0",
            "change_notes-INITIAL_FORMS": "0",
            "embargo_links-TOTAL_FORMS": "0",
            "embargo_links-INITIAL_FORMS": "0",
            "title_en": "New statement",
            "title_ru": "",
            "slug": "new-statement",
            "category": category.pk,
            "lead_en": "Lead.",
            "body_en": '<p>Text</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
            "status": Publication.Status.PUBLISHED,
            "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "published_at_1": "00:00:00",
        },
    )

    assert response.status_code == 302, response.text
    saved = Publication.objects.get(slug="new-statement")
    assert saved.body_en == "<p>Text</p>"


# Refusals come back as the form, each message on the field it is about, nothing typed lost


@pytest.mark.parametrize(
    ("reasons", "missing"),
    [({}, ["en", "ru"]), ({"withdrawal_reason_en": "Superseded."}, ["ru"])],
)
def test_withdrawing_without_a_reason_in_each_language_shows_the_form_again(
    staff_client, make_publication, reasons, missing
):
    item = make_publication(title_en="Statement on the talks")

    response = post_change(
        staff_client,
        item,
        status=Publication.Status.WITHDRAWN,
        title_en="Statement on the talks, edited",
        **reasons,
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    for code in ("en", "ru"):
        field = f"withdrawal_reason_{code}"
        if code in missing:
            assert f"missing: {', '.join(c.upper() for c in missing)}" in str(errors[field])
        else:
            assert field not in errors
    assert 'value="Statement on the talks, edited"' in response.text  # what was typed is still there
    item.refresh_from_db()
    assert (item.status, item.title_en) == (Publication.Status.PUBLISHED, "Statement on the talks")


def refusals(make_publication):
    """A publication or embargo link for each rule the models enforce, each about to be refused."""
    incomplete = make_publication(status=Publication.Status.DRAFT, body_en="", body_ru="")
    incomplete.status = Publication.Status.PUBLISHED
    half_translated = make_publication(status=Publication.Status.DRAFT, body_ru="")
    half_translated.status = Publication.Status.PUBLISHED
    draft = make_publication(status=Publication.Status.DRAFT)
    draft.status = Publication.Status.WITHDRAWN
    unexplained = make_publication()
    unexplained.status = Publication.Status.WITHDRAWN
    self_replacing = make_publication(status=Publication.Status.UNPUBLISHED)
    self_replacing.replaced_by = self_replacing
    expired = EmbargoLink(publication=draft, expires_at=timezone.now())
    return [incomplete, half_translated, draft, unexplained, self_replacing, expired]


def test_every_refusal_names_a_field_of_the_admin_form(make_publication, admin_user):
    """Django's admin answers 500 when a model's error names a field its form does not have."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    publication_admin = site.get_model_admin(Publication)
    form_fields = {
        Publication: publication_admin.get_form(request, make_publication()).base_fields.keys(),
        EmbargoLink: EmbargoLinkInline(Publication, site).get_formset(request).form.base_fields.keys(),
    }

    for instance in refusals(make_publication):
        with pytest.raises(ValidationError) as error:
            instance.full_clean()
        fields = error.value.message_dict.keys()
        assert fields <= form_fields[type(instance)], (instance, fields)


def test_a_russian_text_of_empty_paragraphs_is_missing_russian_in_the_list(staff_client, make_publication):
    item = make_publication(title_en="Empty-looking Russian", status=Publication.Status.DRAFT)

    assert post_change(staff_client, item, body_ru="<p></p><p></p>").status_code == 302

    assert "Empty-looking Russian" in staff_client.get("/admin/news/publication/?missing=ru").text
    listed = staff_client.get("/admin/news/publication/?q=Empty-looking").text
    assert "EN, RU" not in listed


def test_publishing_a_title_with_empty_paragraphs_is_refused_in_the_admin(staff_client, make_publication):
    item = make_publication(status=Publication.Status.DRAFT)

    response = post_change(staff_client, item, body_ru="<p></p><p></p>", status=Publication.Status.PUBLISHED)

    assert response.status_code == 200
    assert "RU version has a title but no text" in str(response.context["adminform"].form.errors["status"])
    item.refresh_from_db()
    assert item.status == Publication.Status.DRAFT


def test_an_old_address_of_another_publication_is_refused_on_the_slug_field(staff_client, make_publication):
    first = make_publication(slug="statement-on-talks", title_en="Statement on the talks")
    first.slug = "statement-on-the-talks"
    first.save()
    second = make_publication(slug="another-statement", title_en="Another statement")

    response = post_change(
        staff_client, second, slug="statement-on-talks", title_en="Another statement, edited"
    )

    assert response.status_code == 200
    assert "“Statement on the talks”" in str(response.context["adminform"].form.errors["slug"])
    assert 'value="Another statement, edited"' in response.text
    second.refresh_from_db()
    assert (second.slug, second.title_en) == ("another-statement", "Another statement")


# The embargo links' access log


@pytest.fixture
def press_client(client, django_user_model):
    officer = django_user_model.objects.create_user(username="press-officer", password="unused-in-tests")
    grant(officer, "press")
    client.force_login(officer)
    return client


@pytest.fixture
def make_opening(make_publication):
    """An opening of an embargo link given to `recipient`, for a publication due in three hours."""

    def make(recipient="Reuters", ip_address="203.0.113.9", **publication):
        scheduled = make_publication(published_at=timezone.now() + timedelta(hours=3), **publication)
        link = EmbargoLink.objects.create(
            publication=scheduled, recipient=recipient, expires_at=timezone.now() + timedelta(hours=1)
        )
        return EmbargoLinkUse.objects.create(link=link, ip_address=ip_address, user_agent="Mozilla/5.0")

    return make


@pytest.mark.parametrize("role", ["press staff", "superuser"])
def test_the_embargo_access_log_can_be_read_but_not_added_to_changed_or_deleted(request, make_opening, role):
    client = request.getfixturevalue({"press staff": "press_client", "superuser": "staff_client"}[role])
    opening = make_opening()
    log = "/admin/news/embargolinkuse/"

    listed = client.get(log)
    shown = client.get(f"{log}{opening.pk}/change/")

    assert listed.status_code == 200 and "203.0.113.9" in listed.text
    assert "delete_selected" not in listed.text
    assert shown.status_code == 200 and "203.0.113.9" in shown.text
    assert 'name="_save"' not in shown.text and f"{opening.pk}/delete/" not in shown.text
    assert client.get(f"{log}add/").status_code == 403
    assert client.post(f"{log}{opening.pk}/change/", {"ip_address": "198.51.100.1"}).status_code == 403
    assert client.post(f"{log}{opening.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(log, {"action": "delete_selected", "_selected_action": [opening.pk], "post": "yes"})
    opening.refresh_from_db()
    assert opening.ip_address == "203.0.113.9"


def test_the_access_log_offers_no_list_of_every_publication(staff_client, make_opening, make_publication):
    make_opening(title_en="Under embargo")
    make_publication(title_en="Never sent to anyone")

    html = staff_client.get("/admin/news/embargolinkuse/").text

    assert "Under embargo" in html
    assert "Never sent to anyone" not in html


def test_a_links_opening_count_leads_to_that_links_openings_alone(staff_client, make_opening):
    reuters = make_opening(recipient="Reuters", ip_address="203.0.113.9")
    make_opening(recipient="TASS", ip_address="198.51.100.7")
    change_form = staff_client.get(f"/admin/news/publication/{reuters.link.publication_id}/change/").text
    count_link = f"/admin/news/embargolinkuse/?link__id__exact={reuters.link_id}"
    assert f'href="{count_link}"' in change_form

    html = staff_client.get(count_link).text

    assert "203.0.113.9" in html and "198.51.100.7" not in html
    assert "Reuters" in html  # the filter names the link shown


@pytest.mark.parametrize("query", ["TASS", "Interview with TASS", "198.51.100"])
def test_the_access_log_is_searched_by_recipient_title_or_address(staff_client, make_opening, query):
    make_opening(recipient="Reuters", ip_address="203.0.113.9", title_en="Statement")
    make_opening(recipient="TASS", ip_address="198.51.100.7", title_en="Interview with TASS")

    html = staff_client.get("/admin/news/embargolinkuse/", {"q": query}).text

    assert "198.51.100.7" in html and "203.0.113.9" not in html


def test_an_opened_embargo_link_cannot_be_deleted_with_its_openings_only_revoked(staff_client, make_opening):
    opening = make_opening(recipient="Reuters")
    link = opening.link

    refused = post_change(staff_client, link.publication, **embargo_links(embargo_row(link, DELETE="on")))
    revoked = post_change(staff_client, link.publication, **embargo_links(embargo_row(link, is_revoked="on")))

    assert refused.status_code == 200
    assert "An embargo link that has been opened cannot be deleted" in refused.text
    assert "Opened: Reuters." in refused.text
    assert revoked.status_code == 302, revoked.text
    link.refresh_from_db()
    assert link.is_revoked
    assert link.uses.get() == opening


def test_an_embargo_link_never_opened_can_be_deleted(staff_client, make_opening):
    opening = make_opening()
    unopened = EmbargoLink.objects.create(
        publication=opening.link.publication, recipient="TASS", expires_at=timezone.now() + timedelta(hours=1)
    )

    response = post_change(
        staff_client,
        unopened.publication,
        **embargo_links(embargo_row(unopened, DELETE="on"), embargo_row(opening.link)),
    )

    assert response.status_code == 302, response.text
    assert list(EmbargoLink.objects.all()) == [opening.link]


# Embargo links need a scheduled publication

LATER = timedelta(hours=3)
NOT_SCHEDULED = {
    "a draft": {"status": Publication.Status.DRAFT, "published_at": LATER},  # from the test's clock
    "a live item": {},
    "a withdrawn item": {
        "status": Publication.Status.WITHDRAWN,
        "withdrawal_reason_en": "Outdated.",
        "withdrawal_reason_ru": "Устарело.",
    },
    "an unpublished item": {"status": Publication.Status.UNPUBLISHED},
}


@pytest.mark.parametrize("state", NOT_SCHEDULED.values(), ids=NOT_SCHEDULED.keys())
def test_an_embargo_link_to_an_item_not_scheduled_is_refused_with_the_reason(
    staff_client, make_publication, state
):
    publication = make_publication(**state)

    response = post_change(staff_client, publication, **embargo_links(embargo_row()))

    assert response.status_code == 200
    assert "An embargo link opens only while its publication is scheduled" in response.text
    assert f"This publication is {publication.state_label}." in response.text
    assert not EmbargoLink.objects.exists()


def test_scheduling_a_draft_in_the_same_save_lets_its_embargo_link_open(
    staff_client, client, make_publication
):
    draft = make_publication(status=Publication.Status.DRAFT, title_en="Under embargo")

    response = post_change(
        staff_client,
        draft,
        status=Publication.Status.PUBLISHED,
        **publication_time(timezone.now() + LATER),
        **embargo_links(embargo_row(recipient="Reuters")),
    )

    assert response.status_code == 302, response.text
    link = EmbargoLink.objects.get(recipient="Reuters")
    change_form = staff_client.get(f"/admin/news/publication/{draft.pk}/change/").text
    assert f"/en/news/embargo/{link.token}/" in change_form  # the address to send
    client.logout()
    assert "Under embargo" in client.get(f"/en/news/embargo/{link.token}/").text


def test_a_saved_link_shows_no_address_to_send_once_its_item_is_not_scheduled(staff_client, make_publication):
    publication = make_publication(published_at=timezone.now() + LATER)
    link = EmbargoLink.objects.create(publication=publication, expires_at=timezone.now() + timedelta(hours=1))
    publication.status = Publication.Status.DRAFT
    publication.save()

    html = staff_client.get(f"/admin/news/publication/{publication.pk}/change/").text

    assert link.token not in html
    assert "None: a link opens only while its publication is scheduled (it is draft)." in html


def test_a_revoked_link_shows_no_address_to_send(staff_client, make_publication):
    publication = make_publication(published_at=timezone.now() + LATER)
    link = EmbargoLink.objects.create(publication=publication, expires_at=timezone.now() + timedelta(hours=1))

    revoked = post_change(staff_client, publication, **embargo_links(embargo_row(link, is_revoked="on")))
    html = staff_client.get(f"/admin/news/publication/{publication.pk}/change/").text

    assert revoked.status_code == 302, revoked.text
    assert link.token not in html
    assert "None: revoked, do not send it." in html


def test_an_expired_link_shows_no_address_to_send(staff_client, make_publication, tests_clock):
    publication = make_publication(published_at=timezone.now() + LATER)
    link = EmbargoLink.objects.create(publication=publication, expires_at=timezone.now() + timedelta(hours=1))
    tests_clock.shift(timedelta(hours=2))

    html = staff_client.get(f"/admin/news/publication/{publication.pk}/change/").text

    assert link.token not in html
    assert "None: expired on 11 June 2025, 11:30 BST, do not send it." in html


# "View on site"

VIEW_ON_SITE = {
    "draft": ({"status": Publication.Status.DRAFT}, "preview"),
    "scheduled": ({"published_at": LATER}, "preview"),
    "unpublished": ({"status": Publication.Status.UNPUBLISHED}, "preview"),
    "published": ({}, "public page"),
    "withdrawn": (NOT_SCHEDULED["a withdrawn item"], "public page"),
}


@pytest.mark.parametrize("state, goes_to", VIEW_ON_SITE.values(), ids=VIEW_ON_SITE.keys())
def test_view_on_site_opens_the_preview_until_visitors_can_read_the_item(
    staff_client, make_publication, state, goes_to
):
    publication = make_publication(title_en="Statement on the talks", **state)

    html = staff_client.get(f"/admin/news/publication/{publication.pk}/change/").text
    address = re.search(r'<a href="([^"]+)" class="viewsitelink">', html)[1]
    page = staff_client.get(address, follow=True)

    assert page.status_code == 200
    assert "Statement on the talks" in page.text
    if goes_to == "preview":
        assert address == f"/en/news/preview/{publication.pk}/"
    else:
        assert page.request["PATH_INFO"] == f"/en/news/{publication.category.slug}/{publication.slug}/"
        assert "Preview for staff" not in page.text


# History addresses


@pytest.mark.parametrize(
    "bad_id, path", [("abc", "abc/history/"), ("abc", "abc/history/1/"), ("1.5", "1.5/history/")]
)
def test_history_of_a_malformed_id_goes_back_to_the_index_as_the_change_view_does(
    staff_client, db, bad_id, path
):
    history = staff_client.get(f"/admin/news/publication/{path}", follow=True)
    change = staff_client.get(f"/admin/news/publication/{bad_id}/change/", follow=True)

    assert history.redirect_chain == change.redirect_chain == [("/admin/", 302)]
    assert f"Publication with ID “{bad_id}” doesn’t exist. Perhaps it was deleted?" in history.text


def test_a_malformed_or_missing_version_is_404(staff_client, make_publication):
    publication = make_publication()

    assert staff_client.get(f"/admin/news/publication/{publication.pk}/history/abc/").status_code == 404
    assert staff_client.get(f"/admin/news/publication/{publication.pk}/history/999999/").status_code == 404
    assert staff_client.get("/admin/news/publication/999999/history/").status_code == 404


# Replacements


def test_an_unpublished_item_replaced_by_a_draft_is_refused_with_the_reason(staff_client, make_publication):
    draft = make_publication(status=Publication.Status.DRAFT, title_en="Corrected statement")
    item = make_publication(title_en="First statement")

    response = post_change(staff_client, item, status=Publication.Status.UNPUBLISHED, replaced_by=draft.pk)

    assert response.status_code == 200
    assert "“Corrected statement” is draft, so visitors could not follow it." in response.text
    item.refresh_from_db()
    assert (item.status, item.replaced_by) == (Publication.Status.PUBLISHED, None)


def test_a_replacement_on_a_published_item_is_refused_with_the_reason(staff_client, make_publication):
    item = make_publication()

    response = post_change(staff_client, item, replaced_by=make_publication().pk)

    assert response.status_code == 200
    assert "Only a withdrawn publication (its notice links to the replacement)" in response.text
    item.refresh_from_db()
    assert item.replaced_by is None


def test_unpublishing_with_a_readable_replacement_sends_visitors_there(
    staff_client, client, make_publication
):
    replacement = make_publication()
    item = make_publication()

    response = post_change(
        staff_client, item, status=Publication.Status.UNPUBLISHED, replaced_by=replacement.pk
    )

    assert response.status_code == 302, response.text
    client.logout()
    assert client.get(item.get_absolute_url()).url == replacement.get_absolute_url()


def test_the_replacement_is_chosen_among_publications_visitors_can_read(staff_client, make_publication):
    make_publication(title_en="Talks readable")
    make_publication(title_en="Talks withdrawn", status=Publication.Status.WITHDRAWN)
    make_publication(title_en="Talks draft", status=Publication.Status.DRAFT)
    make_publication(title_en="Talks scheduled", published_at=timezone.now() + LATER)
    make_publication(title_en="Talks unpublished", status=Publication.Status.UNPUBLISHED)

    found = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "publication", "field_name": "replaced_by", "term": "Talks"},
    ).json()

    assert sorted(result["text"] for result in found["results"]) == ["Talks readable", "Talks withdrawn"]
