"""Error pages that render even when the database is down.

base.html's header gathers parts of the apps (clocks, counters, consular contacts) through context
processors that read the database. An error page tries that full page first and falls back to
errors/base.html, which needs nothing but the templates and the translations; 400, 500 and 503 use
the minimal page straight away, since their cause may be the very thing the full page needs.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

MINIMAL_BASE = "errors/base.html"
RETRY_AFTER_SECONDS = 30


def render_error(request, template_name, status, *, full=True):
    if full:
        try:
            return render(request, template_name, {"base_template": "base.html"}, status=status)
        except Exception:  # noqa: BLE001 - whatever broke the full page, the minimal one must show
            logger.warning("The full %s page failed; serving the minimal one", status, exc_info=True)
    content = loader.render_to_string(template_name, {"base_template": MINIMAL_BASE})
    return HttpResponse(content, status=status)


def bad_request(request, exception):
    return render_error(request, "400.html", 400, full=False)


def permission_denied(request, exception):
    return render_error(request, "403.html", 403)


def page_not_found(request, exception):
    return render_error(request, "404.html", 404)


def server_error(request):
    """500, or 503 when the error is the database not answering (the visitor may simply retry)."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return service_unavailable(request)
    return render_error(request, "500.html", 500, full=False)


def service_unavailable(request):
    response = render_error(request, "503.html", 503, full=False)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
