"""The WSGI application: Django behind the anonymous page cache (embassy/pagecache.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")

from .pagecache import PageCache  # noqa: E402 - needs the settings module chosen
from .postgresql.base import serve_requests  # noqa: E402

application = PageCache(get_wsgi_application())
# Visitors are served here: no wait on the database may outlast DATABASE_TIMEOUT (management
# commands, which never load this module, may run long migrations).
serve_requests()
