"""Press staff and consular staff: groups kept in step with the models, each refused outside its work."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from consular.models import ConsularOffice
from embassy.roles import sync_role
from news.models import Category

PRESS_APPS = ("news", "counters")
CONSULAR_APPS = ("consular",)


def expected_permissions(app_labels):
    """Every permission of every model of the apps, derived from the model classes themselves."""
    names = set()
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            opts = model._meta
            names |= {f"{label}.{action}_{opts.model_name}" for action in opts.default_permissions}
            names |= {f"{label}.{codename}" for codename, _name in opts.permissions}
    return names


def group_permissions(name):
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


@pytest.fixture
def make_staff(django_user_model):
    def make(username, role):
        user = django_user_model.objects.create_user(username=username, password="unused-in-tests")
        call_command("grant_role", username, role, stdout=open("/dev/null", "w"))  # noqa: SIM115
        user.refresh_from_db()
        return user

    return make


@pytest.fixture
def press_client(client, make_staff):
    client.force_login(make_staff("press-officer", "press"))
    return client


@pytest.fixture
def consul_client(client, make_staff):
    client.force_login(make_staff("consul", "consular"))
    return client


def admin_changelists(app_label):
    return [
        f"/admin/{app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
        if model._meta.app_label == app_label
    ]


def admin_add_pages(app_label, admin_user, rf):
    """Add pages of the app's models that anyone may add to (not the read-only logs)."""
    request = rf.get("/")
    request.user = admin_user
    return [
        f"/admin/{app_label}/{model._meta.model_name}/add/"
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == app_label and model_admin.has_add_permission(request)
    ]


def test_groups_exist_after_migrate_with_exactly_their_apps_permissions(db):
    press = group_permissions("Press staff")
    consular = group_permissions("Consular staff")

    assert press == expected_permissions(PRESS_APPS)
    assert {"news.add_publication", "news.change_category", "counters.change_counter"} <= press
    assert consular == expected_permissions(CONSULAR_APPS)
    assert consular >= {
        "consular.change_consularoffice",
        "consular.add_closure",
        "consular.delete_openinghours",
    }
    assert not any(name.startswith("auth.") for name in press | consular)


def test_migrate_takes_back_a_permission_given_to_a_role_by_hand(db):
    Group.objects.get(name="Consular staff").permissions.add(Permission.objects.get(codename="add_user"))
    Group.objects.get(name="Press staff").permissions.remove(
        Permission.objects.get(codename="add_publication")
    )

    call_command("migrate", verbosity=0)

    assert group_permissions("Consular staff") == expected_permissions(CONSULAR_APPS)
    assert group_permissions("Press staff") == expected_permissions(PRESS_APPS)


def test_sync_creates_a_missing_group(db):
    Group.objects.filter(name="Press staff").delete()

    sync_role("press")

    assert group_permissions("Press staff") == expected_permissions(PRESS_APPS)


def test_press_staff_work_on_publications_categories_and_counters(press_client, admin_user, rf):
    assert press_client.get("/admin/news/publication/add/").status_code == 200
    response = press_client.post(
        "/admin/news/category/add/",
        {"name_en": "Speeches", "name_ru": "Выступления", "slug": "speeches", "order": 1},
    )
    assert response.status_code == 302, response.text
    assert Category.objects.filter(slug="speeches").exists()
    for path in admin_changelists("news") + admin_changelists("counters"):
        assert press_client.get(path).status_code == 200, path
    add_pages = admin_add_pages("news", admin_user, rf) + admin_add_pages("counters", admin_user, rf)
    assert "/admin/counters/counter/add/" in add_pages
    for path in add_pages:
        assert press_client.get(path).status_code == 200, path


def test_press_staff_are_refused_consular_and_user_pages(press_client):
    for path in [*admin_changelists("consular"), "/admin/consular/consularoffice/add/", "/admin/auth/user/"]:
        assert press_client.get(path).status_code == 403, path


def test_consular_staff_work_on_offices(consul_client):
    for path in admin_changelists("consular"):
        assert consul_client.get(path).status_code == 200, path
    assert consul_client.get("/admin/consular/consularoffice/add/").status_code == 200
    response = consul_client.post(
        "/admin/consular/consularoffice/add/",
        {
            "name_en": "Consular Section",
            "phone": "020 3668 7474",
            "email": "info@rusemb.org.uk",
            "time_zone": "Europe/London",
            "order": "0",
            **{
                f"{prefix}-{field}": value
                for prefix in ("phone_numbers", "opening_hours", "closures")
                for field, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
            },
        },
    )
    assert response.status_code == 302, response.text
    assert ConsularOffice.objects.get().phone == "+442036687474"


def test_consular_staff_are_refused_press_and_user_pages(consul_client):
    paths = [*admin_changelists("news"), *admin_changelists("counters"), "/admin/news/publication/add/"]
    for path in [*paths, "/admin/auth/user/", "/admin/auth/group/"]:
        assert consul_client.get(path).status_code == 403, path


def test_admin_index_shows_each_role_only_its_apps(press_client, client, make_staff):
    press_index = press_client.get("/admin/").text
    assert "/admin/news/publication/" in press_index and "/admin/consular/" not in press_index

    client.force_login(make_staff("consul-2", "consular"))
    consul_index = client.get("/admin/").text
    assert "/admin/consular/consularoffice/" in consul_index and "/admin/news/" not in consul_index


def test_grant_role_adds_the_user_to_the_group_and_makes_them_staff(django_user_model, capsys):
    user = django_user_model.objects.create_user(username="olga", password="unused-in-tests")

    call_command("grant_role", "olga", "Consular staff")

    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Consular staff"]
    assert "olga is now in “Consular staff”" in capsys.readouterr().out


def test_grant_role_refuses_an_unknown_role_and_names_the_roles(django_user_model):
    django_user_model.objects.create_user(username="olga", password="unused-in-tests")

    with pytest.raises(CommandError, match="Unknown role “editor”. Roles: press \\(Press staff\\), consular"):
        call_command("grant_role", "olga", "editor")


def test_grant_role_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user named “nobody”"):
        call_command("grant_role", "nobody", "press")
