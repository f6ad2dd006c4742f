import pytest

from news.models import ChangeNote, Publication
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


def test_control_characters_are_saved_as_spaces_in_every_translated_text(make_publication, make_category):
    """Word's soft line break (U+000B) and other C0 controls cannot be written in a feed; tab, line
    feed and carriage return are ordinary white space and stay."""
    publication = make_publication(
        title_en="Talks\x0bin Moscow",
        lead_en="On October 25, 2021\x0bPresident Putin\tmet\r\nthe Prime Minister.",
        body_ru="<p>Текст\x0cзаявления\x00</p>",
        withdrawal_reason_ru="Заменено\x1fновым заявлением.",
    )
    note = ChangeNote.objects.create(publication=publication, note_en="Corrected\x08the date.")
    category = make_category(name_en="Speeches\x0band interviews")

    publication.refresh_from_db()
    assert publication.title_en == "Talks in Moscow"
    assert publication.lead_en == "On October 25, 2021 President Putin\tmet\r\nthe Prime Minister."
    assert publication.body_ru == "<p>Текст заявления </p>"
    assert publication.withdrawal_reason_ru == "Заменено новым заявлением."
    note.refresh_from_db()
    assert note.note_en == "Corrected the date."
    category.refresh_from_db()
    assert category.name_en == "Speeches and interviews"


def test_a_control_character_is_a_space_already_when_validated(make_publication):
    publication = make_publication()
    publication.lead_en = "On October 25, 2021\x0bPresident Putin"

    publication.full_clean()

    assert publication.lead_en == "On October 25, 2021 President Putin"


def test_cleaning_stored_bodies_again_moves_the_version_of_those_it_changed(
    make_publication,
):
    loaded = make_publication(title_en="Imported")
    kept = make_publication(title_en="Clean")
    Publication.objects.filter(pk=loaded.pk).update(body_en="<p>Text</p><script>alert(1)</script>")
    loaded.refresh_from_db()
    kept.refresh_from_db()

    assert Publication.objects.filter(pk__in=[loaded.pk, kept.pk]).clean_bodies() == 1

    versions = dict(Publication.objects.values_list("pk", "version"))
    assert versions == {loaded.pk: loaded.version + 1, kept.pk: kept.version}
