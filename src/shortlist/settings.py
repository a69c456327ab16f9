"""Django settings, read from the environment through the typed helpers in shortlist.conf."""

from __future__ import annotations

import dj_database_url

from shortlist import conf

HOME = conf.data_home()
BASE_DIR = HOME

DEBUG = conf.env_bool("DEBUG", False)
SECRET_KEY = conf.secret_key(HOME)
ALLOWED_HOSTS = conf.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = conf.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "shortlist.accounts",
    "shortlist.candidates",
    "shortlist.clients",
    "shortlist.pipeline",
    "shortlist.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = conf.env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": conf.env_str("LOG_LEVEL", "WARNING")},
}
