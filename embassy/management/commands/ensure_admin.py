import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".admin-credentials"


class Command(BaseCommand):
    help = "Make sure the local admin login exists, and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = CREDENTIALS_FILE.read_text().strip() if CREDENTIALS_FILE.exists() else ""
        if user is None:
            # A random password per checkout, kept beside it (git-ignored) so that it can be shown again.
            password = password or secrets.token_urlsafe(12)
            CREDENTIALS_FILE.write_text(password + "\n")
            CREDENTIALS_FILE.chmod(0o600)
            User.objects.create_superuser(username=username, email="", password=password)
        url = f"http://127.0.0.1:8000/{settings.ADMIN_URL_PATH}"
        shown = password or "(set by you)"
        self.stdout.write(self.style.SUCCESS(f"Admin: {url}  user: {username}  password: {shown}"))
