from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "portal.directory"
    label = "directory"
    verbose_name = "Help-service directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.directory import signals  # noqa: F401
