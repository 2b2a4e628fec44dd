from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "portal.translations"
    label = "translations"
