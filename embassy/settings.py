"""Settings for Embassy CMS: one module, read from the environment (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Core
DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off; "
            "set it to a long random string (see .env.example)."
        )
    SECRET_KEY = "dev-only-insecure-key"  # only ever used with DEBUG on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must precede the admin so that it can patch the admin's forms.
    "modeltranslation",
    # django.contrib.admin, with a "view on site" redirect that checks the user's permissions.
    "embassy.apps.EmbassyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "django_prose_editor",
    "axes",
    "csp",
    "embassy",
    "news",
    "counters",
    "consular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "embassy.middleware.ignore_if_modified_since",
    # ETag on every full response, and 304 for a conditional request that matches it.
    "django.middleware.http.ConditionalGetMiddleware",
    "embassy.middleware.security_headers",
    "csp.middleware.CSPMiddleware",
    # Inside CSPMiddleware so that it can adjust the policy: inline style in the admin only.
    "embassy.middleware.admin_style_policy",
    # Methods the site does not use (TRACE, PUT, DELETE…) are refused before any other work, inside
    # the middleware that gives every answer its protective headers.
    "embassy.middleware.allowed_methods",
    # A NUL character in a request is a 400 before any view or package meets it (PostgreSQL refuses it).
    "embassy.middleware.refuse_nul_characters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and auth middleware, so that a page can be served while the database is down.
    "embassy.middleware.StaleIfErrorMiddleware",
    # Outside the session middleware, to see the session cookie it sets.
    "embassy.middleware.mark_signed_in",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware must follow SessionMiddleware and precede CommonMiddleware:
    # it must redirect to the language prefix before the slash is appended.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which staff member made each change in a publication's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "embassy.urls"
WSGI_APPLICATION = "embassy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "embassy.context_processors.site",
                "counters.context_processors.furniture",
                "consular.context_processors.consular_queries",
            ],
        },
    },
]

# Database
# Persistent connections rather than Django's connection pool: gunicorn's sync workers serve one
# request at a time, so a pool would hold one connection per process anyway, and keeping that one
# open (checked before reuse, so a restarted PostgreSQL is reconnected to) saves the ~2 ms connect
# that the pool would also save, without psycopg-pool and its per-process minimum of idle connections.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Seconds a web request waits for PostgreSQL: its statement_timeout, and a fifth of a second later
# the site gives up on a server that does not answer (embassy/postgresql/base.py).
DATABASE_TIMEOUT = float(os.environ.get("DATABASE_TIMEOUT") or 0.4)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with every wait bounded while serving requests, so that a database that does
    # not answer costs a page its stored copy or a styled 503, not a worker killed by gunicorn.
    DATABASES["default"]["ENGINE"] = "embassy.postgresql"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # For management commands, and for a connection lost to a host that is gone (a partition): the
    # kernel gives up after 10 s of unacknowledged data, and probes an idle connection after 10 s.
    options.setdefault("connect_timeout", 3)
    for name, value in {
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 10_000,
    }.items():
        options.setdefault(name, value)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# export_content's format: JSON that keeps times to the microsecond (Django's keeps milliseconds).
SERIALIZATION_MODULES = {"exact-json": "embassy.backup_json"}

# Cache
REDIS_URL = os.environ.get("REDIS_URL", "")
# Seconds any call to Redis may wait: an answer takes well under a millisecond.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT") or 0.25)
# The anonymous page cache (embassy/pagecache.py); off only to measure uncached pages (bench/).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
# Each worker's own copies of recent pages (embassy/pagecopies.py); off only to measure pages
# served from Redis alone (bench/).
PAGE_CACHE_COPIES = env_bool("PAGE_CACHE_COPIES", default=True)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "embassy.cache.RedisCache",  # Django's, made cheaper per call
            "LOCATION": REDIS_URL,
            # A cache that does not answer costs a request REDIS_TIMEOUT once; then it is skipped for a
            # few seconds (embassy/cache.py).
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Passwords
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages and time
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
USE_I18N = True
USE_TZ = True
# The embassy's own zone: "today", day counters, page dates and the admin's times are reckoned in
# it, whatever the server's own TZ. Django's TIME_ZONE follows it so that templates and the admin agree.
SITE_TIME_ZONE = os.environ.get("SITE_TIME_ZONE", "Europe/London")
TIME_ZONE = SITE_TIME_ZONE
# The embassy's country: phone numbers typed without "+code" are read as its numbers, and its
# numbers are shown in national format ("020 3668 7474"); others in international format.
PHONE_REGION = "GB"
# The press office's public address: a journalist whose advance (embargo) link was withdrawn or has
# expired is told to write there. Empty: the page names the press office without an address.
PRESS_CONTACT_EMAIL = os.environ.get("PRESS_CONTACT_EMAIL", "")

# Static and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# An empty value (as in a copied .env.example) means the default.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Admin
ADMIN_URL_PATH = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# Staff log in through the admin only; an unsafe or missing `next` lands there too.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# Only staff have sessions: they last a working day at most, and end when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# django-axes: five failed logins from one address, for one user name or several, lock that address
# out for 30 minutes. Never a name alone, from everywhere: a stranger could then keep any staff member
# out. A superuser lifts a lockout sooner in the admin (Axes › Access attempts: delete the rows) or
# with `manage.py axes_reset_ip ADDRESS` / `axes_reset_username NAME` / `axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)  # errors/locked_out.html says "half an hour"
# The pair is what a successful login forgets (embassy/lockout.py); the address alone caps guessing
# across names.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# A successful login forgets the failures of that user name from that address only (embassy/lockout.py).
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "embassy.lockout.LockoutHandler"
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "errors/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "embassy.middleware.client_ip"
# How many reverse proxies stand in front of gunicorn (1 with docker compose's Caddy). The client's
# address is then the one the nearest proxy wrote into X-Forwarded-For, not the proxy's own.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

# Security
# DJANGO_HTTPS=1 when visitors reach the site over HTTPS through a proxy that terminates TLS and
# sets X-Forwarded-Proto (Caddy does, and overwrites a value sent by the client).
HTTPS = env_bool("DJANGO_HTTPS", default=False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes call the web container directly over HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Preload-ready: a year, subdomains included, and the preload token (hstspreload.org's rules).
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No script reads the CSRF cookie (forms carry the token), so it can be hidden from scripts too.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Sent by embassy.middleware.security_headers: the site uses none of these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()"
)
# All script and style come from our own static files: no 'unsafe-inline', no 'unsafe-eval'. JSON-LD
# data blocks are not executed, so script-src does not concern them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is sent only on responses that used one (the admin's rich-text editor, whose
        # import map must be an inline script); no page gets 'unsafe-inline'.
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}

# Logging: everything to stdout/stderr, where gunicorn and docker collect it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# modeltranslation's admin tabs need jQuery UI (its setting is named JQUERY_UI_URL); serve our own
# copy rather than a CDN's.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
