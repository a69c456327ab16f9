"""Django settings, read from the environment through the typed helpers in shortlist.conf."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url
from csp.constants import NONE, SELF

from shortlist import conf

HOME = conf.data_home()
BASE_DIR = HOME

DEBUG = conf.env_bool("DEBUG", False)
SECRET_KEY = conf.secret_key(HOME)
ALLOWED_HOSTS = conf.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = conf.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "shortlist.admin_site.ShortlistAdminConfig",  # django.contrib.admin, for admins only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "shortlist.accounts",
    "shortlist.candidates",
    "shortlist.clients",
    "shortlist.pipeline",
    "shortlist.compliance",
    "shortlist.web",
    "shortlist.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shortlist.web.middleware.RejectInvalidInput",  # a NUL byte in a query or form is a 400 everywhere
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shortlist.web.middleware.WorkspaceMiddleware",  # agency staff only on workspace pages; no-store
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

ROOT_URLCONF = "shortlist.urls"
WSGI_APPLICATION = "shortlist.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASE_URL = conf.env_database_url("DATABASE_URL", f"sqlite:///{HOME / 'shortlist.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; a busy timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        # secure_delete: a deleted row's bytes are overwritten, so an erased person is not left in the
        # file's free pages (issue 15).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# One task API (django-tasks, the backport of Django 6's django.tasks); the queue lives in the same
# database, so a fresh install needs no broker. `shortlist worker` (started by `serve`) runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
UPLOAD_DIR = HOME / "uploads"

# What one imported file may cost (see shortlist.engine.documents.Limits).
IMPORT_MAX_FILE_MB = conf.env_int("SHORTLIST_MAX_FILE_MB", 20, minimum=1)
IMPORT_MAX_PAGES = conf.env_int("SHORTLIST_MAX_PAGES", 50, minimum=1)
IMPORT_MAX_ZIP_MB = conf.env_int("SHORTLIST_MAX_ZIP_MB", 500, minimum=1)
IMPORT_MAX_ZIP_RATIO = conf.env_int("SHORTLIST_MAX_ZIP_RATIO", 100, minimum=2)
DATA_UPLOAD_MAX_NUMBER_FILES = conf.env_int("SHORTLIST_MAX_UPLOAD_FILES", 1000, minimum=1)
# Changes a process holds beside the published index before it republishes in the background.
INDEX_DELTA_LIMIT = conf.env_int("SHORTLIST_INDEX_DELTA_LIMIT", 5000, minimum=1)

# Issue 15 (docs/privacy.md): the lawful basis recorded for imported CVs, how long a profile may be kept
# under each basis (days from when it was obtained, or from the consent), and how early the workspace
# warns that a retention period is ending.
PRIVACY_DEFAULT_BASIS = conf.env_choice(
    "SHORTLIST_LAWFUL_BASIS", "legitimate_interest", ("legitimate_interest", "consent", "contract")
)
RETENTION_DAYS = {
    "legitimate_interest": conf.env_int("SHORTLIST_RETENTION_DAYS_LEGITIMATE_INTEREST", 365, minimum=1),
    "consent": conf.env_int("SHORTLIST_RETENTION_DAYS_CONSENT", 730, minimum=1),
    "contract": conf.env_int("SHORTLIST_RETENTION_DAYS_CONTRACT", 2190, minimum=1),
}
RETENTION_WARNING_DAYS = conf.env_int("SHORTLIST_RETENTION_WARNING_DAYS", 30, minimum=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Length is what resists guessing; 12 is the floor (a deployment may raise it, not lower it).
PASSWORD_MIN_LENGTH = conf.env_int("SHORTLIST_PASSWORD_MIN_LENGTH", 12, minimum=12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes counts failed logins (each one logged as a warning) and locks the user name from that
# address out for a while. Keyed on both, so a stranger cannot lock a recruiter out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = conf.env_int("SHORTLIST_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=conf.env_int("SHORTLIST_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The log says which user name was tried from which address (axes hides both by default, which
# leaves nothing to act on); passwords are always masked.
AXES_SENSITIVE_PARAMETERS: list[str] = []
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = conf.env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the apps' folders so `shortlist serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# A session lasts a working day, not Django's two weeks: the pages hold candidates' contact details
# and salaries, and a laptop left signed in should not keep them open over the weekend.
SESSION_COOKIE_AGE = conf.env_int("SHORTLIST_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True

# Production behind a TLS-terminating proxy: SHORTLIST_SECURE=1 turns on HTTPS-only (redirect, HSTS,
# secure cookies) and trusts the proxy's X-Forwarded-Proto. `check --deploy` is clean with it.
SECURE = conf.env_bool("SHORTLIST_SECURE", False)
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = conf.env_int("SHORTLIST_HSTS_SECONDS", 31_536_000 if SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = conf.env_bool("SHORTLIST_HSTS_SUBDOMAINS", SECURE)
SECURE_HSTS_PRELOAD = conf.env_bool("SHORTLIST_HSTS_PRELOAD", SECURE)
if conf.env_bool("SHORTLIST_PROXY_SSL_HEADER", SECURE):
    # Only behind a proxy that sets this header itself (and drops a client's copy).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = conf.env_bool("SESSION_COOKIE_SECURE", SECURE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Strict CSP (django-csp 4): scripts, styles, images and fonts from our own static files only; no
# inline script or style anywhere, so injected markup cannot run or restyle a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": conf.env_str("LOG_LEVEL", "WARNING")},
    # Every failed login and lockout is a warning from django-axes, whatever LOG_LEVEL says.
    "loggers": {"axes": {"level": "WARNING"}},
}
