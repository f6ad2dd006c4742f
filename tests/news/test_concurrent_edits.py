"""Two press officers editing one publication at once: a save from a form opened before another save is
refused, shown again with what changed, and applied only when saved again (embassy/editing.py)."""

import itertools
import threading
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.db import connection, connections
from django.test import Client, RequestFactory

from embassy.editing import EditConflict, read_token
from news.models import EmbargoLink, Publication
from tests.admin_forms import form_data, list_data, staff_browsers

from .helpers import embargo_links, embargo_row

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def officers(db, django_user_model):
    """Anna and Boris, press officers, each in their own browser."""
    return staff_browsers(django_user_model, "press", "anna", "boris")


def change_url(publication):
    return f"/admin/news/publication/{publication.pk}/change/"


def open_form(browser, publication):
    response = browser.get(change_url(publication))
    assert response.status_code == 200
    return response


def save(browser, publication, opened, **changes):
    return browser.post(change_url(publication), form_data(opened, **changes))


TAKEDOWNS = {
    "unpublish": ({"status": "unpublished"}, 410),
    "withdraw": (
        {"status": "withdrawn", "withdrawal_reason_en": "Outdated.", "withdrawal_reason_ru": "Устарело."},
        200,
    ),
}


@pytest.mark.parametrize("takedown", TAKEDOWNS.values(), ids=TAKEDOWNS.keys())
def test_a_small_edit_from_a_form_opened_before_a_takedown_is_refused_and_the_page_stays_down(
    officers, make_publication, takedown
):
    anna, boris = officers
    item = make_publication(title_en="Talks in Geneva")
    changes, public_answer = takedown
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)

    assert save(anna, item, annas_form, **changes).status_code == 302
    refused = save(boris, item, boris_form, lead_en="A better lead.")

    assert refused.status_code == 200
    assert "Anna saved this publication at" in refused.text
    assert "Status: Published (or scheduled, if its time is in the future) → " in refused.text
    item.refresh_from_db()
    assert item.status == changes["status"]
    assert item.lead_en != "A better lead."
    assert anna.get(item.get_absolute_url()).status_code == public_answer
    # The form shown again keeps Boris's lead and shows the takedown: saving it again keeps both.
    assert save(boris, item, refused).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.lead_en) == (changes["status"], "A better lead.")
    assert anna.get(item.get_absolute_url()).status_code == public_answer


def test_a_save_from_a_form_opened_before_a_link_was_revoked_is_refused_and_the_link_stays_dead(
    officers, make_publication
):
    anna, boris = officers
    item = make_publication(published_at=NOW + timedelta(hours=3))
    link = EmbargoLink.objects.create(
        publication=item, recipient="Reuters", expires_at=NOW + timedelta(hours=2)
    )
    assert anna.get(link.get_absolute_url()).status_code == 200
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)

    revoke = embargo_links(embargo_row(link, is_revoked="on"))
    assert save(anna, item, annas_form, **revoke).status_code == 302
    refused = save(boris, item, boris_form, lead_en="A better lead.")

    assert refused.status_code == 200
    assert "Revoked: no → yes" in refused.text
    link.refresh_from_db()
    assert link.is_revoked
    assert Client().get(link.get_absolute_url()).status_code != 200
    assert save(boris, item, refused).status_code == 302
    link.refresh_from_db()
    item.refresh_from_db()
    assert link.is_revoked and item.lead_en == "A better lead."
    assert Client().get(link.get_absolute_url()).status_code != 200


def test_no_form_can_revive_a_revoked_link(officers, make_publication):
    anna, _boris = officers
    item = make_publication(published_at=NOW + timedelta(hours=3))
    link = EmbargoLink.objects.create(
        publication=item, recipient="Reuters", expires_at=NOW + timedelta(hours=2), is_revoked=True
    )
    opened = open_form(anna, item)
    data = form_data(opened)
    data.pop("embargo_links-0-is_revoked", None)  # the box, read-only, posts nothing; a forged post neither

    assert anna.post(change_url(item), data).status_code == 302
    link.refresh_from_db()
    assert link.is_revoked
    assert Client().get(link.get_absolute_url()).status_code != 200


def test_a_revoked_link_cannot_be_unrevoked_in_the_model_either(make_publication):
    item = make_publication(published_at=NOW + timedelta(hours=3))
    link = EmbargoLink.objects.create(
        publication=item, recipient="Reuters", expires_at=NOW + timedelta(hours=2), is_revoked=True
    )
    link.is_revoked = False

    with pytest.raises(Exception, match="A revoked link stays revoked"):
        link.full_clean()
    with pytest.raises(Exception, match="A revoked link stays revoked"):
        link.save()
    assert EmbargoLink.objects.get().is_revoked


def test_a_lead_edit_is_not_lost_to_a_title_edit_from_an_older_form(officers, make_publication):
    anna, boris = officers
    item = make_publication(title_en="Talks", lead_en="The old lead.")
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)

    assert save(anna, item, annas_form, lead_en="Anna's lead.").status_code == 302
    refused = save(boris, item, boris_form, title_en="Boris's title")

    assert refused.status_code == 200
    assert "Lead [en]: “The old lead.” → “Anna&#x27;s lead.”" in refused.text
    item.refresh_from_db()
    assert (item.title_en, item.lead_en) == ("Talks", "Anna's lead.")
    assert save(boris, item, refused).status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.lead_en) == ("Boris's title", "Anna's lead.")


def test_when_both_change_one_field_the_second_is_told_before_replacing_it(officers, make_publication):
    anna, boris = officers
    item = make_publication(lead_en="The old lead.")
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)

    assert save(anna, item, annas_form, lead_en="Anna's lead.").status_code == 302
    refused = save(boris, item, boris_form, lead_en="Boris's lead.")

    assert "You both changed Lead [en]" in refused.text
    item.refresh_from_db()
    assert item.lead_en == "Anna's lead."
    assert save(boris, item, refused).status_code == 302  # deliberately, having been told
    item.refresh_from_db()
    assert item.lead_en == "Boris's lead."


def test_a_form_opened_before_an_unpublish_from_the_list_is_refused(officers, make_publication):
    anna, boris = officers
    item = make_publication()
    boris_form = open_form(boris, item)

    anna.post("/admin/news/publication/", {"action": "unpublish", "_selected_action": [item.pk]})
    refused = save(boris, item, boris_form, lead_en="A better lead.")

    assert refused.status_code == 200
    item.refresh_from_db()
    assert item.status == Publication.Status.UNPUBLISHED
    assert anna.get(item.get_absolute_url()).status_code == 410


def test_a_form_opened_before_an_image_was_described_is_refused(officers, make_publication):
    anna, boris = officers
    item = make_publication()
    boris_form = open_form(boris, item)

    item.change_notes.create(note_en="Corrected the date.")  # any inline row moves its publication on

    assert save(boris, item, boris_form, lead_en="A better lead.").status_code == 200


def test_a_form_without_its_version_is_refused(officers, make_publication):
    anna, _boris = officers
    item = make_publication()
    data = form_data(open_form(anna, item), lead_en="A better lead.")
    del data["edit_version"]

    refused = anna.post(change_url(item), data)

    assert "has been saved by someone else since this form was opened" in refused.text
    item.refresh_from_db()
    assert item.lead_en != "A better lead."


def test_the_save_checks_the_version_as_it_writes_so_two_saves_cannot_both_pass(make_publication, admin_user):
    # Both forms passed their check; the first one's save moved the version before the second one's write.
    item = make_publication()
    admin = site._registry[Publication]
    request = RequestFactory().post("/")
    request.user = admin_user
    form = type("Form", (), {"edit_opened": {"v": item.version}})()
    admin.save_model(request, Publication.objects.get(pk=item.pk), form, change=True)

    with pytest.raises(EditConflict):
        admin.save_model(request, Publication.objects.get(pk=item.pk), form, change=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: no two saves overlap")
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_instant_cannot_both_pass(officers, make_publication):
    anna, boris = officers
    item = make_publication(lead_en="The old lead.")
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)
    both_checked = threading.Barrier(2, timeout=10)
    checks = itertools.count()

    def check_then_wait(value):
        opened = read_token(value)
        if next(checks) < 2:  # both forms pass their check before either writes
            both_checked.wait()
        return opened

    answers = {}

    def save_in_thread(name, browser, opened, changes):
        try:
            answers[name] = save(browser, item, opened, **changes).status_code
        finally:
            connections.close_all()

    with mock.patch("embassy.editing.read_token", check_then_wait):
        threads = [
            threading.Thread(
                target=save_in_thread, args=("anna", anna, annas_form, {"status": "unpublished"})
            ),
            threading.Thread(target=save_in_thread, args=("boris", boris, boris_form, {"lead_en": "New."})),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert sorted(answers.values()) == [200, 302]
    item.refresh_from_db()
    applied = {"anna": item.status == "unpublished", "boris": item.lead_en == "New."}
    assert applied == {name: answer == 302 for name, answer in answers.items()}


def test_a_category_form_opened_before_a_change_from_the_list_is_refused(officers, category):
    anna, boris = officers
    url = f"/admin/news/category/{category.pk}/change/"
    boris_form = boris.get(url)

    reordered = anna.post(
        "/admin/news/category/", list_data(anna.get("/admin/news/category/"), category.pk, order=7)
    )
    assert reordered.status_code == 302
    refused = boris.post(url, form_data(boris_form, name_en="Speeches and interviews"))

    assert refused.status_code == 200
    assert f"Order: {category.order} → 7" in refused.text
    assert boris.post(url, form_data(refused)).status_code == 302
    category.refresh_from_db()
    assert (category.order, category.name_en) == (7, "Speeches and interviews")


def test_the_refusal_says_when_in_the_admins_own_words_and_time_zone(officers, make_publication):
    anna, boris = officers
    item = make_publication(title_en="Talks in Geneva", lead_en="Talks begin.")
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)

    assert save(anna, item, annas_form, lead_en="Talks begin today.").status_code == 302
    refused = save(boris, item, boris_form, title_en="Talks in Geneva end")

    assert "Anna saved this publication at 10 March 2026, 09:00 GMT, after you opened it." in refused.text
    assert "Lead [en]: “Talks begin.” → “Talks begin today.”" in refused.text


def test_the_refusal_reads_as_russian_to_a_russian_speaking_officer(officers, make_publication):
    anna, boris = officers
    item = make_publication(title_en="Talks in Geneva", lead_en="Talks begin.")
    annas_form, boris_form = open_form(anna, item), open_form(boris, item)

    assert save(anna, item, annas_form, lead_en="Talks begin today.").status_code == 302
    refused = boris.post(
        change_url(item), form_data(boris_form, title_en="Talks in Geneva end"), HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert (
        "Пользователь Anna сохранил(а) эту запись 10 марта 2026, 09:00 GMT, после того как вы открыли форму."
        in refused.text
    )
    assert "«Talks begin.» → «Talks begin today.»" in refused.text


def test_an_order_from_a_list_opened_before_a_change_is_refused_and_the_change_kept(
    officers, category, make_category
):
    anna, boris = officers
    other = make_category(slug="visits", name_en="Visits", name_ru="Визиты", order=5)
    boris_list = boris.get("/admin/news/category/")
    url = f"/admin/news/category/{category.pk}/change/"
    assert anna.post(url, form_data(anna.get(url), order="9")).status_code == 302

    refused = boris.post("/admin/news/category/", list_data(boris_list, other.pk, order=6))

    assert refused.status_code == 200
    assert "Anna saved category “Statements and comments” at" in refused.text
    assert "It now reads: Order: 9" in refused.text
    category.refresh_from_db()
    assert category.order == 9
    other.refresh_from_db()
    assert other.order == 5  # nothing of that list is saved: the editor sees it all again
    # Opened again, the list saves.
    fresh = list_data(boris.get("/admin/news/category/"), category.pk, order=3)
    assert boris.post("/admin/news/category/", fresh).status_code == 302
    category.refresh_from_db()
    assert category.order == 3


def restore_url(publication, version):
    return f"/admin/news/publication/{publication.pk}/history/{version.history_id}/"


def test_a_restore_form_opened_before_a_takedown_is_refused_and_the_page_stays_down(
    officers, make_publication
):
    anna, boris = officers
    item = make_publication(title_en="Talks in Geneva", lead_en="The first lead.")
    assert save(anna, item, open_form(anna, item), lead_en="The second lead.").status_code == 302
    first = item.history.order_by("history_id").first()
    boris_restore = boris.get(restore_url(item, first))
    assert boris_restore.status_code == 200

    assert save(anna, item, open_form(anna, item), status="unpublished").status_code == 302
    refused = boris.post(restore_url(item, first), form_data(boris_restore))

    assert refused.status_code == 200
    assert "Anna saved this publication at" in refused.text
    item.refresh_from_db()
    assert (item.status, item.lead_en) == ("unpublished", "The second lead.")
    assert Client().get(item.get_absolute_url()).status_code == 410


def test_a_restore_form_opened_after_the_last_save_restores(officers, make_publication):
    anna, boris = officers
    item = make_publication(title_en="Talks in Geneva", lead_en="The first lead.")
    assert save(anna, item, open_form(anna, item), lead_en="The second lead.").status_code == 302
    first = item.history.order_by("history_id").first()

    restored = boris.post(restore_url(item, first), form_data(boris.get(restore_url(item, first))))

    assert restored.status_code == 302
    item.refresh_from_db()
    assert item.lead_en == "The first lead."


def test_the_version_of_another_publications_form_does_not_let_an_older_form_through(
    officers, make_publication
):
    anna, boris = officers
    taken_down = make_publication(title_en="Taken down", lead_en="The old lead.")
    other = make_publication(title_en="Other")
    boris_form = open_form(boris, taken_down)
    assert save(anna, taken_down, open_form(anna, taken_down), status="unpublished").status_code == 302
    assert save(anna, other, open_form(anna, other), lead_en="Moved on.").status_code == 302
    taken_down.refresh_from_db()
    other.refresh_from_db()
    assert other.version == taken_down.version  # the other form's version is the number this one needs

    data = form_data(boris_form, lead_en="A better lead.")
    data["edit_version"] = form_data(open_form(boris, other))["edit_version"]
    refused = boris.post(change_url(taken_down), data)

    assert refused.status_code == 200
    assert "has been saved by someone else since this form was opened" in refused.text
    taken_down.refresh_from_db()
    assert (taken_down.status, taken_down.lead_en) == ("unpublished", "The old lead.")


def test_the_version_of_another_kind_of_items_form_is_refused_not_an_error(
    officers, make_publication, category
):
    anna, _boris = officers
    item = make_publication(title_en="Talks in Geneva")
    annas_form = open_form(anna, item)
    assert save(anna, item, open_form(anna, item), title_en="Talks in Geneva, day two").status_code == 302

    data = form_data(annas_form, lead_en="A better lead.")
    data["edit_version"] = form_data(anna.get(f"/admin/news/category/{category.pk}/change/"))["edit_version"]
    refused = anna.post(change_url(item), data)

    assert refused.status_code == 200
    assert "has been saved by someone else since this form was opened" in refused.text
    item.refresh_from_db()
    assert item.lead_en != "A better lead."
