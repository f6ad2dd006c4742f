from html import unescape

from django.core.management import call_command

from news.models import Category, Publication


def test_demo_content_matches_the_reference(client, db):
    call_command("load_demo")

    html = unescape(client.get("/en/").text)

    assert "Sergey Lavrov’s remarks at a news conference following talks with Foreign Minister" in html
    assert "We held constructive, substantive and fruitful talks" in html
    assert "25.10.2021" in html and "President Putin's telephone conversation" in html
    assert Category.objects.count() == 5
    assert Publication.objects.published().in_language("ru").exists()
    assert Publication.objects.published().exclude(pk__in=Publication.objects.in_language("ru")).exists()


def test_demo_loading_is_idempotent_and_keeps_staff_edits(db):
    call_command("load_demo")
    edited = Publication.objects.get(is_featured=True)
    edited.title_en = "Edited by the press office"
    edited.save()
    counts = (Category.objects.count(), Publication.objects.count())

    call_command("load_demo")

    assert (Category.objects.count(), Publication.objects.count()) == counts
    edited.refresh_from_db()
    assert edited.title_en == "Edited by the press office"


def test_russian_home_page_is_a_real_page(client, db):
    call_command("load_demo")

    html = client.get("/ru/").text

    assert "Выступления, интервью, статьи" in html
    assert "Лавров" in html
