"""A form sent without its CSRF token gets the site's own translated page, which the CSP lets show."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "The form could not be sent"), ("ru", "Не удалось отправить форму")],
)
def test_language_switch_without_a_token_gets_the_translated_page(strict_client, language, heading):
    response = strict_client.post("/i18n/setlang/", {"language": "ru"}, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in response.text
    assert f'<html lang="{language}">' in response.text
    assert "CSRF verification failed" not in response.text
    assert "<style" not in response.text and "style=" not in response.text


def test_admin_login_without_a_token_gets_the_page_in_the_cookies_language(strict_client, settings):
    strict_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    response = strict_client.post(f"/{settings.ADMIN_URL_PATH}login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "<h1>Не удалось отправить форму</h1>" in response.text
    assert "<style" not in response.text and "style=" not in response.text
