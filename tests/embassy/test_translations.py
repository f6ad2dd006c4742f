"""The Russian catalogue is complete and well-formed: every entry translated, none left fuzzy."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from news.models import Publication

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def test_the_russian_catalogue_names_its_language_and_has_no_fuzzy_entries():
    text = CATALOGUE.read_text()

    assert '"Language: ru\\n"' in text
    assert "#, fuzzy" not in text


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_msgfmt_finds_no_errors_and_nothing_untranslated():
    result = subprocess.run(
        ["msgfmt", "--check-format", "-c", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_slug_help_text_is_translated_in_full():
    with translation.override("ru"):
        help_text = str(Publication._meta.get_field("slug").help_text)

    assert help_text.endswith("после изменения старый адрес продолжает работать.")
