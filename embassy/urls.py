from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from consular.sitemaps import ConsularSitemap
from news.search_views import search
from news.sitemaps import ArchiveSitemap, PublicationSitemap

from . import views
from .sitemaps import HomeSitemap

sitemaps = {
    "home": HomeSitemap,
    "archive": ArchiveSitemap,
    **PublicationSitemap.sections(),
    "consular": ConsularSitemap,
}

urlpatterns = [
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # A sitemap index, and each section's pages (?p=2…) at sitemap-<section>.xml.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps, "template_name": "sitemap_section.xml"},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.health, name="health"),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("news/", include("news.urls")),
    path("search/", search, name="search"),
    path("consular/", include("consular.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages that render even when the database is down (see embassy/errors.py).
handler400 = "embassy.errors.bad_request"
handler403 = "embassy.errors.permission_denied"
handler404 = "embassy.errors.page_not_found"
handler500 = "embassy.errors.server_error"
