"""The questionnaire's first question in one language, for other apps (side-by-side for professionals)."""

from portal import languages
from portal.i18n import translated_field
from portal.questionnaire import tree as tree_module


def first_question(code: str) -> dict | None:
    """{"text", "help", "choices": [...]} as Translated values (announced fallbacks), or None without a tree."""
    tree = tree_module.for_reader(languages.chain(code))
    if tree.start is None:
        return None
    question = tree.questions[tree.start]
    return {
        "key": question.key,
        "text": translated_field(question.obj, "text", code),
        "help": translated_field(question.obj, "help", code),
        "choices": [(choice.key, translated_field(choice.obj, "label", code)) for choice in question.choices.values()],
    }
