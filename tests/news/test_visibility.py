from datetime import timedelta

from django.utils import timezone

from news.models import Publication


def test_published_excludes_drafts_and_future_items(make_publication):
    visible = make_publication()
    make_publication(status=Publication.Status.DRAFT)
    make_publication(published_at=timezone.now() + timedelta(minutes=1))

    assert list(Publication.objects.published()) == [visible]


def test_published_includes_item_whose_instant_has_just_come(make_publication):
    moment = timezone.now() - timedelta(seconds=1)
    item = make_publication(published_at=moment)

    assert item in Publication.objects.published()


def test_in_language_requires_a_title_in_that_language(make_publication):
    both = make_publication()
    english_only = make_publication(title_ru="", lead_ru="", body_ru="")

    assert set(Publication.objects.in_language("en")) == {both, english_only}
    assert list(Publication.objects.in_language("ru")) == [both]


def test_newest_first_orders_by_publication_time(make_publication):
    older = make_publication(published_at=timezone.now() - timedelta(days=2))
    newer = make_publication(published_at=timezone.now() - timedelta(days=1))

    assert list(Publication.objects.newest_first()) == [newer, older]


def test_languages_lists_the_filled_titles(make_publication):
    assert make_publication().languages() == ["en", "ru"]
    assert make_publication(title_en="").languages() == ["ru"]


def test_draft_is_404_for_visitors(client, make_publication):
    draft = make_publication(status=Publication.Status.DRAFT)

    assert client.get(f"/en/news/{draft.category.slug}/{draft.slug}/").status_code == 404


def test_future_publication_is_404_until_its_time(client, make_publication):
    future = make_publication(published_at=timezone.now() + timedelta(hours=1))

    assert client.get(f"/en/news/{future.category.slug}/{future.slug}/").status_code == 404
