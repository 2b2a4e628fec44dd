"""Every path through the tree, for legal review: as CSV rows, and folded into a short table where an answer that
does not change the outcome is shown once as "any"."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from portal.questionnaire.tree import Tree
from portal.questionnaire.walk import Path, paths

ANY = "*"


@dataclass
class Row:
    answers: dict[str, str]  # question key -> choice key, or ANY
    outcome: str
    count: int = 1  # how many full paths this row stands for


def all_paths(tree: Tree) -> list[Path]:
    return list(paths(tree))


def csv_text(tree: Tree, path_list: list[Path] | None = None) -> str:
    """One row per path: every question as a column (empty when not asked), then the outcome, grade and certainty."""
    path_list = all_paths(tree) if path_list is None else path_list
    columns = list(tree.questions)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*columns, "outcome", "grade", "certainty"])
    for path in path_list:
        answers = dict(path.steps)
        outcome = tree.outcomes.get(path.outcome)
        writer.writerow(
            [
                *(answers.get(column, "") for column in columns),
                path.outcome or f"DEAD END: {path.problem}",
                outcome.grade if outcome else "",
                outcome.certainty if outcome else "",
            ]
        )
    return out.getvalue()


def folded(tree: Tree, path_list: list[Path] | None = None) -> list[Row]:
    """Merge paths with the same outcome that differ in one answer only, into one row with "a|b" (or ANY when every
    choice of that question is there), until nothing merges any more."""
    path_list = all_paths(tree) if path_list is None else path_list
    by_outcome: dict[str, dict[tuple, int]] = defaultdict(dict)
    for path in path_list:
        by_outcome[path.outcome or ""][tuple(sorted((q, frozenset([c])) for q, c in path.steps))] = 1
    rows = []
    for outcome, group in by_outcome.items():
        changed = True
        while changed:
            changed = False
            for question_key in tree.questions:
                buckets: dict[tuple, list] = defaultdict(list)
                for row, count in group.items():
                    answers = dict(row)
                    if question_key in answers:
                        rest = tuple(item for item in row if item[0] != question_key)
                        buckets[rest].append((row, answers[question_key], count))
                for rest, items in buckets.items():
                    if len(items) > 1:
                        for row, _choices, _count in items:
                            del group[row]
                        union = frozenset().union(*(choices for _row, choices, _count in items))
                        merged = tuple(sorted((*rest, (question_key, union))))
                        group[merged] = group.get(merged, 0) + sum(c for *_x, c in items)
                        changed = True
        for row, count in group.items():
            answers = {}
            for key, choices in row:
                every = list(tree.questions[key].choices)
                answers[key] = ANY if set(choices) == set(every) else "|".join(c for c in every if c in choices)
            rows.append(Row(answers, outcome, count))
    order = {key: position for position, key in enumerate(tree.questions)}
    outcome_order = {key: position for position, key in enumerate(tree.outcomes)}

    def sort_key(row):
        return (
            outcome_order.get(row.outcome, -1),
            [(order[k], row.answers[k]) for k in sorted(row.answers, key=order.get)],
        )

    return sorted(rows, key=sort_key)


def text_line(steps, outcome, tree: Tree) -> str:
    node = tree.outcomes.get(outcome)
    result = f"{outcome} ({node.grade}, {node.certainty})" if node else "DEAD END"
    return " ".join(f"{q}={c}" for q, c in steps) + " -> " + result
