import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from tests.admin_forms import opened_version

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_pages(client):
    """The XML text of every page the sitemap index at /sitemap.xml lists (each must answer 200)."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    pages = []
    for location in index.iterfind(f"{SITEMAP}sitemap/{SITEMAP}loc"):
        address = urlsplit(location.text)
        response = client.get(f"{address.path}?{address.query}")
        assert response.status_code == 200, location.text
        pages.append(response.text)
    return pages


def sitemap_entries(client):
    """{address: {hreflang: alternate address}} of every address in every page of the sitemap."""
    entries = {}
    for page in sitemap_pages(client):
        for url in ET.fromstring(page).iterfind(f"{SITEMAP}url"):
            location = url.findtext(f"{SITEMAP}loc")
            assert location not in entries, f"{location} is listed twice"
            entries[location] = {
                link.get("hreflang"): link.get("href") for link in url.iterfind(f"{XHTML}link")
            }
    return entries


def change_form(publication, *image_rows, initial=0, **overrides):
    """The admin change form of `publication` as a browser posts it, with `image_rows` in the inline."""
    local = timezone.localtime(publication.published_at)
    form = {
        "title_en": publication.title_en,
        "title_ru": publication.title_ru,
        "slug": publication.slug,
        "category": publication.category_id,
        "lead_en": publication.lead_en,
        "lead_ru": publication.lead_ru,
        "body_en": publication.body_en,
        "body_ru": publication.body_ru,
        "status": publication.status,
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
        "withdrawal_reason_en": publication.withdrawal_reason_en or "",
        "withdrawal_reason_ru": publication.withdrawal_reason_ru or "",
        "replaced_by": publication.replaced_by_id or "",
        **({"is_featured": "on"} if publication.is_featured else {}),
        "images-TOTAL_FORMS": str(len(image_rows)),
        "images-INITIAL_FORMS": str(initial),
        "change_notes-TOTAL_FORMS": "0",
        "change_notes-INITIAL_FORMS": "0",
        "embargo_links-TOTAL_FORMS": "0",
        "embargo_links-INITIAL_FORMS": "0",
        **overrides,
    }
    for i, row in enumerate(image_rows):
        defaults = {"id": "", "publication": publication.pk, "order": i, "alt_en": "", "alt_ru": ""}
        form.update({f"images-{i}-{key}": value for key, value in {**defaults, **row}.items()})
    return form


def post_change(client, publication, *image_rows, **kwargs):
    """Post `publication`'s admin change form (see change_form) as staff would: opened, then saved."""
    url = f"/admin/news/publication/{publication.pk}/change/"
    version = opened_version(client.get(url))
    return client.post(url, change_form(publication, *image_rows, edit_version=version, **kwargs))


def publication_time(moment):
    """The admin form's publication time fields (change_form overrides) for `moment`, in the site's zone."""
    local = timezone.localtime(moment)
    return {"published_at_0": local.strftime("%Y-%m-%d"), "published_at_1": local.strftime("%H:%M:%S")}


def embargo_row(link=None, *, expires_at=None, **fields):
    """One row of the embargo links inline: `link` as saved (add DELETE="on" to delete it), or a new one."""
    expires = timezone.localtime(
        expires_at or (link.expires_at if link else timezone.now() + timedelta(hours=1))
    )
    row = {
        "id": link.pk if link else "",
        "recipient": link.recipient if link else "Reuters",
        "expires_at_0": expires.strftime("%Y-%m-%d"),
        "expires_at_1": expires.strftime("%H:%M:%S"),
    }
    if link and link.is_revoked:
        row["is_revoked"] = "on"
    return row | fields


def embargo_links(*rows):
    """The embargo links inline's fields (change_form overrides) with `rows` from embargo_row, saved
    links first."""
    fields = {
        "embargo_links-TOTAL_FORMS": str(len(rows)),
        "embargo_links-INITIAL_FORMS": str(sum(1 for row in rows if row["id"])),
    }
    for i, row in enumerate(rows):
        fields |= {f"embargo_links-{i}-{key}": value for key, value in row.items()}
    return fields
