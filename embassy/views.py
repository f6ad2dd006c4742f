"""Site-wide pages: the home page that gathers the apps' parts, robots.txt and health."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from news.models import Publication

LATEST_EVENTS = 10


def home(request):
    language = request.LANGUAGE_CODE
    publications = Publication.objects.published().in_language(language).newest_first()
    featured = publications.filter(is_featured=True).as_entries(language, f"body_{language}").first()
    latest = publications.exclude(pk=featured.pk) if featured else publications
    return render(
        request,
        "home.html",
        {"featured": featured, "latest": list(latest.as_entries(language)[:LATEST_EVENTS])},
    )


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    # The admin path is configurable and deliberately not named here.
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@never_cache
@require_GET
def health(request):
    """Whether the database and the cache answer: 200 when both do, 503 otherwise.

    Cheap enough to probe every few seconds: one query and two cache calls.
    """
    checks = {"database": _database_answers, "cache": _cache_answers}
    states = {}
    for name, check in checks.items():
        try:
            states[name] = "ok" if check() else "unavailable"
        except Exception:  # noqa: BLE001 - any failure means "down" here
            states[name] = "unavailable"
    status = 200 if all(state == "ok" for state in states.values()) else 503
    return JsonResponse(states, status=status)


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def _cache_answers():
    cache.set("healthz", "ok", 10)
    return cache.get("healthz") == "ok"
