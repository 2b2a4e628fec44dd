from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from portal.pagecache import signals  # noqa: F401  (connects the purges)
