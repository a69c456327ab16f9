"""Django settings, read from the environment through the typed helpers in shortlist.conf."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url
from csp.constants import NONE, SELF

from shortlist import conf

# Every entry point (the CLI, gunicorn, the task worker) loads these settings first: from here on,
# whatever Shortlist creates is 600/700, and what an older install left open is closed.
conf.keep_files_private()
HOME = conf.data_home()
conf.make_private(HOME)
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
    "ninja",  # its Swagger UI files, served locally (no CDN)
    "shortlist.background",
    "django_htmx",
    "shortlist.accounts",
    "shortlist.candidates",
    "shortlist.clients",
    "shortlist.pipeline",
    "shortlist.compliance",
    "shortlist.audit",
    "shortlist.web",
    "shortlist.api",
    "shortlist.portal",
    "shortlist.webhooks",
    "shortlist.embeddings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: an over-large upload is refused from its declared size.
    "shortlist.web.limits.UploadLimitsMiddleware",
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
    "django_htmx.middleware.HtmxMiddleware",
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
# Connections are kept between requests (60 s); the health check tests a kept one before a request
# uses it, so a restart or failover of the database server costs no request a 500 (issue 8).
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, waiting up to 4 s for a server that refuses connections while it restarts.
    DATABASES["default"]["ENGINE"] = "shortlist.db.postgresql"
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

# One task API (django-tasks, the backport of Django 6's django.tasks). "embedded" keeps the queue in
# this database, so a fresh install needs no broker; "celery" sends it through a Redis or RabbitMQ
# broker. Either way `shortlist worker` (which `serve` starts and restarts) runs it; see docs/scaling.md.
TASK_QUEUE = conf.env_choice("SHORTLIST_TASKS", "embedded", ("embedded", "celery"))
BROKER_URL = conf.env_broker_url("SHORTLIST_BROKER_URL", "redis://127.0.0.1:6379/0")
# The broker queue's name: deployments (or test runs) sharing one broker each take their own.
BROKER_QUEUE = conf.env_str("SHORTLIST_BROKER_QUEUE", "shortlist")
TASKS = {
    "default": {
        "BACKEND": "shortlist.background.celery_backend.CeleryBackend"
        if TASK_QUEUE == "celery"
        else "django_tasks_db.DatabaseBackend"
    }
}
# One run of a task may take this long before it is stopped and failed with that reason.
TASK_TIME_LIMIT = conf.env_int("SHORTLIST_TASK_TIME_LIMIT", 300, minimum=1)
# Runs of one task (first try included) before it is failed for good: a worker killed mid-task, or a
# database gone away, costs one.
TASK_ATTEMPTS = conf.env_int("SHORTLIST_TASK_ATTEMPTS", 3, minimum=1)
# A worker beats every lease/6 seconds; one silent for a lease is taken for dead and its task re-queued.
WORKER_LEASE = conf.env_int("SHORTLIST_WORKER_LEASE", 30, minimum=3)
UPLOAD_DIR = HOME / "uploads"

# Semantic re-ranking and `shortlist embed` (issue 8): "minilm" (the optional `.[eval]` extra, loaded on
# first use, never downloaded) in production; "hashing" needs only NumPy, so tests never need torch.
# Stored vectors are keyed by the embedder's name: switching embedders makes them all stale.
EMBEDDER = conf.env_choice("SHORTLIST_EMBEDDER", "minilm", ("minilm", "hashing"))
# Candidates per `shortlist embed` task: MiniLM spends ~0.22 s of CPU per CV (9 passages), so 200 CVs
# take ~45 s on a free core and ~2 min on a loaded one (1.7 CVs/s measured at load 7 on 2 cores): inside
# the task time limit, and the most a killed worker makes the next delivery redo.
EMBED_CHUNK_SIZE = conf.env_int("SHORTLIST_EMBED_CHUNK_SIZE", 200, minimum=1)

# Webhooks (issue 13): each POST may take this long; a delivery is tried this many times in all, the
# retries WEBHOOK_RETRY_SECONDS * 4^(n-1) apart (30 s, 2 min, 8 min, 32 min, 2 h 8 min by default).
WEBHOOK_TIMEOUT = conf.env_int("SHORTLIST_WEBHOOK_TIMEOUT", 10, minimum=1)
WEBHOOK_ATTEMPTS = conf.env_int("SHORTLIST_WEBHOOK_ATTEMPTS", 6, minimum=1)
WEBHOOK_RETRY_SECONDS = conf.env_int("SHORTLIST_WEBHOOK_RETRY_SECONDS", 30, minimum=1)

# What one imported file may cost (see shortlist.engine.documents.Limits).
IMPORT_MAX_FILE_MB = conf.env_int("SHORTLIST_MAX_FILE_MB", 20, minimum=1)
IMPORT_MAX_PAGES = conf.env_int("SHORTLIST_MAX_PAGES", 50, minimum=1)
IMPORT_MAX_ZIP_MB = conf.env_int("SHORTLIST_MAX_ZIP_MB", 500, minimum=1)
IMPORT_MAX_ZIP_RATIO = conf.env_int("SHORTLIST_MAX_ZIP_RATIO", 100, minimum=2)
IMPORT_MAX_ZIP_MEMBERS = conf.env_int("SHORTLIST_MAX_ZIP_MEMBERS", 2000, minimum=1)
IMPORT_MAX_MEMBER_PATH = conf.env_int("SHORTLIST_MAX_MEMBER_PATH", 255, minimum=16)
# Reading and parsing one file runs in a child process under these caps (engine/cv/isolated.py).
IMPORT_PARSE_SECONDS = conf.env_int("SHORTLIST_PARSE_SECONDS", 8, minimum=1)
IMPORT_PARSE_MEMORY_MB = conf.env_int("SHORTLIST_PARSE_MEMORY_MB", 320, minimum=128)
IMPORT_MAX_DOCX_EXPANDED_MB = conf.env_int("SHORTLIST_MAX_DOCX_EXPANDED_MB", 100, minimum=1)
# What one HTTP request may carry (shortlist.web.limits answers 413, naming the limit).
DATA_UPLOAD_MAX_NUMBER_FILES = conf.env_int("SHORTLIST_MAX_UPLOAD_FILES", 1000, minimum=1)
UPLOAD_MAX_REQUEST_BYTES = conf.env_int("SHORTLIST_MAX_REQUEST_MB", 200, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = conf.env_int("SHORTLIST_MAX_FORM_KB", 2560, minimum=64) * 1024
# A file above this is streamed to a temporary file (mode 600) in chunks rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Changes a process holds beside the published index before it republishes in the background.
INDEX_DELTA_LIMIT = conf.env_int("SHORTLIST_INDEX_DELTA_LIMIT", 5000, minimum=1)
# How often each process polls the database for other processes' changes to the pool (its own writes
# show at once; candidates/pool.py). Another process's change shows within this, 0: on every request.
POOL_POLL_MS = conf.env_int("SHORTLIST_POOL_POLL_MS", 1000, minimum=0)
# Rankings each process keeps for repeated requests (candidates/ranking_cache.py); 0 entries turns it off.
RANKING_CACHE_ENTRIES = conf.env_int("SHORTLIST_RANKING_CACHE_ENTRIES", 256, minimum=0)
RANKING_CACHE_MB = conf.env_int("SHORTLIST_RANKING_CACHE_MB", 64, minimum=1)

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
# The API (shortlist/api): requests a minute per token (or per signed-in user), counted in the "api"
# cache. The default file cache under $SHORTLIST_HOME counts across every process on one machine;
# SHORTLIST_API_CACHE_URL=redis://host:6379/1 shares the count between machines.
API_RATE_LIMIT = conf.env_int("SHORTLIST_API_RATE_LIMIT", 120, minimum=1)
API_CACHE_URL = conf.env_url("SHORTLIST_API_CACHE_URL", ("redis", "rediss"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": API_CACHE_URL}
        if API_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(HOME / "cache" / "api"),
        }
    ),
}

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
# WorkspaceBackend is Django's ModelBackend reading the user's role with the user (one query a request
# fewer). Sessions record their backend: one made under "django.contrib.auth.backends.ModelBackend"
# (before this change) asks its user to sign in again.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "shortlist.accounts.backends.WorkspaceBackend",
]
AXES_FAILURE_LIMIT = conf.env_int("SHORTLIST_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=conf.env_int("SHORTLIST_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The log says which user name was tried from which address (axes hides both by default, which
# leaves nothing to act on); passwords are always masked.
AXES_SENSITIVE_PARAMETERS: list[str] = []
AXES_USERNAME_CALLABLE = "shortlist.accounts.views.throttled_username"  # fits its column (issue 12)
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
