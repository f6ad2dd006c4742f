from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ConsularSitemap(Sitemap):
    """The consular contacts page, in every language."""

    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return ["consular:offices"]

    def location(self, item):
        return reverse(item)
