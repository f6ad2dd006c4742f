from datetime import timedelta

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from embassy.clock import site_today

from . import schema
from .models import Closure, ConsularOffice


def office_list(request):
    """Every office with its contacts, week, upcoming closures and whether it is open right now."""
    now = timezone.now()
    # A day's margin: an office in a zone ahead of the site's may already be on tomorrow.
    since = site_today() - timedelta(days=1)
    offices = list(
        ConsularOffice.objects.prefetch_related(
            "opening_hours",
            "phone_numbers",
            Prefetch("closures", queryset=Closure.objects.upcoming(since)),
        )
    )
    page_url = request.build_absolute_uri(request.path)
    entries = []
    for office in offices:
        today = office.local_date(now)
        entries.append(
            {
                "office": office,
                "status": office.status_at(now),
                "closures": office.upcoming_closures(today),
                "schema": schema.office_data(office, page_url, today),
            }
        )
    return render(
        request,
        "consular/office_list.html",
        {"entries": entries, "json_ld": schema.json_ld([entry["schema"] for entry in entries])},
    )
