"""The quick exit's address, as editors set it, read once and kept in the cache until they change it."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError


def quick_exit_url() -> str:
    from portal.safety.models import CACHE_KEY, QuickExitSetting

    url = cache.get(CACHE_KEY)
    if url is None:
        try:
            # first(), not load(): load() creates the row, and a reader's GET never writes.
            setting = QuickExitSetting.objects.first()
            url = (setting.url if setting else "") or settings.QUICK_EXIT_URL
        except DatabaseError:  # the way out must work even when the database does not
            return settings.QUICK_EXIT_URL
        cache.set(CACHE_KEY, url, 3600)
    return url
