"""Which fields are translated: only text. Keys, targets, grades, certainty and dates are shared facts."""

from modeltranslation.translator import TranslationOptions, register

from portal.questionnaire.models import Choice, Outcome, Question
from portal.translations import units

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


units.register(
    units.Kind(
        "question",
        "Questionnaire question",
        Question,
        ("text", "help"),
        children=(("choices", CHOICE_TEXTS),),
        queryset=lambda: Question.objects.order_by("position", "key"),
        position=2,
    )
)
units.register(
    units.Kind(
        "outcome",
        "Questionnaire outcome",
        Outcome,
        tuple(name for name in OUTCOME_TEXTS if name != "translation_state"),
        legal=lambda outcome: True,
        position=3,
    )
)
