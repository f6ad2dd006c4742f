"""The framework's ceiling: one Django view returning a constant page of the home page's size.

Served by bench/benchmark.py under the same gunicorn settings as the site
(`gunicorn -c deploy/gunicorn.conf.py bench.ceiling:application`), with the site's settings module
except for the URLs, and with no middleware at all unless BENCH_CEILING_MIDDLEWARE=site, which keeps
the site's whole middleware stack (with the page cache off, as there is nothing to cache).
Nothing here is reachable from the site's own URLs.

`/home-data/` is the floor under the uncached home page: the home view and every context processor
run as for the real page, each lazy value is read, and the constant page is sent instead of the
template's. No template engine can make the home page faster than this.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402

SIZE = int(os.environ.get("BENCH_PAGE_BYTES", "10000"))
PAGE = ("<!DOCTYPE html><html lang=en><title>Ceiling</title><p>" + "x" * SIZE)[:SIZE]


def page(request):
    return HttpResponse(PAGE)


def read_without_template(request, template_name, context):
    """Stands in for `render`: reads everything the template would be given, renders nothing."""
    values = list(context.values())
    for processor in engines["django"].engine.template_context_processors:
        values.extend(processor(request).values())
    for value in values:
        bool(value)  # evaluates a lazy value (a query) as the template's first use of it would
    return HttpResponse(PAGE)


def home_data(request):
    from embassy import views

    views.render = read_without_template
    return views.home(request)


urlpatterns = [path("", page), path("home-data/", home_data)]

settings.ROOT_URLCONF = __name__
if os.environ.get("BENCH_CEILING_MIDDLEWARE") != "site":
    settings.MIDDLEWARE = []

application = get_wsgi_application()
