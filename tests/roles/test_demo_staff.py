"""`make run` creates a demo login for each role and prints it; passwords never live in the repository."""

import pytest
from django.core.management import call_command

from embassy.management.commands import ensure_admin
from embassy.roles import load_demo


@pytest.fixture
def credential_files(tmp_path, monkeypatch, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(ensure_admin, "CREDENTIALS_FILE", tmp_path / ".admin-credentials")
    monkeypatch.setattr(ensure_admin, "STAFF_CREDENTIALS_FILE", tmp_path / ".staff-credentials")
    return tmp_path


def test_demo_creates_one_staff_user_per_role_without_a_usable_password(django_user_model):
    assert load_demo() == {"staff users": 2}
    assert load_demo() == {"staff users": 0}

    press = django_user_model.objects.get(username="press")
    consul = django_user_model.objects.get(username="consul")
    assert press.is_staff and not press.is_superuser and not press.has_usable_password()
    assert list(press.groups.values_list("name", flat=True)) == ["Press staff"]
    assert list(consul.groups.values_list("name", flat=True)) == ["Consular staff"]


def test_ensure_admin_gives_them_random_passwords_and_prints_the_same_ones_again(
    django_user_model, credential_files, capsys
):
    load_demo()

    call_command("ensure_admin")
    first = capsys.readouterr().out
    call_command("ensure_admin")
    second = capsys.readouterr().out

    stored = dict(
        line.split(" ") for line in (credential_files / ".staff-credentials").read_text().splitlines()
    )
    assert set(stored) == {"press", "consul"} and stored["press"] != stored["consul"]
    assert f"Press staff: http://127.0.0.1:8000/admin/  user: press  password: {stored['press']}" in first
    assert (
        f"Consular staff: http://127.0.0.1:8000/admin/  user: consul  password: {stored['consul']}" in first
    )
    assert first == second
    assert django_user_model.objects.get(username="consul").check_password(stored["consul"])
    assert (credential_files / ".staff-credentials").stat().st_mode & 0o077 == 0


def test_ensure_admin_does_not_invent_staff_users_without_the_demo(
    django_user_model, credential_files, capsys
):
    call_command("ensure_admin")

    assert "Press staff" not in capsys.readouterr().out
    assert not django_user_model.objects.filter(username__in=["press", "consul"]).exists()
