"""Bulk content for scale checks, and the list machinery that keeps deep pages and sitemaps cheap."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils.http import http_date

from news.demo_content import CATEGORIES
from news.models import ChangeNote, Publication
from news.sitemaps import PublicationSitemap

from .helpers import sitemap_entries, sitemap_pages

pytestmark = pytest.mark.django_db
UNTIL = "2024-06-30"


def generate(count, *options):
    call_command("generate_publications", str(count), "--until", UNTIL, *options, stdout=io.StringIO())


def generated():
    return list(
        Publication.objects.filter(slug__startswith="gen-")
        .order_by("slug")
        .values_list("slug", "title_en", "title_ru", "body_ru", "published_at", "category__slug", "status")
    )


# The generator


def test_generates_bilingual_and_english_only_publications_in_the_demo_categories(client):
    generate(300, "--seed", "7")

    publications = Publication.objects.filter(slug__startswith="gen-")
    bilingual = publications.in_language("ru").count()
    assert publications.count() == 300
    assert 120 < bilingual < 240  # about 60 %: the rest are English only
    assert publications.in_language("en").count() == 300
    assert set(publications.values_list("category__slug", flat=True)) == {c["slug"] for c in CATEGORIES}
    assert publications.published().count() > 290  # a few drafts and withdrawn items too
    years = {at.year for at in publications.values_list("published_at", flat=True)}
    assert min(years) == 2006 and max(years) == 2024


def test_generated_text_has_a_varied_vocabulary_in_both_languages(db):
    generate(200, "--seed", "7")

    for code, common in (("en", "sanctions"), ("ru", "санкций")):
        text = " ".join(Publication.objects.values_list(f"body_{code}", flat=True))
        words = set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", text).lower()))
        assert len(words) > 250, code
        assert common in words


def test_same_seed_gives_the_same_publications_and_adds_nothing_twice(db):
    generate(50, "--seed", "3")
    first = generated()

    generate(50, "--seed", "3")
    assert generated() == first

    generate(50, "--seed", "3", "--clear")
    assert generated() == first
    generate(10, "--seed", "4")
    assert len(generated()) == 60


def test_clear_deletes_only_generated_publications_and_what_refers_to_them(make_publication):
    kept = make_publication(title_en="Written by hand")
    generate(20)
    victim = Publication.objects.filter(slug__startswith="gen-").first()
    ChangeNote.objects.create(publication=victim, note_en="Corrected.")
    kept.replaced_by = victim
    kept.save()

    generate(0, "--clear")

    assert list(Publication.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.replaced_by is None
    assert not ChangeNote.objects.exists()


def test_generated_publications_show_at_once_on_cached_pages(visitor, make_publication):
    make_publication()
    assert visitor.get("/en/news/")["X-Cache"] == "miss"
    assert visitor.get("/en/news/")["X-Cache"] == "hit"

    generate(5)  # bulk_create sends no signal: the command renews the page cache itself

    response = visitor.get("/en/news/")
    assert response["X-Cache"] == "miss"
    assert "gen-1-" in response.text


# Lists


def test_a_missing_title_in_either_form_keeps_a_publication_out_of_that_language(make_publication):
    empty, missing = make_publication(title_ru=""), make_publication(title_ru=None)
    both = make_publication()

    assert list(Publication.objects.in_language("ru")) == [both]
    assert set(Publication.objects.in_language("en")) == {empty, missing, both}


def test_every_archive_page_holds_the_next_ten_newest_first(client, make_publications):
    make_publications(35)
    newest_first = list(Publication.objects.published().newest_first().values_list("title_en", flat=True))

    shown = []
    for page in range(1, 5):
        html = client.get(f"/en/news/?page={page}").text
        shown += [title for title in newest_first if f">{title}<" in html]

    assert shown == newest_first
    assert client.get("/en/news/?page=5").status_code == 404


def test_a_deep_page_costs_the_same_queries_as_the_second(count_queries, make_publications):
    make_publications(60)

    assert count_queries("/en/news/?page=6") == count_queries("/en/news/?page=2")


# The sitemap


@pytest.fixture
def small_sitemap_pages(monkeypatch):
    monkeypatch.setattr(PublicationSitemap, "limit", 10)


def test_sitemap_index_lists_each_page_of_each_language(client, make_publications, small_sitemap_pages):
    make_publications(15)
    make_publications(10, title_ru="", lead_ru="", body_ru="")

    index = client.get("/sitemap.xml").text

    assert "/sitemap-publications-en.xml?p=3<" in index and "/sitemap-publications-en.xml?p=4" not in index
    assert "/sitemap-publications-ru.xml?p=2<" in index and "/sitemap-publications-ru.xml?p=3" not in index
    assert client.get("/sitemap-publications-en.xml?p=4").status_code == 404


def test_sitemap_pages_together_list_every_address_once(client, make_publications, small_sitemap_pages):
    english = make_publications(15, title_ru="", lead_ru="", body_ru="")
    bilingual = make_publications(12)

    entries = sitemap_entries(client)  # fails on an address listed twice

    for publication in english + bilingual:
        path = f"/news/{publication.category.slug}/{publication.slug}/"
        assert f"http://testserver/en{path}" in entries
        assert (f"http://testserver/ru{path}" in entries) == (publication in bilingual)
    assert all(page.count("<url>") <= 10 for page in sitemap_pages(client))


def test_later_sitemap_pages_cost_the_same_queries(count_queries, make_publications, small_sitemap_pages):
    make_publications(45)
    first = count_queries("/sitemap-publications-en.xml")

    assert count_queries("/sitemap-publications-en.xml?p=5") == first


def test_sitemap_pages_are_dated_by_their_newest_change(client, make_publication):
    make_publication()
    newest = make_publication()

    response = client.get("/sitemap-publications-en.xml")

    assert response["Last-Modified"] == http_date(newest.updated_at.timestamp())
    assert response.text.count(f"<lastmod>{newest.updated_at:%Y-%m-%d}</lastmod>") == 2


@pytest.mark.parametrize("path", ["/en/news/feed/rss/", "/ru/news/feed/atom/"])
def test_feeds_go_out_in_one_piece(client, make_publications, path):
    make_publications(20)

    response = client.get(path)

    assert len(list(response)) == 1


def test_later_sitemap_pages_are_served_from_the_cache(visitor, make_publications, small_sitemap_pages):
    make_publications(25)

    assert visitor.queries_when_cached("/sitemap-publications-en.xml?p=2") == 0
