from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from embassy.roles import ROLES, find_role, grant


class Command(BaseCommand):
    help = "Add a user to a staff role (press or consular) and let them into the admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help="; ".join(f"{key} ({name})" for key, (name, _apps) in ROLES.items()))

    def handle(self, *args, username, role, **options):
        key = find_role(role)
        if key is None:
            choices = ", ".join(f"{k} ({name})" for k, (name, _apps) in ROLES.items())
            raise CommandError(f"Unknown role “{role}”. Roles: {choices}.")
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(
                f"No user named “{username}”. Add the user in the admin (Users) first."
            ) from None
        group = grant(user, key)
        self.stdout.write(
            self.style.SUCCESS(f"{username} is now in “{group.name}” and can log in to the admin.")
        )
