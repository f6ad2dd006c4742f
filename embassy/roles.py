"""Staff roles: Django groups whose permissions are every permission of the apps the role looks after.

The groups are brought up to date after every `migrate` (post_migrate, see apps.py), so a model that
an app gains later is covered by its role without a data migration, and a permission given by hand
to a role's group is taken away again: the code is the one place a role is defined.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

# Role key (for the grant_role command) → (group name, the app labels whose models it manages).
ROLES = {
    "press": ("Press staff", ("news", "counters")),
    "consular": ("Consular staff", ("consular",)),
}

# Demo logins for `make run`: username → role. Their passwords are set by ensure_admin, never stored here.
DEMO_USERS = {"press": "press", "consul": "consular"}


def sync_role(key: str, using: str = DEFAULT_DB_ALIAS) -> Group:
    """Create the role's group if missing and give it exactly its apps' permissions."""
    name, app_labels = ROLES[key]
    group, _created = Group.objects.using(using).get_or_create(name=name)
    permissions = Permission.objects.using(using).filter(content_type__app_label__in=app_labels)
    group.permissions.set(permissions)
    return group


def sync_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: runs after auth has created the sender app's permissions."""
    for key, (_name, app_labels) in ROLES.items():
        # post_migrate is sent once per app, in INSTALLED_APPS order: re-syncing a role whenever one of
        # its apps comes by leaves it complete after the last of them.
        if sender.label in app_labels:
            sync_role(key, using=using)


def find_role(text: str) -> str | None:
    """The role key for a key or a group name, in any letter case ("press", "Press staff")."""
    wanted = text.strip().casefold()
    for key, (name, _apps) in ROLES.items():
        if wanted in (key, name.casefold()):
            return key
    return None


@transaction.atomic
def grant(user, key: str) -> Group:
    """Add `user` to the role's group and let them into the admin."""
    group = sync_role(key)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return group


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Demo staff logins, one per role, without a usable password until ensure_admin gives them one."""
    User = get_user_model()
    created = {"staff users": 0}
    for username, key in DEMO_USERS.items():
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(username=username, password=None)
        grant(user, key)
        created["staff users"] += 1
    return created
