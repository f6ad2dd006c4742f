"""The header's consular block on every page, and the consular contacts page in both languages."""

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.news.helpers import sitemap_entries

# Tuesday 26 October 2021, 10:00 in London: the demo office is open.
TUESDAY_MORNING = datetime(2021, 10, 26, 10, 0, tzinfo=ZoneInfo("Europe/London"))
FRIDAY_AFTERNOON = datetime(2021, 10, 29, 16, 0, tzinfo=ZoneInfo("Europe/London"))


def header(html):
    return html[html.index("<header") : html.index("</header>")]


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize("path", ["/en/", "/ru/", "/en/news/", "/ru/news/", "/en/consular/", "/ru/consular/"])
def test_every_page_header_shows_the_primary_office_phone_and_email(client, office, make_office, path):
    make_office(phone="+442079460123", email="other@example.org")  # not primary: not in the header

    block = header(client.get(path).text)

    assert '<a href="tel:+442036687474">020 3668 7474</a>' in block
    assert '<a href="mailto:info@rusemb.org.uk">info@rusemb.org.uk</a>' in block
    assert "other@example.org" not in block


def test_header_block_is_labelled_in_each_language(client, office):
    assert "Consular queries:" in header(client.get("/en/").text)
    assert "Консульские вопросы:" in header(client.get("/ru/").text)


def test_article_and_not_found_pages_have_the_block_too(client, office, make_publication):
    article = make_publication()

    assert "tel:+442036687474" in header(client.get(article.get_absolute_url()).text)
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "tel:+442036687474" in header(response.text)


def test_without_offices_the_header_has_no_block_and_nothing_breaks(client, db):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "consular-queries" not in response.text


def test_without_a_marked_primary_the_first_office_is_shown(client, make_office):
    make_office(email="second@example.org", order=2)
    make_office(email="first@example.org", order=1)

    assert "first@example.org" in header(client.get("/en/").text)


def test_a_change_in_the_admin_shows_at_the_next_request(client, office):
    assert "020 3668 7474" in client.get("/en/").text

    office.phone = "+442079460999"
    office.save()

    assert "020 7946 0999" in client.get("/en/").text


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_consular_page_in_english(client, make_office):
    make_office(
        name_en="Consular Section",
        is_primary=True,
        notes_en="By appointment only.",
        closures=[
            (date(2021, 10, 1), date(2021, 10, 1), "Past closure", "Прошлое"),
            (date(2021, 12, 27), date(2021, 12, 28), "Christmas bank holidays", "Рождественские выходные"),
        ],
        phones=[("Visa enquiries", "Визовые вопросы", "+442079460123")],
    )

    response = client.get("/en/consular/")

    assert response.status_code == 200
    html = response.text
    assert "<h1>Consular contacts</h1>" in html
    assert "Consular Section" in html and "By appointment only." in html
    assert "Open now — closes at 12:30" in html
    assert '<a href="tel:+442036687474">020 3668 7474</a>' in html
    assert "+44 20 3668 7474" in html  # for callers from abroad
    assert '<a href="tel:+442079460123">020 7946 0123</a>' in html and "Visa enquiries" in html
    assert '<a href="tel:+442079460958">020 7946 0958</a>' in html  # emergencies
    assert '<a href="mailto:info@rusemb.org.uk">' in html
    assert "5 Kensington Palace Gardens<br>London W8 4QP" in html
    assert "Monday</th>" in html and "09:30</time>–<time>12:30" in html
    assert "Saturday</th>\n              <td>closed" in html
    assert "Christmas bank holidays" in html
    assert "Past closure" not in html
    assert 'aria-current="page">Consular contacts</a>' in html


@time_machine.travel(FRIDAY_AFTERNOON, tick=False)
def test_consular_page_in_russian(client, make_office):
    make_office(
        name_ru="Консульский отдел",
        address_ru="Кенсингтон Пэлас Гарденс, 5",
        closures=[(date(2021, 11, 4), date(2021, 11, 4), "National Unity Day", "День народного единства")],
    )

    html = client.get("/ru/consular/").text

    assert '<html lang="ru">' in html
    assert "<h1>Консульские контакты</h1>" in html
    assert "Консульский отдел" in html and "Кенсингтон Пэлас Гарденс, 5" in html
    assert "Закрыто — откроется в понедельник в 09:30" in html
    assert "Понедельник</th>" in html
    assert "День народного единства" in html and "4 ноября 2021" in html


def test_untranslated_office_text_falls_back_to_english(client, make_office):
    make_office(name_en="Consular Section", name_ru="")

    assert "Consular Section" in client.get("/ru/consular/").text


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_json_ld_describes_a_government_office(client, make_office):
    office = make_office(
        name_en="Consular Section",
        closures=[(date(2021, 12, 27), date(2021, 12, 28), "Bank holidays", "Выходные")],
        phones=[("Visa enquiries", "Визовые вопросы", "+442079460123")],
    )

    (data,) = json_ld(client.get("/en/consular/").text)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["@id"] == f"http://testserver/en/consular/#office-{office.pk}"
    assert data["name"] == "Consular Section"
    assert data["telephone"] == "+442036687474"
    assert data["email"] == "info@rusemb.org.uk"
    assert data["address"] == "5 Kensington Palace Gardens\nLondon W8 4QP"
    assert [(c["@type"], c["contactType"], c["telephone"]) for c in data["contactPoint"]] == [
        ("ContactPoint", "Consular queries", "+442036687474"),
        ("ContactPoint", "Emergencies", "+442079460958"),
        ("ContactPoint", "Visa enquiries", "+442079460123"),
    ]
    assert data["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "09:30",
        "closes": "12:30",
    }
    assert [spec["dayOfWeek"] for spec in data["openingHoursSpecification"]] == [
        f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2021-12-27",
            "validThrough": "2021-12-28",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]


def test_json_ld_is_in_the_page_language(client, office):
    (data,) = json_ld(client.get("/ru/consular/").text)

    assert data["name"] == "Консульский отдел"
    assert data["contactPoint"][0]["contactType"] == "Консульские вопросы"


def test_json_ld_cannot_be_broken_out_of(client, make_office):
    make_office(name_en='</script><script>alert("x")</script> & <!--')

    html = client.get("/en/consular/").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)

    assert "<" not in block and ">" not in block
    assert json_ld(html)[0]["name"] == '</script><script>alert("x")</script> & <!--'


def count_queries(client, path):
    cache.clear()  # count the work of making the page, not of serving a stored copy
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_consular_page_queries_do_not_grow_with_offices(client, make_office):
    closures = [(date(2030, 1, day), date(2030, 1, day), "Closed", "Закрыто") for day in range(1, 6)]
    make_office(is_primary=True, closures=closures, phones=[("Visas", "Визы", "+442079460123")])
    few = count_queries(client, "/en/consular/")

    for _ in range(10):
        make_office(closures=closures, phones=[("Visas", "Визы", "+442079460123")])

    assert count_queries(client, "/en/consular/") == few


def test_header_block_costs_one_query(client, office, make_office, settings):
    make_office()
    with_block = count_queries(client, "/en/news/")
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {"context_processors": [p for p in processors if not p.startswith("consular.")]},
        }
    ]

    assert count_queries(client, "/en/news/") == with_block - 1


def test_sitemap_lists_the_consular_page_in_both_languages(client, db):
    addresses = sitemap_entries(client)  # every page of the sitemap index

    assert "http://testserver/en/consular/" in addresses
    assert "http://testserver/ru/consular/" in addresses


def test_json_ld_stays_valid_with_a_control_character_in_a_text(client, make_office):
    """JSON writes U+000B (Word's soft line break) as an escape, so the block still parses."""
    make_office(name_en="Consular\x0bsection")

    assert json_ld(client.get("/en/consular/").text)[0]["name"] == "Consular\x0bsection"
