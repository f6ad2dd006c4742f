"""schema.org JSON-LD for the consular page, built as Python data and serialised once."""

import json

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import ConsularOffice

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# As Django's json_script does: inside <script> a "</script>" or "<!--" in a text must not end the
# block, so <, > and & are written as JSON escapes, which parse back to the same characters.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def office_data(office: ConsularOffice, page_url: str, today) -> dict:
    """A GovernmentOffice with its contact points, weekly hours and upcoming closures."""
    contact_points = []
    if office.phone or office.email:
        contact_points.append(
            _without_empty(
                {
                    "@type": "ContactPoint",
                    "contactType": _("Consular queries"),
                    "telephone": office.phone,
                    "email": office.email,
                }
            )
        )
    if office.emergency_phone:
        contact_points.append(
            {"@type": "ContactPoint", "contactType": _("Emergencies"), "telephone": office.emergency_phone}
        )
    contact_points += [
        {"@type": "ContactPoint", "contactType": phone.label, "telephone": phone.number}
        for phone in office.phone_numbers.all()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "@id": f"{page_url}#office-{office.pk}",
        "name": office.name,
        "url": page_url,
        "address": office.address,
        "telephone": office.phone,
        "email": office.email,
        "contactPoint": contact_points,
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[hours.weekday]}",
                "opens": f"{hours.opens:%H:%M}",
                "closes": f"{hours.closes:%H:%M}",
            }
            for hours in office.opening_hours.all()
        ],
        # A closed day is written as opening and closing at midnight, as search engines document.
        "specialOpeningHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": closure.starts_on.isoformat(),
                "validThrough": closure.ends_on.isoformat(),
                "opens": "00:00",
                "closes": "00:00",
            }
            for closure in office.upcoming_closures(today)
        ],
    }
    return _without_empty(data)


def json_ld(data) -> str:
    """The JSON text to put inside <script type="application/ld+json">, safe in HTML."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE))  # noqa: S308


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", [], None)}
