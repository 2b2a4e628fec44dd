from django.db.models import F
from django.db.models.signals import post_delete, post_save


def bump(**kwargs):
    from portal.questionnaire.models import TreeStamp

    if not TreeStamp.objects.filter(pk=1).update(changes=F("changes") + 1):
        TreeStamp.objects.create(pk=1, changes=1)


def connect():
    from portal.questionnaire.models import Choice, Outcome, Question, Rule

    for model in (Question, Choice, Rule, Outcome):
        post_save.connect(bump, sender=model, dispatch_uid=f"questionnaire-stamp-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"questionnaire-stamp-delete-{model.__name__}")
