"""Gongkai settings: one file, every value from the environment, parsed strictly.

`.env.example` documents each variable. GONGKAI_ENV=production switches on the
deployment hardening that `gongkai check --deploy` asks for and makes the
secret key and allowed hosts mandatory.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    local_secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("GONGKAI_VAR_DIR", str(BASE_DIR / "var"))).resolve()

ENVIRONMENT = env_choice("GONGKAI_ENV", "local", {"local", "production"})
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("GONGKAI_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("GONGKAI_DEBUG must be false when GONGKAI_ENV=production")

SECRET_KEY = env_str("GONGKAI_SECRET_KEY")
if SECRET_KEY is None:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "GONGKAI_SECRET_KEY (or GONGKAI_SECRET_KEY_FILE) is required when GONGKAI_ENV=production"
        )
    SECRET_KEY = local_secret_key(VAR_DIR)

ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("GONGKAI_ALLOWED_HOSTS is required when GONGKAI_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gongkai.apps.GongkaiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "gongkai.core",
    "gongkai.orgs",
    "gongkai.catalogs",
    "gongkai.privacy",
    "gongkai.records",
    "gongkai.foi",
    "gongkai.reports",
    "gongkai.search",
    "gongkai.staff",
    "gongkai.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files (an SVG opened on its own) carry the policy too.
    "gongkai.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.shell",
                "gongkai.orgs.context_processors.staff_nav",
            ],
        },
    },
    {
        # The public portal's hottest pages (the catalog page and its shell), in
        # gongkai/portal/jinja2/; views choose it with using="jinja2".
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "gongkai.portal.jinja.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.shell",
            ],
        },
    },
]


def _database(url: str) -> dict:
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several kinds for a bad URL
        raise ImproperlyConfigured(f"GONGKAI_DATABASE_URL is not a usable URL: {exc}") from exc
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # Connections persist (GONGKAI_DB_CONN_MAX_AGE) on SQLite too: opening one,
        # with the PRAGMAs below, and closing it (the last close of a WAL database
        # checkpoints it) cost more than the rest of a public page. Between requests
        # a connection is in autocommit and holds no snapshot, so writers in other
        # processes are not held up; runserver closes its threads' connections itself.
        config["OPTIONS"] = {
            # WAL lets the portal read while a writer works; IMMEDIATE makes a
            # writing transaction take the lock at BEGIN, so concurrent writers
            # wait (busy timeout) instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif engine not in ("django.db.backends.postgresql",):
        raise ImproperlyConfigured(
            f"GONGKAI_DATABASE_URL: only sqlite:// and postgres:// are supported, got {engine}"
        )
    return config


DATABASE_URL = env_str("GONGKAI_DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}")
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Full-text search (gongkai/search): "tantivy" keeps an embedded index under
# GONGKAI_SEARCH_INDEX_DIR; "postgres" keeps it in the PostgreSQL database itself.
GONGKAI_SEARCH_BACKEND = env_choice("GONGKAI_SEARCH_BACKEND", "tantivy", {"tantivy", "postgres"})
if (
    GONGKAI_SEARCH_BACKEND == "postgres"
    and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
):
    raise ImproperlyConfigured(
        "GONGKAI_SEARCH_BACKEND=postgres needs a PostgreSQL GONGKAI_DATABASE_URL"
    )
GONGKAI_SEARCH_INDEX_DIR = Path(env_str("GONGKAI_SEARCH_INDEX_DIR", str(VAR_DIR / "search")))

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "gongkai.orgs.backends.OfficeAdminBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gongkai.core.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is refused for the cool-off period.
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGKAI_LOGIN_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind a reverse proxy the client address arrives in a header; which one is a
# deployment fact, so it is configured, never guessed.
AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("GONGKAI_CLIENT_IP_HEADERS", ["REMOTE_ADDR"])

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media")))
# Record attachments larger than this are refused before any parser reads them.
GONGKAI_ATTACHMENT_MAX_BYTES = env_int("GONGKAI_ATTACHMENT_MAX_MB", 50, minimum=1) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# "smtp" sends; "file" writes each message under var/mail/ (the demo run, so its
# mail can be read without a mail server); "console" prints it.
_email_backend = env_choice("GONGKAI_EMAIL_BACKEND", "smtp", {"smtp", "file", "console"})
_email_module = "filebased" if _email_backend == "file" else _email_backend
EMAIL_BACKEND = f"django.core.mail.backends.{_email_module}.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "localhost")
# A stalled mail server must not hold a web worker (mail goes out after commit).
EMAIL_TIMEOUT = env_int("GONGKAI_EMAIL_TIMEOUT_SECONDS", 10, minimum=1)
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("GONGKAI_DEFAULT_FROM_EMAIL", "gongkai@localhost")
# Links in mail to applicants and staff.
GONGKAI_SITE_URL = env_str("GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Rate limits need a cache shared by every web process with atomic increments
# (django-ratelimit): Redis when GONGKAI_REDIS_URL is set, as in production;
# otherwise each process counts on its own (one machine, the demo).
_redis_url = env_str("GONGKAI_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        }
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
SILENCED_SYSTEM_CHECKS = []
if not _redis_url:
    # Per-process counting is a known limit without Redis, stated above: with N web
    # processes an address gets at most N times the limit, which still stops a flood.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
# Applications one address may submit (portal and API together), e.g. "5/h".
GONGKAI_INTAKE_RATE = env_str("GONGKAI_INTAKE_RATE", "5/h")
# Query-code guesses one address may make on the portal and the API together.
GONGKAI_QUERY_RATE = env_str("GONGKAI_QUERY_RATE", "30/h")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_HOURS", 8, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", False)
    if env_bool("GONGKAI_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if PRODUCTION and not SECURE_HSTS_PRELOAD:
    # Preload is an irreversible commitment for the whole domain; leave the
    # decision to the operator rather than to a deploy check.
    SILENCED_SYSTEM_CHECKS += ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Public-facing facts about the installation, shown in the portal's header.
SITE_NAME = env_str("GONGKAI_SITE_NAME", "中山市政务公开平台")
CSRF_FAILURE_VIEW = "gongkai.portal.views.csrf_failure"
