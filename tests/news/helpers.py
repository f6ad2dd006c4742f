import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

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
