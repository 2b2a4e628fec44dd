"""Settings shared by every environment. Production toggles are environment variables (see production.py)."""

import datetime
import os
from pathlib import Path

import django.conf.locale
from django.conf import global_settings

from portal import db, languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose pages it patches.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "content",
    "portal.safety",
    "portal.translations",
    "portal.pagecache",
    "portal.search",
    "portal.referrals",
    "portal.questionnaire",
    "portal.directory",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First after the HTTPS redirect: a cached page is served before sessions, authentication or the database.
    "portal.pagecache.middleware.PageCacheMiddleware",
    "portal.safety.headers.SitePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.safety.middleware.PublicPrivacyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.i18n.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.safety.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.i18n.language_context",
            ],
        },
    },
]

try:
    DATABASES = {"default": db.database_settings()}
except db.DatabaseConfigError as error:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(str(error)) from error

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: everything derives from portal/languages.py.
LANGUAGE_CODE = languages.DEFAULT
LANGUAGES = languages.django_languages()
django.conf.locale.LANG_INFO.update(
    {code: info for code, info in languages.django_lang_info().items() if code not in django.conf.locale.LANG_INFO}
)
LANGUAGES_BIDI = sorted(set(global_settings.LANGUAGES_BIDI) | set(languages.rtl_codes()))
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = languages.DEFAULT
MODELTRANSLATION_LANGUAGES = languages.CODES
MODELTRANSLATION_FALLBACK_LANGUAGES = languages.modeltranslation_fallbacks()
# Slugs are ASCII and the same in every language, so shared links stay short and readable.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ["en", "nl", "fr"]
WAGTAIL_I18N_ENABLED = False
# 22 languages x several fields make large admin forms.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Migrant and victim of partner violence: what are my rights?"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Visitors get no cookies: sessions and CSRF cookies exist for the admin only (see portal.safety).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Public pages send no referrer at all (portal.safety); the admin needs same-origin for its CSRF origin check.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): public pages load only our own files, with no inline script or style;
# portal.safety.headers adds what the Wagtail admin needs, on admin paths only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN

# Editors: password, then a code from an authenticator app (django-otp, portal.safety.two_factor); sign-in
# throttled by username and address together, with a cool-off rather than a permanent lock (django-axes).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
OTP_TOTP_ISSUER = "My rights portal"
OTP_TOTP_THROTTLE_FACTOR = 1

# Public endpoints that do work are limited per client address (django-ratelimit); over the limit: 429 page.
PORTAL_RATE_LIMITS = {
    "questionnaire": os.environ.get("RATE_LIMIT_QUESTIONNAIRE", "60/m"),
    "search": os.environ.get("RATE_LIMIT_SEARCH", "30/m"),
}
PORTAL_TRUST_X_FORWARDED_FOR = os.environ.get("TRUST_X_FORWARDED_FOR", "0") == "1"  # only behind our own nginx
RATELIMIT_VIEW = "portal.safety.rate_limits.too_many_requests"
RATELIMIT_FAIL_OPEN = True  # if the cache (Redis) is down, readers still get help: no limit rather than an error
AXES_IPWARE_META_PRECEDENCE_ORDER = (["HTTP_X_FORWARDED_FOR"] if PORTAL_TRUST_X_FORWARDED_FOR else []) + ["REMOTE_ADDR"]

# Where the quick exit sends the reader: a neutral page (editors will be able to change it).
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.meteo.be/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The cache: Redis when REDIS_URL is set (production, CI), else this process's memory (the embedded default).
# Redis errors are ignored (django-redis), and a breaker skips Redis for 10 s after one fails: with Redis down or
# hanging, the site serves every page uncached instead of failing or waiting.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "portal.pagecache.redis_cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }
else:
    # Files all workers of this machine share (a purge by one must reach the others), e.g. `make run`'s three.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 50_000},  # a purge writes a token per path and language
        }
    }

# Whole public pages (portal/pagecache): how long they are kept here, and how long nginx or a CDN may keep them.
# Publishing purges them at once; the directory's lists change by the minute ("open now"), so they are kept briefly.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "60"))
PAGE_CACHE_SHORT_SECONDS = int(os.environ.get("PAGE_CACHE_SHORT_SECONDS", "60"))
