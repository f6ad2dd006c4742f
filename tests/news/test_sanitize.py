import pytest

from news.sanitize import clean_html


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<p onclick="alert(1)">x</p>',
        '<iframe src="https://example.org"></iframe>',
        "<style>body{display:none}</style>",
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_executable_html_never_survives(dirty):
    clean = clean_html(dirty).lower()

    for marker in ("<script", "onerror", "onclick", "onload", "javascript:", "data:", "<iframe", "<style"):
        assert marker not in clean


def test_allowed_markup_is_kept():
    html = '<h2>Heading</h2><p>A <strong>bold</strong> <a href="https://mid.ru/">link</a>.</p><ul><li>one</li></ul>'

    clean = clean_html(html)

    assert "<h2>Heading</h2>" in clean
    assert "<strong>bold</strong>" in clean
    assert 'href="https://mid.ru/"' in clean
    assert "<li>one</li>" in clean


def test_body_is_cleaned_when_saved_in_every_language(make_publication):
    publication = make_publication(
        body_en='<p>Fine</p><script>alert("en")</script>', body_ru='<p onmouseover="x()">Текст</p>'
    )
    publication.refresh_from_db()

    assert publication.body_en == "<p>Fine</p>"
    assert publication.body_ru == "<p>Текст</p>"
