from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content.search_documents import chapter_documents
        from portal.search import providers

        providers.register("page", chapter_documents)
