"""A plain, read-only picture of the questionnaire: what the walker, the validator and the reports work on.

It is built from the database (three queries) or, in the admin, from an edit that is not saved yet, so an edit
can be checked as the tree it would make.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import F

QUESTION = "question"
OUTCOME = "outcome"


@dataclass(frozen=True)
class Target:
    kind: str  # QUESTION or OUTCOME
    key: str


@dataclass
class ChoiceNode:
    key: str
    target: Target | None
    urgent: bool = False
    texts: Callable[[str], str] | None = None  # field name with language suffix -> value
    obj: object = None
    both_targets: bool = False  # an edit that set a question and an outcome at once


@dataclass
class RuleNode:
    when: str  # "question=choice question=choice"
    target: Target | None
    both_targets: bool = False

    def conditions(self) -> list[tuple[str, str]] | None:
        """The (question, choice) pairs, or None when the text is not of the form key=choice."""
        pairs = []
        for part in self.when.split():
            question, sep, choice = part.partition("=")
            if not sep or not question or not choice:
                return None
            pairs.append((question, choice))
        return pairs or None


@dataclass
class QuestionNode:
    key: str
    position: int
    choices: dict[str, ChoiceNode] = field(default_factory=dict)
    rules: list[RuleNode] = field(default_factory=list)
    texts: Callable[[str], str] | None = None
    obj: object = None


@dataclass
class OutcomeNode:
    key: str
    grade: str
    certainty: str
    texts: Callable[[str], str] | None = None
    obj: object = None


@dataclass
class Tree:
    questions: dict[str, QuestionNode]
    outcomes: dict[str, OutcomeNode]

    @property
    def start(self) -> str | None:
        if not self.questions:
            return None
        return min(self.questions.values(), key=lambda q: (q.position, q.key)).key

    @property
    def version(self) -> str:
        """Changes whenever the structure changes, so answers from an older tree can be recognised."""
        structure = [
            [
                q.key,
                [[c.key, c.target and [c.target.kind, c.target.key]] for c in q.choices.values()],
                [[r.when, r.target and [r.target.kind, r.target.key]] for r in q.rules],
            ]
            for q in sorted(self.questions.values(), key=lambda q: (q.position, q.key))
        ]
        return hashlib.sha256(json.dumps([self.start, structure]).encode()).hexdigest()[:12]


def make_target(question_key: str | None, outcome_key: str | None) -> tuple[Target | None, bool]:
    """The target from the two optional keys, and whether both were set (an error the validator reports)."""
    if question_key and outcome_key:
        return Target(QUESTION, question_key), True
    if question_key:
        return Target(QUESTION, question_key), False
    if outcome_key:
        return Target(OUTCOME, outcome_key), False
    return None, False


def _getter(obj):
    return lambda name: getattr(obj, name, "") or ""


def _columns(names, codes):
    """The translated columns of `names` in `codes` only: a reader's step needs one language chain, not 22."""
    from modeltranslation.utils import build_localized_fieldname

    return [build_localized_fieldname(name, code) for name in names for code in codes]


def outcome_query(codes=None):
    """Outcomes with their facts and the texts in `codes` (all languages when None)."""
    from portal.questionnaire.models import Outcome
    from portal.questionnaire.translation import OUTCOME_TEXTS

    outcomes = Outcome.objects.all()
    if codes:
        facts = ("key", "grade", "certainty", "service_categories", "information_date")
        outcomes = outcomes.only(*facts, *_columns(OUTCOME_TEXTS, codes))
    return outcomes


def _fields(plain, texts, codes):
    """Plain columns plus the translated columns of `texts` (in `codes`, or in every language)."""
    from portal import languages

    return [*plain, *_columns(texts, codes or languages.CODES)]


def load(with_outcomes: bool = True, codes: tuple[str, ...] | None = None) -> Tree:
    """The tree as stored: three queries, four with the outcomes. With `codes`, only those languages' texts are read
    (what a reader's step needs); without, every language (what validation needs). Rows are read as plain values:
    building 60 model instances with 66 translated columns each cost more than the queries."""
    from portal.questionnaire.models import Choice, Question, Rule
    from portal.questionnaire.translation import CHOICE_TEXTS, QUESTION_TEXTS

    questions, by_id = {}, {}
    for row in Question.objects.order_by("position", "key").values(
        *_fields(("id", "key", "position"), QUESTION_TEXTS, codes)
    ):
        obj = SimpleNamespace(**row)
        node = QuestionNode(row["key"], row["position"], texts=_getter(obj), obj=obj)
        questions[node.key] = by_id[row["id"]] = node
    choices = Choice.objects.annotate(next_key=F("next_question__key"), outcome_key=F("outcome__key"))
    fields = _fields(("question_id", "key", "urgent", "next_key", "outcome_key"), CHOICE_TEXTS, codes)
    for row in choices.order_by("sort_order", "pk").values(*fields):
        obj = SimpleNamespace(**row)
        target, both = make_target(row["next_key"], row["outcome_key"])
        by_id[row["question_id"]].choices[row["key"]] = ChoiceNode(
            row["key"], target, row["urgent"], _getter(obj), obj, both
        )
    rules = Rule.objects.annotate(next_key=F("next_question__key"), outcome_key=F("outcome__key"))
    for row in rules.order_by("sort_order", "pk").values("question_id", "when", "next_key", "outcome_key"):
        target, both = make_target(row["next_key"], row["outcome_key"])
        by_id[row["question_id"]].rules.append(RuleNode(row["when"], target, both))
    outcomes = {}
    if with_outcomes:
        for outcome in outcome_query(codes):
            outcomes[outcome.key] = OutcomeNode(
                outcome.key, outcome.grade, outcome.certainty, _getter(outcome), outcome
            )
    return Tree(questions, outcomes)


_READER_TREES: dict[tuple[str, ...], tuple[int, Tree]] = {}  # language chain -> (stamp, tree), per process


def for_reader(codes: tuple[str, ...]) -> Tree:
    """The tree with the texts of one language chain, read again only when the tree has changed since."""
    from portal.questionnaire.models import TreeStamp

    stamp = TreeStamp.objects.filter(pk=1).values_list("changes", flat=True).first() or 0
    cached = _READER_TREES.get(codes)
    if cached and cached[0] == stamp:
        return cached[1]
    tree = load(with_outcomes=False, codes=codes)
    _READER_TREES[codes] = (stamp, tree)
    return tree
