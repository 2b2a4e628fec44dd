from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    name = "portal.questionnaire"
    label = "questionnaire"
    verbose_name = "Rights questionnaire"

    def ready(self):
        from portal.questionnaire import signals

        signals.connect()
