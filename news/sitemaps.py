from functools import cached_property, partial
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from embassy.pagination import DeferredJoinPaginator

from .models import Category, Publication

# Addresses per sitemap page. The protocol allows 50,000, but such a page takes seconds to make and
# weighs 18 MB; at 1,000 one takes 2–2.5 times the archive's first page (bench/scale_check.py).
PUBLICATIONS_PER_PAGE = 1000


class PublicationSitemap(Sitemap):
    """Every publication that answers at its address (withdrawn ones too) in one language, each with
    the addresses of all its languages as alternates. The sitemap index has one section per language.

    Made for 100,000 publications: a section is paginated in the database (a count, then one page of
    rows by primary key, see DeferredJoinPaginator), where Django's i18n sitemaps would load every
    publication for every page; rows are tuples of the few columns an address needs, not models;
    addresses are formatted, not reversed one by one; and each entry's XML is written here (the
    template, sitemap_section.xml, only places it) in a tenth of the time its tags would take.
    """

    limit = PUBLICATIONS_PER_PAGE

    def __init__(self, language):
        self.language = language
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.paths = {code: detail_path_format(code) for code in self.languages}

    @classmethod
    def sections(cls):
        """A section per language; the sitemap views make a fresh instance for each request."""
        return {f"publications-{code}": partial(cls, code) for code, _name in settings.LANGUAGES}

    def items(self):
        return (
            Publication.objects.readable()
            .in_language(self.language)
            .newest_first()
            .values_list("slug", "category_id", "updated_at", *self.title_fields(), named=True)
        )

    def title_fields(self):
        return [f"title_{code}" for code in self.languages]

    @cached_property
    def category_slugs(self):
        # One query rather than a join: the page's keys then come from the index alone.
        return dict(Category.objects.values_list("pk", "slug"))

    def path(self, item, code):
        return self.paths[code].format(self.category_slugs[item.category_id], item.slug)

    @property
    def paginator(self):
        return DeferredJoinPaginator(self.items(), self.limit)

    def location(self, item):
        return self.path(item, self.language)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """None: the index would otherwise read every row for the newest change (no index has it)."""
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            item = url["item"]
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{code}" '
                f"href={quoteattr(origin + self.path(item, code))}/>"
                for code in self.languages
                if getattr(item, f"title_{code}")
            )
            lastmod = timezone.localdate(url["lastmod"]).isoformat()
            url["xml"] = mark_safe(
                f"<url><loc>{escape(url['location'])}</loc><lastmod>{lastmod}</lastmod>{links}</url>"
            )
        return urls


def detail_path_format(code):
    """A publication's path in language `code`, to be filled with str.format(category_slug, slug)."""
    with translation.override(code):
        path = reverse("news:detail", args=["CATEGORY", "SLUG"])
    return path.replace("CATEGORY", "{0}").replace("SLUG", "{1}")


class ArchiveSitemap(Sitemap):
    """The archive in every language, and each category's list in the languages it has publications
    in: an empty list is no page to offer a search engine."""

    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return [None, *Category.objects.all()]

    def get_languages_for_item(self, item):
        languages = super().get_languages_for_item(item)
        if item is None:
            return languages
        return [code for code in languages if item.pk in self.categories_with_publications[code]]

    @cached_property
    def categories_with_publications(self):
        """{language: ids of the categories whose list in it has a publication}, a query per language
        (an index probe per category, whatever the number of publications). Lists show the published
        only: a withdrawn publication answers at its address but is in no list."""
        return {
            code: set(
                Category.objects.filter(
                    Exists(Publication.objects.published().in_language(code).filter(category=OuterRef("pk")))
                ).values_list("pk", flat=True)
            )
            for code in super().get_languages_for_item(None)
        }

    def location(self, item):
        return item.get_absolute_url() if item else reverse("news:list")
