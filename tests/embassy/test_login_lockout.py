"""Admin login: throttled per address, for one user name or several (django-axes), with a way back in;
never locked for a user name from everywhere, which would let anyone keep staff out."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def a_working_morning():
    """Lockouts last 30 minutes from each failure: the clock is chosen, and moves only as the test says."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def fail_login(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def test_five_failures_lock_that_address_out_even_with_the_right_password(client, admin_user):
    fail_login(client, "admin", 5)

    response = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    assert "Login locked" in response.text
    assert "ask a site administrator to unlock your account" in response.text
    assert "_auth_user_id" not in client.session


def test_failures_from_many_addresses_never_lock_the_account_out(client, admin_user):
    # A stranger fails the admin's login from five addresses, and again: before, that locked `admin`
    # out everywhere for 30 minutes, as often as they liked.
    for _round in range(2):
        for number in range(5):
            fail_login(client, "admin", 1, address=f"203.0.113.{20 + number}")

    response = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="198.51.100.6")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)


def test_each_guessing_address_is_still_locked_out_after_five_failures(client, admin_user):
    for number in range(3):
        fail_login(client, "admin", 5, address=f"203.0.113.{30 + number}")

    for number in range(3):
        right = {"username": "admin", "password": "password"}
        assert client.post(LOGIN, right, REMOTE_ADDR=f"203.0.113.{30 + number}").status_code == 429


def test_a_lockout_ends_after_half_an_hour(client, admin_user, a_working_morning):
    fail_login(client, "admin", 5)
    a_working_morning.shift(60 * 30 + 1)

    response = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302


def test_five_failures_from_one_address_lock_that_address_out(client, admin_user):
    for number in range(5):
        fail_login(client, f"guess-{number}", 1, address="203.0.113.9")

    locked = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.9")
    elsewhere = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="198.51.100.2")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_four_failures_do_not_lock(client, admin_user):
    fail_login(client, "admin", 4)

    response = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302


def test_a_successful_login_forgets_only_its_own_failures(client, admin_user, django_user_model):
    django_user_model.objects.create_user("press", password="press-password", is_staff=True)
    for _ in range(4):  # four guesses at the admin's password, then a login of one's own, again
        fail_login(client, "admin", 4)
        client.post(LOGIN, {"username": "press", "password": "press-password"}, REMOTE_ADDR="203.0.113.7")
        client.logout()

    response = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429


def test_a_successful_login_forgets_the_users_own_mistakes(client, admin_user):
    def log_in():
        credentials = {"username": "admin", "password": "password"}
        return client.post(LOGIN, credentials, REMOTE_ADDR="203.0.113.7").status_code

    fail_login(client, "admin", 4)
    assert log_in() == 302
    client.logout()

    fail_login(client, "admin", 4)

    assert log_in() == 302


def test_a_superuser_can_unlock_with_axes_reset(client, admin_user):
    fail_login(client, "admin", 5)

    call_command("axes_reset_username", "admin", verbosity=0)
    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)

    response = client.post(LOGIN, {"username": "admin", "password": "password"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302


def test_behind_a_proxy_the_address_is_read_from_x_forwarded_for(client, admin_user, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "nobody", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.50",
        )

    other_visitor = client.post(
        LOGIN,
        {"username": "admin", "password": "password"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.3",
    )

    assert other_visitor.status_code == 302  # the proxy's address itself was never locked
