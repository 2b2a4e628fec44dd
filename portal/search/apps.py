from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "portal_search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.search import signals  # noqa: F401  (connects the publish/unpublish handlers)
