"""The WSGI application: Django behind the anonymous page cache (embassy/pagecache.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

from .pagecache import PageCache  # noqa: E402 - needs the settings module chosen

application = PageCache(get_wsgi_application())
