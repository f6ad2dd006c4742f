"""Production settings come from the environment, fail loudly without a key, and pass `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def production(**extra):
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "embassy.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://embassy.example.org",
        "DJANGO_HTTPS": "1",
        **extra,
    }


def test_without_a_secret_key_start_up_fails_with_a_clear_message():
    result = manage("check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off" in result.stderr


def test_debug_is_off_unless_asked_for():
    script = "from django.conf import settings; print(settings.DEBUG)"

    assert manage("shell", "-v", "0", "-c", script, DJANGO_SECRET_KEY="k").stdout.strip() == "False"
    assert manage("shell", "-v", "0", "-c", script, DJANGO_DEBUG="1").stdout.strip() == "True"


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", **production())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_read_postgres_redis_and_the_admin_path_from_the_environment():
    script = (
        "from django.conf import settings as s; d = s.DATABASES['default']; c = s.CACHES['default'];"
        "print(d['ENGINE'], d['NAME'], d['OPTIONS']['connect_timeout'],"
        " d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']);"
        "print(c['BACKEND'], c['LOCATION']); print(s.ADMIN_URL_PATH, s.MEDIA_ROOT, s.TIME_ZONE)"
    )
    env = production(
        DATABASE_URL="postgres://embassy:pw@db:5432/embassy",
        REDIS_URL="redis://redis:6379/0",
        DJANGO_ADMIN_URL="staff-only",
        DJANGO_MEDIA_ROOT="/srv/media",
        SITE_TIME_ZONE="Europe/Moscow",
    )

    lines = manage("shell", "-v", "0", "-c", script, **env).stdout.splitlines()

    assert lines == [
        "embassy.postgresql embassy 3 60 True",
        "embassy.cache.RedisCache redis://redis:6379/0",
        "staff-only/ /srv/media Europe/Moscow",
    ]
