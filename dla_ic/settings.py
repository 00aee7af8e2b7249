"""Settings for the DLA collective-engineering app.

Development needs no set-up: SQLite, debug on, a throw-away secret key.
Production is switched on with DJANGO_PRODUCTION=1 and then requires a
secret key, allowed hosts and a DATABASE_URL (PostgreSQL through psycopg 3).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("DJANGO_PRODUCTION")
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts.admin_site.AdminConfig",  # django.contrib.admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # full-text search of the library (SQLite: a fallback)
    "rules.apps.AutodiscoverRulesConfig",
    "django_fsm",
    "simple_history",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks",
    "dla_ic.apps.TasksDatabaseConfig",  # django_tasks_db, named in French
    "dla_ic.apps.AxesConfig",  # axes, named in French
    "csp",
    "concurrency",
    "workflows",  # the one transition log and the machines' engine, below every app
    "bootstrap",
    "directory",
    "notifications",  # the in-app centre and its e-mails, below every app that emits
    "accounts",
    "agenda",  # due dates from the apps above, « Mes tâches », the calendar feed
    "cycle",
    "exchange",  # the IC's messages and the DLA team's notes, above the IC
    "grille",
    "followup",  # the structures' questionnaires at N, N+1, N+2 once an IC closes
    "meetings",  # the IC's sessions, invitations and attendance, above the dossier
    "dossier",  # the IC's documents (« dossier unique »), above the cycle
    "monographs",
    "library",  # the capitalisation library, above the monographs it indexes
    "tenders",
    "stats",
    "privacy",  # RGPD: the register, retention, anonymisation, subject access
    "audit",  # an IC's audit bundle (ZIP), reading the apps below through their selectors
    "imports",  # spreadsheets into the directory, above every app it writes to
    "demo",  # demo data and the benchmarks' data set, above every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dla_ic.middleware.RequestBodyLimitMiddleware",  # 413 before an oversized body is read
    # Early: a database outage in any view becomes the French 503 page (see dla_ic.views).
    "dla_ic.middleware.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    "dla_ic.middleware.SlidingSessionMiddleware",  # Django's, expiry pushed back on activity
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "dla_ic.middleware.PrivateCacheMiddleware",  # private, no-store for signed-in users
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a locked-out sign-in into the French lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dla_ic.urls"

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
            ],
        },
    },
]

# No traceback ever: a database outage gets the 503 page, anything else the 500 page.
# (Set in dla_ic/urls.py as handler500 = "dla_ic.views.server_error".)

WSGI_APPLICATION = "dla_ic.wsgi.application"

# SQLite by default; DATABASE_URL (postgres://…) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that does not answer fails the request in seconds (503), not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # JIT compilation cost more than the dashboard's queries themselves (118 ms for a 25 ms
    # query, benchmarks/results.md): these short OLTP queries run better without it.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
    # Select options iterate their querysets with .iterator(): on PostgreSQL a server-side
    # cursor, four round trips and a materialised WITH HOLD result for a few hundred rows.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # `make run`: the web server and the db_worker write one file. WAL lets readers and
    # a writer work together; BEGIN IMMEDIATE takes the write lock up front, so two
    # read-then-write transactions queue (up to the busy timeout) instead of one failing
    # at once with « database is locked » (tests/security/test_sqlite_writers.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
if PRODUCTION and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    raise ImproperlyConfigured("Production requires DATABASE_URL (PostgreSQL).")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginAttemptsBackend",  # django-axes: first, refuses locked-out sign-ins
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fr-fr"
# French only: no complete English translation exists, so an English browser must not get
# Django's own texts and number formats in English around French pages.
LANGUAGES = [("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dla_ic.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"
# Generated documents: outside the static and media roots, served only by views that check access.
PRIVATE_ROOT = Path(os.environ.get("DJANGO_PRIVATE_ROOT", BASE_DIR / "var" / "private"))

# The cache is shared by every web host and the worker in production (issue 20): the
# filter lists, the figures, the password-reset counters. DJANGO_CACHE_URL=redis://host:6379/1
# selects Django's own RedisCache; without it (`make run`, tests) a per-process LocMem cache.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "dla_ic"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions stay in the database (Django's default engine): every host reads the same
# table, and a Redis restart signs nobody out. django-axes counts failures in the database
# too (axes' default handler), never in a cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Uploaded and generated files (issue 20): every writer and reader goes through the
# "private" storage. By default a FileSystemStorage on PRIVATE_ROOT (a shared volume when
# there are several hosts); DJANGO_PRIVATE_STORAGE=s3 selects django-storages' S3 backend,
# configured by AWS_* variables (bucket, endpoint, keys), never served by URL.
PRIVATE_STORAGE = os.environ.get("DJANGO_PRIVATE_STORAGE", "filesystem")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "dla_ic.storage.PrivateFileSystemStorage"},
    # The frozen documents (monographs.frozen), under PRIVATE_ROOT/documents.
    "documents": {
        "BACKEND": "dla_ic.storage.PrivateFileSystemStorage",
        "OPTIONS": {"subdirectory": "documents"},
    },
}
if PRIVATE_STORAGE == "s3":
    _S3_PREFIX = os.environ.get("DJANGO_S3_PREFIX", "private")
    for _alias, _location in (("private", _S3_PREFIX), ("documents", f"{_S3_PREFIX}/documents")):
        STORAGES[_alias] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ.get("DJANGO_S3_BUCKET", ""),
                "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT") or None,
                "location": _location,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }

# Background tasks (carnets): the database backend, run by `manage.py run_worker`
# (django-tasks' db_worker with a heartbeat, see monographs.worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker that has not reported progress for this long is taken for dead.
TASK_STALE_AFTER_SECONDS = int(os.environ.get("DJANGO_TASK_STALE_AFTER", "300"))

# Reminders (``manage.py send_reminders``, cycle.reminders): a task is recalled this many days
# before its due date, and told to the IC's référent once overdue for this many days.
TASK_REMIND_DAYS_BEFORE = int(os.environ.get("DJANGO_TASK_REMIND_DAYS_BEFORE", "3"))
TASK_ESCALATE_AFTER_DAYS = int(os.environ.get("DJANGO_TASK_ESCALATE_AFTER_DAYS", "7"))
# The worker (run_worker) runs them this often (cycle.tasks); 0: only the timer or cron does.
TASK_REMINDERS_EVERY_MINUTES = int(os.environ.get("DJANGO_TASK_REMINDERS_EVERY", "60"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
FORM_RENDERER = "dla_ic.form_renderer.FormRenderer"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ne-pas-repondre@dla-ic.local")
# The address e-mails link to when no request is there to tell it (a job, a digest).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# Request sizes (issue 13). The largest legitimate body is an offer: a 10 MB PDF and its form.
# The proxy in front should refuse larger bodies first (README: client_max_body_size).
MAX_REQUEST_BODY_SIZE = int(os.environ.get("DJANGO_MAX_REQUEST_BODY", str(12 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024  # a form's fields, files apart
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file
DATA_UPLOAD_MAX_NUMBER_FILES = 5

SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(8 * 3600)))
# Inactivity expiry, not absolute: dla_ic.middleware.SlidingSessionMiddleware pushes the
# expiry back at most once a minute (rather than SESSION_SAVE_EVERY_REQUEST's write per page).
SESSION_REFRESH_INTERVAL = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "dla_ic.views.csrf_failure"  # French, says nothing was saved
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): no inline script, no eval, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # <style> elements and style sheets: ours only (htmx's own indicator
        # <style> is switched off in base.html, its rule is in app.css).
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        # style="…" attributes only (progress bar widths, a few max-widths in
        # templates): they cannot run script; 'unsafe-inline' is scoped to them
        # and never to <style> elements or to scripts.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Sign-in rate limiting (django-axes): 5 failures for a username from an address, or from
# an address whatever the usernames, lock that pair or that address out for 15 minutes.
# Never by username alone: nobody can lock an account for everyone. A success forgives only
# the failures on its own account from its own address (accounts.signals), not the address's
# guesses at other accounts; a locked-out user gets in through a password reset link.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = False
# Password reset requests (accounts.views): per address and per account, per hour.
PASSWORD_RESET_LIMITS = {"address": 5, "account": 3, "seconds": 3600}
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_USERNAME_CALLABLE = "accounts.security.attempted_username"
AXES_VERBOSE = False
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0"))

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
    # Health probes come straight from the proxy or the orchestrator, in plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^sante/"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# An invitation's link (accounts.services.invite) serves once, within this many days.
INVITATION_VALID_DAYS = int(os.environ.get("DJANGO_INVITATION_VALID_DAYS", "7"))

# « IC dormantes »: an IC in its cycle untouched for this many days is listed on the C2RA's
# dashboard (cycle.selectors.dormant).
DORMANT_AFTER_DAYS = 30

# RGPD (privacy): an IC's data is kept PRIVACY_RETENTION_YEARS years from 31 December of
# the year PRIVACY_RETENTION_REFERENCE_OFFSET years after its closing (the year its accounts
# are presented: FSE-funded or not, 3 years from 31/12 of N+1). Its pilots hear of the end
# PRIVACY_WARNING_DAYS days before; an account unused PRIVACY_INACTIVE_MONTHS months is
# disabled. Read by privacy.retention, the one home of these rules.
PRIVACY_RETENTION_YEARS = int(os.environ.get("DJANGO_PRIVACY_RETENTION_YEARS", "3"))
PRIVACY_RETENTION_REFERENCE_OFFSET = int(
    os.environ.get("DJANGO_PRIVACY_RETENTION_REFERENCE_OFFSET", "1")
)
PRIVACY_WARNING_DAYS = int(os.environ.get("DJANGO_PRIVACY_WARNING_DAYS", "30"))
PRIVACY_INACTIVE_MONTHS = int(os.environ.get("DJANGO_PRIVACY_INACTIVE_MONTHS", "12"))
