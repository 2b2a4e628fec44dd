"""The tree must never strand a reader. `check(tree)` lists every problem; errors block a save, warnings do not.

Errors: a choice or rule that leads nowhere (or to two places, or to something that does not exist), a cycle,
a question or outcome no reader can reach, a rule naming unknown answers, a text missing in the source language.
Warnings: a text missing in another language (the page then shows the fallback and says so).
"""

from dataclasses import dataclass

from modeltranslation.utils import build_localized_fieldname

from portal import languages
from portal.questionnaire.tree import QUESTION, Tree
from portal.questionnaire.walk import paths

ERROR = "error"
WARNING = "warning"

REQUIRED_TEXTS = {
    "question": ("text",),
    "choice": ("label",),
    "outcome": ("title", "summary", "legal_basis", "next_steps", "evidence"),
}
OPTIONAL_TEXTS = {"question": ("help",), "choice": ("help", "note")}  # if given in the source, every language needs it


@dataclass(frozen=True)
class Problem:
    severity: str
    message: str
    question: str = ""
    choice: str = ""
    outcome: str = ""
    code: str = ""  # "unreachable" for a node no path leads to

    def __str__(self):
        return self.message


def _where(question, choice=None):
    return f"Question “{question}”, choice “{choice}”" if choice else f"Question “{question}”"


def _structure(tree: Tree) -> list[Problem]:
    problems = []
    if not tree.questions:
        return [Problem(ERROR, "The questionnaire has no questions.")]

    def target_problem(target, both, where, **at):
        if both:
            return Problem(ERROR, f"{where} leads to a question and an outcome at once: choose one.", **at)
        if target is None:
            return Problem(ERROR, f"{where} leads nowhere: choose a next question or an outcome.", **at)
        known = tree.questions if target.kind == QUESTION else tree.outcomes
        if target.key not in known:
            return Problem(ERROR, f"{where} leads to the {target.kind} “{target.key}”, which does not exist.", **at)
        return None

    for question in tree.questions.values():
        if not question.choices:
            problems.append(Problem(ERROR, f"{_where(question.key)} has no choices.", question.key))
        for choice in question.choices.values():
            where = _where(question.key, choice.key)
            problem = target_problem(
                choice.target, choice.both_targets, where, question=question.key, choice=choice.key
            )
            if problem:
                problems.append(problem)
        for number, rule in enumerate(question.rules, 1):
            where = f"{_where(question.key)}, rule {number} (“{rule.when}”)"
            problem = target_problem(rule.target, rule.both_targets, where, question=question.key)
            if problem:
                problems.append(problem)
            conditions = rule.conditions()
            if conditions is None:
                problems.append(
                    Problem(ERROR, f"{where}: write the answers as key=choice, e.g. sponsor=belgian.", question.key)
                )
                continue
            for q, c in conditions:
                if q not in tree.questions or c not in tree.questions[q].choices:
                    problems.append(Problem(ERROR, f"{where}: there is no answer “{q}={c}”.", question.key))
    problems += _cycles(tree)
    return problems


def _edges(tree: Tree, question):
    for choice in question.choices.values():
        yield choice.key, choice.target
    for rule in question.rules:
        yield f"rule “{rule.when}”", rule.target


def _cycles(tree: Tree) -> list[Problem]:
    problems, state = [], {}  # state: 1 = on the current path, 2 = done

    def visit(key):
        state[key] = 1
        for label, target in _edges(tree, tree.questions[key]):
            if target is None or target.kind != QUESTION or target.key not in tree.questions:
                continue
            if state.get(target.key) == 1:
                problems.append(
                    Problem(
                        ERROR,
                        f"{_where(key, label)} leads back to question “{target.key}”, which comes before it: "
                        "a reader would go round in circles.",
                        key,
                        label if not label.startswith("rule") else "",
                    )
                )
            elif target.key not in state:
                visit(target.key)
        state[key] = 2

    for key in tree.questions:
        if key not in state:
            visit(key)
    return problems


def _reachability(tree: Tree) -> list[Problem]:
    """Exact: follows every path with the rules applied, so a target that no rule ever lets through is found."""
    asked, shown, choices_used = set(), set(), set()
    for path in paths(tree):
        for question, choice in path.steps:
            asked.add(question)
            choices_used.add((question, choice))
        if path.outcome:
            shown.add(path.outcome)
    problems = []
    for key in tree.questions:
        if key not in asked:
            problems.append(
                Problem(ERROR, f"{_where(key)} can never be reached: no choice leads to it.", key, code="unreachable")
            )
    for key in tree.outcomes:
        if key not in shown:
            problems.append(
                Problem(
                    ERROR,
                    f"Outcome “{key}” can never be reached: no choice leads to it.",
                    outcome=key,
                    code="unreachable",
                )
            )
    return problems


def _texts(tree: Tree) -> list[Problem]:
    problems = []

    def check(kind, texts, where, **at):
        if texts is None:
            return
        for name in REQUIRED_TEXTS.get(kind, ()) + OPTIONAL_TEXTS.get(kind, ()):
            source = texts(build_localized_fieldname(name, languages.DEFAULT)).strip()
            if not source:
                if name in REQUIRED_TEXTS[kind]:
                    problems.append(Problem(ERROR, f"{where}: the {name.replace('_', ' ')} is empty in English.", **at))
                continue
            missing = [code for code in languages.CODES if not texts(build_localized_fieldname(name, code)).strip()]
            if missing:
                problems.append(
                    Problem(
                        WARNING,
                        f"{where}: the {name.replace('_', ' ')} is not yet translated into {', '.join(missing)} "
                        "(readers see the fallback language, announced).",
                        **at,
                    )
                )

    for question in tree.questions.values():
        check("question", question.texts, _where(question.key), question=question.key)
        for choice in question.choices.values():
            check("choice", choice.texts, _where(question.key, choice.key), question=question.key, choice=choice.key)
    for outcome in tree.outcomes.values():
        check("outcome", outcome.texts, f"Outcome “{outcome.key}”", outcome=outcome.key)
    return problems


def check(tree: Tree) -> list[Problem]:
    problems = _structure(tree)
    if not any(p.severity == ERROR for p in problems):  # paths are only meaningful in a well-formed tree
        problems += _reachability(tree)
    return problems + _texts(tree)


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def new_errors(before: list[Problem], after: list[Problem]) -> list[Problem]:
    """Errors an edit would add: an edit is refused for these, not for problems that were there already."""
    known = set(errors(before))
    return [p for p in errors(after) if p not in known]
