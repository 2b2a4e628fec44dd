from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "portal.translations"
    label = "translations"
    verbose_name = "Translations"

    def ready(self):
        # The kinds of unit are registered by each app's translation.py, which modeltranslation has loaded by now.
        from portal.translations import signals

        signals.connect()
