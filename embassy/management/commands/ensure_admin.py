import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from embassy.roles import DEMO_USERS, ROLES

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".admin-credentials"
# "username password" lines for the demo staff logins that load_demo creates (also git-ignored).
STAFF_CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".staff-credentials"


class Command(BaseCommand):
    help = "Make sure the local admin login exists, and print it and the demo staff logins."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--site-url", default="http://127.0.0.1:8000", help="Where the site is served.")

    def handle(self, *args, username, site_url, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = CREDENTIALS_FILE.read_text().strip() if CREDENTIALS_FILE.exists() else ""
        if user is None:
            # A random password per checkout, kept beside it (git-ignored) so that it can be shown again.
            password = password or secrets.token_urlsafe(12)
            CREDENTIALS_FILE.write_text(password + "\n")
            CREDENTIALS_FILE.chmod(0o600)
            User.objects.create_superuser(username=username, email="", password=password)
            user = User.objects.get(username=username)
        url = f"{site_url.rstrip('/')}/{settings.ADMIN_URL_PATH}"
        shown = password if password and user.check_password(password) else "(set by you)"
        self.stdout.write(self.style.SUCCESS(f"Admin: {url}  user: {username}  password: {shown}"))
        self.ensure_demo_staff(url)

    def ensure_demo_staff(self, url):
        """Give the demo staff users (if load_demo made them) a random password, kept and printed."""
        User = get_user_model()
        known = {}
        if STAFF_CREDENTIALS_FILE.exists():
            known = dict(
                line.split(" ", 1) for line in STAFF_CREDENTIALS_FILE.read_text().splitlines() if " " in line
            )
        for username, role in DEMO_USERS.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                continue
            if not user.has_usable_password():
                known[username] = known.get(username) or secrets.token_urlsafe(12)
                user.set_password(known[username])
                user.save(update_fields=["password"])
            known_password = known.get(username)
            shown = (
                known_password if known_password and user.check_password(known_password) else "(set by you)"
            )
            group = ROLES[role][0]
            self.stdout.write(self.style.SUCCESS(f"{group}: {url}  user: {username}  password: {shown}"))
        if known:
            STAFF_CREDENTIALS_FILE.write_text(
                "".join(f"{name} {password}\n" for name, password in known.items())
            )
            STAFF_CREDENTIALS_FILE.chmod(0o600)
