"""Which fields are translated: only text. Keys, targets, grades, certainty and dates are shared facts."""

from modeltranslation.translator import TranslationOptions, register

from portal.questionnaire.models import Choice, Outcome, Question

QUESTION_TEXTS = ("text", "help", "translation_state")
CHOICE_TEXTS = ("label", "help", "note")
OUTCOME_TEXTS = ("title", "summary", "legal_basis", "next_steps", "evidence", "translation_state")


@register(Question)
class QuestionTR(TranslationOptions):
    fields = QUESTION_TEXTS


@register(Choice)
class ChoiceTR(TranslationOptions):
    fields = CHOICE_TEXTS


@register(Outcome)
class OutcomeTR(TranslationOptions):
    fields = OUTCOME_TEXTS
