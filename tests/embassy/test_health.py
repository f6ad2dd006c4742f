"""/healthz: the state of the database and the cache, for probes and load balancers."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_health_is_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_health_is_never_cached(client):
    cache_control = client.get("/healthz")["Cache-Control"]

    assert "no-store" in cache_control and "max-age=0" in cache_control


def test_health_is_503_when_the_database_is_down(client, database_down):
    database_down()

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_health_is_503_when_the_cache_is_down(client):
    # Nothing listens on port 1: the connection is refused at once.
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_health_costs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/healthz")
