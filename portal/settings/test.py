from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
if not os.environ.get("REDIS_URL"):  # noqa: F405
    # One test process (the live server is a thread of it): its own memory is shared enough, and leaves no files.
    # Room for a purge of every path (22 languages × every page): the default 300 entries would evict tokens.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 100_000}}
    }
else:
    # One run's keys apart from another's (the two database passes of CI share one Redis server).
    CACHES["default"]["KEY_PREFIX"] = "test-" + DATABASES["default"]["NAME"]  # noqa: F405
# The browser tests point the quick exit at a page of our own: no request leaves the machine.
QUICK_EXIT_URL = "/exit-landing/"
WHITENOISE_AUTOREFRESH = True
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (the live-server threads must not keep connections)
# Tests send thousands of requests from one address; the rate-limit tests lower these themselves.
PORTAL_RATE_LIMITS = {"questionnaire": "100000/m", "search": "100000/m"}
