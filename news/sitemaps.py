from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category, Publication


class PublicationSitemap(Sitemap):
    """Every publication that answers at its address (withdrawn ones too), in each language it has."""

    i18n = True
    alternates = True
    limit = 50000

    def items(self):
        return Publication.objects.readable().newest_first().select_related("category")

    def get_languages_for_item(self, item):
        return item.languages()

    def lastmod(self, item):
        return item.updated_at


class ArchiveSitemap(Sitemap):
    """The archive and its category lists, in every language."""

    i18n = True
    alternates = True
    changefreq = "daily"

    def items(self):
        return [None, *Category.objects.all()]

    def location(self, item):
        return item.get_absolute_url() if item else reverse("news:list")
