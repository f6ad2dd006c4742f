import xml.etree.ElementTree as ET

import pytest

from news.models import Category, Publication

from .helpers import sitemap_entries, sitemap_pages

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def bilingual_and_english_only(make_publication):
    return make_publication(title_en="Both", title_ru="Обе"), make_publication(
        title_en="Only English", title_ru="", lead_ru="", body_ru=""
    )


def test_rss_is_valid_and_has_the_language_items(client, bilingual_and_english_only):
    response = client.get("/en/news/feed/rss/")

    channel = ET.fromstring(response.content).find("channel")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Only English", "Both"]
    assert channel.find("item").findtext("link").startswith("http://testserver/en/news/")


def test_russian_rss_has_only_russian_items(client, bilingual_and_english_only):
    channel = ET.fromstring(client.get("/ru/news/feed/rss/").content).find("channel")

    assert channel.findtext("language") == "ru"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Обе"]
    assert "/ru/news/" in channel.find("item").findtext("link")


def test_atom_is_valid_with_entries(client, bilingual_and_english_only):
    feed = ET.fromstring(client.get("/ru/news/feed/atom/").content)

    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Обе"]
    assert entries[0].find(f"{ATOM}updated") is not None


@pytest.mark.parametrize(
    ("language", "embassy"),
    [
        ("en", "Embassy of the Russian Federation in the United Kingdom"),
        ("ru", "Посольство Российской Федерации в Соединённом Королевстве"),
    ],
    ids=["en", "ru"],
)
def test_atom_feeds_name_the_embassy_as_their_author(client, bilingual_and_english_only, language, embassy):
    """RFC 4287 §4.1.1: a feed without an author needs one in every entry; the feed's own serves all."""
    for path in (f"/{language}/news/feed/atom/", f"/{language}/news/statements/feed/atom/"):
        feed = ET.fromstring(client.get(path).content)

        assert feed.findtext(f"{ATOM}author/{ATOM}name") == embassy, path
        assert feed.findall(f"{ATOM}entry"), path


def test_category_feed_has_only_that_category(client, make_publication, make_category):
    speeches = make_category(slug="speeches")
    make_publication(category=speeches, title_en="A speech")
    make_publication(title_en="A statement")

    channel = ET.fromstring(client.get("/en/news/speeches/feed/rss/").content).find("channel")

    assert [item.findtext("title") for item in channel.findall("item")] == ["A speech"]


def test_feed_of_unknown_category_is_404(client, db):
    assert client.get("/en/news/nothing/feed/atom/").status_code == 404


def test_feeds_are_advertised_on_home_and_lists(client, category):
    for path in ("/en/", "/en/news/", f"/en/news/{category.slug}/"):
        html = client.get(path).text
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="/en/news/{category.slug}/feed/rss/"' in client.get(f"/en/news/{category.slug}/").text


def test_sitemap_lists_each_publication_in_its_languages_with_alternates(client, bilingual_and_english_only):
    both, english_only = bilingual_and_english_only

    urls = sitemap_entries(client)

    both_en = f"http://testserver/en/news/{both.category.slug}/{both.slug}/"
    both_ru = f"http://testserver/ru/news/{both.category.slug}/{both.slug}/"
    only_en = f"http://testserver/en/news/{english_only.category.slug}/{english_only.slug}/"
    assert urls[both_en] == {"en": both_en, "ru": both_ru}
    assert both_ru in urls
    assert urls[only_en] == {"en": only_en}
    assert only_en.replace("/en/", "/ru/") not in urls
    assert "http://testserver/en/" in urls and "http://testserver/ru/news/" in urls


def test_robots_txt_points_to_the_sitemap(client, db):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text


def test_sitemap_offers_a_category_list_only_in_the_languages_it_has_publications_in(
    client, bilingual_and_english_only, make_category, make_publication
):
    english_only = make_category(slug="english-only")
    make_publication(category=english_only, title_ru="", lead_ru="", body_ru="")
    make_category(slug="empty")

    urls = sitemap_entries(client)

    assert "http://testserver/en/news/english-only/" in urls
    assert "http://testserver/ru/news/english-only/" not in urls
    assert urls["http://testserver/en/news/english-only/"] == {
        "en": "http://testserver/en/news/english-only/"
    }
    assert not any("/news/empty/" in url for url in urls)
    assert {"http://testserver/en/news/statements/", "http://testserver/ru/news/statements/"} <= set(urls)
    assert {"http://testserver/en/news/", "http://testserver/ru/news/"} <= set(urls)


# U+000B is what Word and PowerPoint paste for a soft line break; XML 1.0 has no way to write it.
SOFT_BREAK = "\x0b"


def test_feeds_and_sitemap_never_fail_on_a_control_character_stored_before_it_was_cleaned(client, category):
    item = Publication(
        slug="putin",
        title_en="Talks",
        lead_en=f"On October 25, 2021{SOFT_BREAK}President Putin met the Prime Minister.",
        body_en="<p>Text.</p>",
        category=category,
        status=Publication.Status.PUBLISHED,
    )
    Publication.objects.bulk_create([item])  # as an older save or an import left it: no save()
    Category.objects.filter(pk=category.pk).update(name_en=f"Statements{SOFT_BREAK}and comments")

    for path in ("/en/news/feed/rss/", "/en/news/feed/atom/", f"/en/news/{category.slug}/feed/atom/"):
        response = client.get(path)
        assert response.status_code == 200, path
        ET.fromstring(response.content)  # well-formed
        assert "2021 President Putin" in response.text, path
        assert "Statements and comments" in response.text, path
    assert sitemap_pages(client)  # each page answers and parses


def test_sitemap_leaves_out_a_category_list_whose_only_publication_in_a_language_is_withdrawn(
    client, make_publication, make_category
):
    withdrawn = make_category(slug="withdrawn")
    make_publication(category=withdrawn, title_ru="", lead_ru="", body_ru="")
    make_publication(
        category=withdrawn,
        status=Publication.Status.WITHDRAWN,
        withdrawal_reason_ru="Ошибка.",
        withdrawal_reason_en="Mistaken.",
    )

    urls = sitemap_entries(client)

    # The publication's own page answers, with a notice, but it is out of every list.
    assert "Публикаций пока нет." in client.get("/ru/news/withdrawn/").text
    assert "http://testserver/ru/news/withdrawn/" not in urls
    assert urls["http://testserver/en/news/withdrawn/"] == {"en": "http://testserver/en/news/withdrawn/"}
