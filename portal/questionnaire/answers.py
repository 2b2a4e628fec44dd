"""Reading a step's form. Answers travel in the form body only, as `answer=question=choice` fields; anything that
does not fit the current tree is dropped and the reader is told, never shown an error page."""

import re
from dataclasses import dataclass, field

from portal.questionnaire.tree import Tree

ANSWER = re.compile(r"^([a-z][a-z0-9_]{0,39})=([a-z][a-z0-9_]{0,39})$")
MAX_ANSWERS = 64  # far more than the tree's questions; a longer list is tampering
MAX_KEY = 40


@dataclass
class Submitted:
    answers: dict[str, str] = field(default_factory=dict)
    rejected: bool = False  # some values could not be used
    stale: bool = False  # the answers were given on an older version of the questions
    step: str | None = None  # the question the reader just answered
    change: str | None = None  # the question the reader wants to see again


def _key(value: str, tree: Tree) -> str | None:
    return value if len(value) <= MAX_KEY and value in tree.questions else None


def parse(data, tree: Tree) -> Submitted:
    """`data` is request.POST. Later values for the same question win (the radio button follows the hidden fields)."""
    submitted = Submitted()
    values = data.getlist("answer")
    if len(values) > MAX_ANSWERS:
        submitted.rejected = True
        values = values[:MAX_ANSWERS]
    for value in values:
        match = ANSWER.match(value) if len(value) <= 2 * MAX_KEY + 1 else None
        question = tree.questions.get(match.group(1)) if match else None
        if question is None or match.group(2) not in question.choices:
            submitted.rejected = True
            continue
        submitted.answers[match.group(1)] = match.group(2)
    if values or data.get("v"):
        submitted.stale = data.get("v") != tree.version
    submitted.step = _key(data.get("step", ""), tree)
    submitted.change = _key(data.get("change", ""), tree)
    if data.get("step") and submitted.step is None or data.get("change") and submitted.change is None:
        submitted.rejected = True
    return submitted
