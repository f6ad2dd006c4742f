import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from news.models import Publication

from .helpers import sitemap_entries


def detail_url(publication, language="en"):
    return f"/{language}/news/{publication.category.slug}/{publication.slug}/"


def alternates(html):
    """{hreflang: address} of the page's <link rel="alternate" hreflang> elements."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switcher(html):
    """{language: address} of the language switcher's links."""
    nav = html[html.index('<nav class="language-switcher"') :]
    nav = nav[: nav.index("</nav>")]
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([\w-]+)"', nav)}


# Home


def test_root_redirects_by_accept_language(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").url == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").url == "/en/"


def test_root_defaults_to_english(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").url == "/en/"
    assert client.get("/").url == "/en/"


def test_home_shows_newest_featured_publication_in_full(client, make_publication):
    make_publication(is_featured=True, title_en="Old speech", published_at=timezone.now() - timedelta(days=9))
    make_publication(is_featured=True, title_en="New speech", body_en="<p>Ladies and gentlemen,</p>")

    html = client.get("/en/").text

    featured = html[html.index('class="featured"') : html.index('class="latest"')]
    assert "New speech" in featured
    assert "<p>Ladies and gentlemen,</p>" in featured
    assert "Old speech" not in featured


def test_home_lists_latest_events_with_dates_titles_and_leads(client, make_publication):
    item = make_publication(
        title_en="Telephone conversation",
        lead_en="The presidents spoke.",
        published_at=datetime(2021, 10, 25, 14, 0, tzinfo=UTC),
    )

    html = client.get("/en/").text

    latest = html[html.index('class="latest"') :]
    assert "25.10.2021" in latest
    assert f'href="{detail_url(item)}"' in latest
    assert "The presidents spoke." in latest
    assert 'href="/en/news/"' in latest  # "All messages"


def test_home_in_russian_lists_only_russian_publications(client, make_publication):
    make_publication(title_en="Bilingual", title_ru="Двуязычная")
    make_publication(title_en="English only", title_ru="", lead_ru="", body_ru="")

    html = client.get("/ru/").text

    assert "Двуязычная" in html
    assert "English only" not in html
    assert "Последние события" in html


def test_home_has_one_h1_landmarks_and_skip_link(client, make_publication):
    make_publication(is_featured=True)

    html = client.get("/en/").text

    assert html.count("<h1") == 1
    for landmark in ("<header", "<main", "<nav", "<footer"):
        assert landmark in html
    assert 'href="#main"' in html


# Archive and categories


def test_archive_lists_newest_first_ten_a_page(client, make_publications):
    make_publications(23)

    first = client.get("/en/news/")
    last = client.get("/en/news/?page=3")

    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 10
    assert len(last.context["page"].object_list) == 3
    times = [p.published_at for p in first.context["page"].object_list]
    assert times == sorted(times, reverse=True)


def test_archive_page_links_have_a_window_and_first_last_jumps(client, make_publications):
    make_publications(200)  # 20 pages

    html = client.get("/en/news/?page=10").text

    pages = re.findall(r'href="\?page=(\d+)"', html)
    assert "1" in pages and "20" in pages  # first and last jumps
    assert {"8", "9", "11", "12"} <= set(pages)  # window around the current page
    assert "5" not in pages  # elided
    assert '<span aria-current="page">10</span>' in html
    assert "…" in html


def test_category_list_shows_only_its_category(client, make_publication, make_category):
    speeches = make_category(slug="speeches", name_en="Speeches")
    speech = make_publication(category=speeches, title_en="A speech")
    make_publication(title_en="A statement")

    html = client.get("/en/news/speeches/").text

    assert speech.title_en in html
    assert "A statement" not in html
    assert "<h1>Speeches</h1>" in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "123456789012345678901234567890", "1.5", ""])
def test_bad_page_numbers_are_a_translated_styled_404(client, make_publications, page):
    make_publications(3)

    response = client.get(f"/ru/news/?page={page}")

    assert response.status_code == 404
    assert "Страница не найдена" in response.text
    assert "css/site.css" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/en/news/no-such-category/",
        "/en/news/statements/no-such-slug/",
        "/de/",
        "/xx/news/",
        "/en/news/Bad Slug/",
    ],
)
def test_unknown_addresses_are_404(client, category, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.text or path.startswith(("/de/", "/xx/"))


# Article


def test_article_page_shows_date_category_and_full_text(client, make_publication):
    item = make_publication(
        title_en="Remarks in Seoul",
        body_en="<p>We held constructive talks.</p>",
        published_at=datetime(2021, 3, 25, 12, 0, tzinfo=UTC),
    )

    html = client.get(detail_url(item)).text

    assert "<h1>Remarks in Seoul</h1>" in html
    assert "25 March 2021" in html
    assert "<p>We held constructive talks.</p>" in html
    assert f'href="/en/news/{item.category.slug}/"' in html


def test_article_date_is_in_russian_on_the_russian_page(client, make_publication):
    item = make_publication(published_at=datetime(2021, 10, 26, 12, 0, tzinfo=UTC))

    assert "26 октября 2021" in client.get(detail_url(item, "ru")).text


def test_article_has_canonical_and_hreflang_alternates(client, make_publication):
    item = make_publication()

    html = client.get(detail_url(item)).text

    assert f'<link rel="canonical" href="http://testserver{detail_url(item)}">' in html
    assert f'hreflang="ru" href="http://testserver{detail_url(item, "ru")}"' in html
    assert f'hreflang="en" href="http://testserver{detail_url(item)}"' in html


def test_a_shared_article_link_previews_with_its_title_lead_address_and_languages(client, make_publication):
    bilingual = make_publication(title_en="Statement on the talks", lead_en="The lead.")
    english_only = make_publication(title_ru="", lead_ru="", body_ru="")

    html = client.get(detail_url(bilingual)).text
    russian = client.get(detail_url(bilingual, "ru")).text
    alone = client.get(detail_url(english_only)).text

    assert '<meta property="og:title" content="Statement on the talks">' in html
    assert '<meta property="og:description" content="The lead.">' in html
    assert f'<meta property="og:url" content="http://testserver{detail_url(bilingual)}">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:locale:alternate" content="ru_RU">' in html
    assert '<meta property="og:locale" content="ru_RU">' in russian
    assert '<meta property="og:locale:alternate" content="en_GB">' in russian
    assert "og:locale:alternate" not in alone
    assert '<meta name="twitter:card" content="summary">' in html  # no image to show large


def test_article_links_to_its_other_language(client, make_publication):
    item = make_publication()

    html = client.get(detail_url(item)).text

    assert f'<a href="{detail_url(item, "ru")}" hreflang="ru" lang="ru">Русский</a>' in html


def test_article_missing_in_a_language_redirects_to_one_it_has(client, make_publication):
    english_only = make_publication(title_ru="", lead_ru="", body_ru="")

    response = client.get(detail_url(english_only, "ru"))

    assert response.status_code == 302
    assert response.url == detail_url(english_only, "en")


def test_russian_only_article_redirects_from_english_and_has_a_transliterated_slug(client, make_publication):
    russian_only = make_publication(
        slug="", title_en="", lead_en="", body_en="", title_ru="Заявление о встрече"
    )

    response = client.get(detail_url(russian_only, "en"))

    assert russian_only.slug == "zaiavlenie-o-vstreche"
    assert response.status_code == 302
    assert response.url == detail_url(russian_only, "ru")


def test_404_page_offers_each_language_home_and_no_false_alternates(client, db):
    html = client.get("/en/no-such-page/").text

    assert 'href="/ru/" hreflang="ru"' in html
    assert 'hreflang="ru" href' not in html


def test_english_only_article_offers_no_hreflang_for_russian(client, make_publication):
    english_only = make_publication(title_ru="", lead_ru="", body_ru="")

    html = client.get(detail_url(english_only)).text

    assert 'hreflang="ru" href' not in html


def test_article_under_a_wrong_category_redirects_permanently(client, make_publication, make_category):
    item = make_publication()
    other = make_category(slug="other")

    response = client.get(f"/en/news/{other.slug}/{item.slug}/")

    assert response.status_code == 301
    assert response.url == detail_url(item)


def test_article_image_has_alt_and_dimensions(client, make_publication, tmp_path, settings):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    Image.new("RGB", (64, 48), "navy").save(buffer, "JPEG")
    item = make_publication()
    item.images.create(
        image=SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg"),
        alt_en="The minister at the podium",
    )

    html = client.get(detail_url(item)).text

    assert 'width="64" height="48" alt="The minister at the podium"' in html


# Language switcher


def test_language_switcher_keeps_the_visitor_on_the_same_page(client, make_publications):
    make_publications(15)

    html = client.get("/en/news/?page=2").text

    assert 'href="/ru/news/?page=2" hreflang="ru"' in html


def test_a_later_page_switches_to_the_first_where_the_other_language_has_fewer(client, make_publications):
    make_publications(5)
    make_publications(10, title_ru="", lead_ru="", body_ru="")  # English: two pages; Russian: one

    html = client.get("/en/news/?page=2").text

    assert switcher(html)["ru"] == "/ru/news/"
    assert client.get("/ru/news/").status_code == 200
    assert client.get("/ru/news/?page=2").status_code == 404


def test_a_later_page_of_a_list_has_no_hreflang_alternates(client, make_publications):
    make_publications(15)  # two pages in each language, of other publications at other times

    assert alternates(client.get("/en/news/?page=2").text) == {}
    assert alternates(client.get("/ru/news/statements/?page=2").text) == {}
    assert alternates(client.get("/en/news/").text) == {
        "en": "http://testserver/en/news/",
        "ru": "http://testserver/ru/news/",
    }


def test_a_category_without_publications_in_a_language_switches_to_its_home_page(
    client, make_publication, make_category
):
    interviews = make_category(slug="interviews")
    make_publication(category=interviews, title_ru="", lead_ru="", body_ru="")

    html = client.get("/en/news/interviews/").text

    assert switcher(html)["ru"] == "/ru/"
    assert 'title="This page has no version in this language; go to its home page"' in html
    assert alternates(html) == {"en": "http://testserver/en/news/interviews/"}


def test_list_alternates_are_the_sitemaps(client, make_publication, make_category):
    english_only = make_category(slug="english-only")
    make_publication(category=english_only, title_ru="", lead_ru="", body_ru="")
    russian_only = make_category(slug="russian-only")
    make_publication(category=russian_only, slug="russian", title_en="", lead_en="", body_en="")
    make_publication()  # in both languages, in "statements"
    make_category(slug="empty")
    sitemap = sitemap_entries(client)

    for category in ("", "english-only/", "russian-only/", "statements/", "empty/"):
        for language in ("en", "ru"):
            address = f"http://testserver/{language}/news/{category}"
            html = client.get(address).text
            assert alternates(html) == sitemap.get(address, {}), address


@pytest.mark.parametrize("page", ["", "consular/"])
def test_pages_other_than_lists_keep_their_alternates(client, db, page):
    html = client.get(f"/ru/{page}").text

    assert alternates(html) == {"en": f"http://testserver/en/{page}", "ru": f"http://testserver/ru/{page}"}
    assert switcher(html) == {"en": f"/en/{page}"}


def test_russian_page_switches_back_to_english(client, make_publication):
    item = make_publication()

    html = client.get(detail_url(item, "ru")).text

    assert f'href="{detail_url(item)}" hreflang="en"' in html


def test_drafts_never_appear_in_lists(client, make_publication):
    make_publication(status=Publication.Status.DRAFT, title_en="Secret draft")
    make_publication(published_at=timezone.now() + timedelta(days=1), title_en="Embargoed")

    for path in ("/en/", "/en/news/", "/en/news/feed/rss/", "/en/news/feed/atom/"):
        body = client.get(path).text
        assert "Secret draft" not in body
        assert "Embargoed" not in body
