from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import Category, Publication
from .sanitize import without_control_characters

FEED_SIZE = 20


def xml_safe(value):
    """`value` (a text, or a dict or list of them, as feed generators keep them) without control
    characters."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


def embassy_name():
    """The embassy's name in the active language, as the site's pages give it."""
    return _("Embassy of the Russian Federation in the United Kingdom")


class PublicationsRssFeed(Feed):
    """The newest publications in the page's language, of all categories or of one."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes the document in hundreds of small pieces, each of which gunicorn
        # would send with a system call of its own (a cached feed served at a third of the rate of
        # a cached page); joined, it goes out in one.
        response.content = response.content
        return response

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Texts are saved without the control characters XML 1.0 forbids, but one in a row stored
        # before that, or written around save() (an import), must not make every feed holding it a 500.
        feed.feed = xml_safe(feed.feed)
        feed.items = [xml_safe(item) for item in feed.items]
        return feed

    def get_object(self, request, category_slug=None):
        return get_object_or_404(Category, slug=category_slug) if category_slug else None

    def title(self, category):
        site = embassy_name()
        return f"{category.name} — {site}" if category else site

    def author_name(self):
        # Atom requires an author (RFC 4287 §4.1.1): the feed's own stands for each of its entries.
        return embassy_name()

    def description(self, category):
        return _("The newest publications of the Embassy")

    def link(self, category):
        return category.get_absolute_url() if category else reverse("news:list")

    def feed_url(self, category):
        name = "news:category_rss" if category else "news:rss"
        return reverse(name, args=[category.slug] if category else [])

    def items(self, category):
        publications = (
            Publication.objects.published()
            .in_language(translation.get_language())
            .newest_first()
            .select_related("category")
        )
        if category:
            publications = publications.filter(category=category)
        return publications[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class PublicationsAtomFeed(PublicationsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)

    def feed_url(self, category):
        name = "news:category_atom" if category else "news:atom"
        return reverse(name, args=[category.slug] if category else [])
