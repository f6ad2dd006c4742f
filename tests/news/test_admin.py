import pytest
from django.utils import timezone

from news.models import Publication


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_publication_list_shows_languages_and_filters(staff_client, make_publication):
    make_publication(title_en="Bilingual")
    make_publication(title_en="English only", title_ru="", lead_ru="", body_ru="")

    response = staff_client.get("/admin/news/publication/?language=ru")

    assert response.status_code == 200
    html = response.text
    assert "Bilingual" in html and "English only" not in html
    assert "EN, RU" in html
    for column in ("column-category", "column-published_at", "column-status", "column-is_featured"):
        assert column in html


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
            "title_en": "New statement",
            "title_ru": "",
            "slug": "new-statement",
            "category": category.pk,
            "lead_en": "Lead.",
            "body_en": '<p>Text</p><img src=x onerror="alert(1)"><script>alert(2)</script>',
            "status": Publication.Status.PUBLISHED,
            "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
            "published_at_1": "00:00:00",
            "image_alt_en": "",
        },
    )

    assert response.status_code == 302, response.text
    saved = Publication.objects.get(slug="new-statement")
    assert saved.body_en == "<p>Text</p>"
