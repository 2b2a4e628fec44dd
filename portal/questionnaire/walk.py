"""Walking the tree: from a reader's answers to the next question or the outcome, and every possible path."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from portal.questionnaire.tree import OUTCOME, QUESTION, QuestionNode, Target, Tree


@dataclass
class Walk:
    steps: list[tuple[str, str]] = field(default_factory=list)  # (question, choice) answered on the way
    question: str | None = None  # the next question to answer
    outcome: str | None = None
    dead_end: str | None = None  # why the walk could not go on (a broken tree; validation prevents it)
    urgent: bool = False  # an answer on the way asks for the emergency help first


def route(question: QuestionNode, choice_key: str, answered: dict[str, str]) -> Target | None:
    """Where answering `choice_key` leads, given the answers on the way (including this one)."""
    for rule in question.rules:
        conditions = rule.conditions()
        if conditions and all(answered.get(q) == c for q, c in conditions):
            return rule.target
    return question.choices[choice_key].target


def walk(tree: Tree, answers: dict[str, str], stop_at: str | None = None) -> Walk:
    """Follow the answers from the first question. Answers to questions not on the way are ignored (and kept by the
    caller), so changing an early answer loses nothing."""
    result = Walk()
    answered: dict[str, str] = {}
    key = tree.start
    while True:
        question = tree.questions.get(key) if key else None
        if question is None:
            result.dead_end = f"no question {key!r}"
            return result
        if key in answered:
            result.dead_end = f"question {key!r} is asked twice"
            return result
        choice_key = answers.get(key)
        if key == stop_at or choice_key not in question.choices:
            result.question = key
            return result
        answered[key] = choice_key
        result.steps.append((key, choice_key))
        result.urgent = result.urgent or question.choices[choice_key].urgent
        target = route(question, choice_key, answered)
        if target is None:
            result.dead_end = f"{key}={choice_key} leads nowhere"
            return result
        if target.kind == OUTCOME:
            result.outcome = target.key
            return result
        key = target.key


@dataclass(frozen=True)
class Path:
    steps: tuple[tuple[str, str], ...]
    outcome: str | None  # None: a dead end (only in a broken tree)
    problem: str = ""


def paths(tree: Tree) -> Iterator[Path]:
    """Every path a reader can take, in question and choice order."""

    def from_question(key, steps, answered):
        question = tree.questions.get(key)
        if question is None:
            yield Path(steps, None, f"no question {key!r}")
            return
        if key in answered:
            yield Path(steps, None, f"question {key!r} is asked twice (a cycle)")
            return
        for choice_key in question.choices:
            here = {**answered, key: choice_key}
            step = (*steps, (key, choice_key))
            target = route(question, choice_key, here)
            if target is None:
                yield Path(step, None, f"{key}={choice_key} leads nowhere")
            elif target.kind == QUESTION:
                yield from from_question(target.key, step, here)
            elif target.key not in tree.outcomes:
                yield Path(step, None, f"no outcome {target.key!r}")
            else:
                yield Path(step, target.key)

    if tree.start:
        yield from from_question(tree.start, (), {})
