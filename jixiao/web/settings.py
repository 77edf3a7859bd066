"""The one settings module, read from the environment.

- ``JIXIAO_ENV``: ``development`` (default) or ``production``. Production refuses to start with the
  default secret key or with DEBUG on.
- ``JIXIAO_SECRET_KEY``, ``JIXIAO_DEBUG`` (0/1), ``JIXIAO_ALLOWED_HOSTS`` (comma-separated).
- ``DATABASE_URL``: PostgreSQL (or any dj-database-url URL); when unset, SQLite in the data directory.
- ``JIXIAO_DATA_DIR``: where the SQLite database and collected static files live (default ``./var``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

WEB_DIR = Path(__file__).resolve().parent
DEFAULT_SECRET_KEY = "jixiao-development-only-secret-key-never-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected 0 or 1 / 应为 0 或 1")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else default


ENV = os.environ.get("JIXIAO_ENV", "development")
if ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"JIXIAO_ENV={ENV!r}: expected development or production / 应为 development 或 production")
PRODUCTION = ENV == "production"

SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY") or DEFAULT_SECRET_KEY
DEBUG = env_bool("JIXIAO_DEBUG", False)
if PRODUCTION and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "生产环境必须设置 JIXIAO_SECRET_KEY（不能使用默认密钥） / "
        "production needs JIXIAO_SECRET_KEY set (the default secret key is for development only)")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("生产环境不能开启 DEBUG（JIXIAO_DEBUG=1） / production must not run with DEBUG on")

ALLOWED_HOSTS = env_list("JIXIAO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("JIXIAO_CSRF_TRUSTED_ORIGINS", [])

DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR") or "var").resolve()


def sqlite_database(path: Path) -> dict[str, Any]:
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN so that
    # two writers queue (busy timeout) instead of failing half-way with "database is locked".
    path.parent.mkdir(parents=True, exist_ok=True)
    # Connections kept between requests (each thread its own), as for PostgreSQL: opening one reads the
    # schema and runs the PRAGMAs, ~2 ms of CPU on every request otherwise.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def url_database(url: str) -> dict[str, Any]:
    db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    # A name per test run, so that two developers running the suite at once do not drop each other's database.
    db["TEST"] = {"NAME": f"test_{db['NAME']}_{os.getpid()}"}
    if "postgresql" in db.get("ENGINE", ""):
        # The pages' queries are short; compiling one costs more than it saves (tens of milliseconds
        # whenever the planner's estimate crosses jit_above_cost, e.g. on the overview's aggregates).
        # Values stay inlined (Django's default), so nothing is prepared. Tried on 28 Nov: server-side
        # binding with psycopg's prepare threshold saved 0-5 % of a project page's CPU once caches were
        # equal on both sides, and its generic plans slowed the bulk import 2.3x (lookups repeated per
        # chunk against tables growing in one transaction); it also needs a fallback for statements over
        # 65,535 values and breaks poolers in transaction mode.
        db.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    return db


DATABASES = {"default": url_database(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL")
             else sqlite_database(DATA_DIR / "jixiao.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "jixiao.web.accounts",
    "jixiao.web.projects",
    "jixiao.web.review",
    "jixiao.web.monitoring",
    "jixiao.web.selfeval",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jixiao.web.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jixiao.web.errors.InputErrorMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [WEB_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "jixiao.web.accounts.context.membership",
    ]},
}]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The second only keeps sessions signed in before the first existed (they name the backend that signed them in).
AUTHENTICATION_BACKENDS = ["jixiao.web.accounts.backends.MembershipBackend",
                           "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:overview"
LOGOUT_REDIRECT_URL = "login"

# Chinese first; English through the language switch. Source strings are Chinese, the English catalogue
# is jixiao/web/locale/en (compiled .mo committed, so no gettext is needed at install time).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None  # development serves from the packages
STATICFILES_DIRS = [WEB_DIR / "static"]
# Development and the demo serve static files straight from the packages (no collectstatic step).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if PRODUCTION
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Sessions stay in the database; the cache (CACHES below) answers the read every request makes.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 2**20

# Login throttling: this many failures per username and address within the window → refused.
LOGIN_FAILURE_LIMIT = int(os.environ.get("JIXIAO_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("JIXIAO_LOGIN_FAILURE_WINDOW", str(15 * 60)))

PROJECTS_PER_PAGE = 50

# The overview's figures and the list's filter choices are cached (keyed by the data version, so never
# stale); files in the data directory are shared by every server process, unlike per-process memory.
CACHES = {"default": {"BACKEND": "jixiao.web.filecache.FileCache",
                      "LOCATION": str(DATA_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 2000}}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
