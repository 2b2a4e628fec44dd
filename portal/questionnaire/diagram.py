"""The tree drawn as SVG for the admin: questions as boxes (one row per choice), arrows from each choice to where it
leads, rules as dashed arrows, outcomes coloured by grade (and named, so colour is never the only signal)."""

from dataclasses import dataclass

from django.utils.html import escape

from portal.questionnaire.tree import OUTCOME, QUESTION, Tree

GRADE_COLOURS = {"yes": "#2e7d32", "maybe": "#b26a00", "no": "#a4161a", "stop": "#555555"}
COLUMN, BOX_WIDTH, ROW, HEADER, GAP = 330, 230, 20, 26, 24


@dataclass
class Box:
    x: int
    y: int
    height: int


def _layers(tree: Tree) -> dict[str, int]:
    """Longest distance from the first question, so every arrow points rightwards."""
    layer = {tree.start: 0} if tree.start else {}
    for _round in range(len(tree.questions)):
        changed = False
        for key, question in tree.questions.items():
            if key not in layer:
                continue
            targets = [c.target for c in question.choices.values()] + [r.target for r in question.rules]
            for target in targets:
                known = target and target.kind == QUESTION and target.key in tree.questions
                if known and layer.get(target.key, -1) < layer[key] + 1:
                    layer[target.key] = layer[key] + 1
                    changed = True
        if not changed:
            break
    last = max(layer.values(), default=0)
    for key in tree.questions:  # unreachable questions go in a column of their own
        layer.setdefault(key, last + 1)
    return layer


def svg(tree: Tree) -> str:
    layers = _layers(tree)
    columns: dict[int, list[str]] = {}
    for key in tree.questions:
        columns.setdefault(layers[key], []).append(key)
    boxes, heights = {}, {}
    for column, keys in columns.items():
        y = 40
        for key in keys:
            height = HEADER + ROW * len(tree.questions[key].choices) + 8
            boxes[("q", key)] = Box(20 + column * COLUMN, y, height)
            y += height + GAP
        heights[column] = y
    outcome_column = max(columns, default=0) + 1
    grade_order = {"yes": 0, "maybe": 1, "no": 2, "stop": 3}
    y = 40
    for key in sorted(tree.outcomes, key=lambda k: (grade_order.get(tree.outcomes[k].grade, 9), k)):
        boxes[("o", key)] = Box(20 + outcome_column * COLUMN, y, 30)
        y += 30 + 10
    width = 20 + (outcome_column + 1) * COLUMN
    height = max([y, *heights.values()]) + 20

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="diagram-title" class="questionnaire-diagram" font-family="sans-serif" '
        'font-size="12">',
        '<title id="diagram-title">Questionnaire tree: questions, choices and outcomes</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke"/></marker></defs>',
    ]

    def colour(target):
        if target and target.kind == OUTCOME and target.key in tree.outcomes:
            return GRADE_COLOURS.get(tree.outcomes[target.key].grade, "#333")
        return "#1d4f91"

    def anchor(target):
        box = boxes.get(("q" if target.kind == QUESTION else "o", target.key)) if target else None
        return (box.x, box.y + (HEADER // 2 if target.kind == QUESTION else 15)) if box else None

    def arrow(x1, y1, target, label, dashed=False):
        end = anchor(target)
        if end is None:
            return f'<text x="{x1 + 6}" y="{y1 + 4}" fill="#a4161a">⚠ {escape(label)} leads nowhere</text>'
        x2, y2 = end
        bend = max(40, (x2 - x1) // 2)
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        return (
            f'<path d="M {x1} {y1} C {x1 + bend} {y1}, {x2 - bend} {y2}, {x2} {y2}" fill="none" '
            f'stroke="{colour(target)}" stroke-width="1.3" marker-end="url(#arrow)"{dash} opacity="0.75">'
            f"<title>{escape(label)} → {escape(target.key)}</title></path>"
        )

    for key, question in tree.questions.items():
        box = boxes[("q", key)]
        parts.append(
            f'<g class="question" data-key="{escape(key)}">'
            f'<rect x="{box.x}" y="{box.y}" width="{BOX_WIDTH}" height="{box.height}" rx="6" '
            'fill="#eef3f8" stroke="#1d4f91"/>'
            f'<text x="{box.x + 8}" y="{box.y + 17}" font-weight="bold">{escape(key)}</text>'
        )
        for number, choice in enumerate(question.choices.values()):
            row_y = box.y + HEADER + number * ROW + 12
            parts.append(
                f'<text x="{box.x + 14}" y="{row_y + 4}">{escape(choice.key)}{" ⚑" if choice.urgent else ""}</text>'
            )
            parts.append(arrow(box.x + BOX_WIDTH, row_y, choice.target, f"{key}={choice.key}"))
        for rule in question.rules:
            parts.append(arrow(box.x + BOX_WIDTH // 2, box.y + box.height, rule.target, f"rule: {rule.when}", True))
        parts.append("</g>")
    for key, outcome in tree.outcomes.items():
        box = boxes[("o", key)]
        fill = GRADE_COLOURS.get(outcome.grade, "#333")
        parts.append(
            f'<g class="outcome" data-key="{escape(key)}" data-grade="{escape(outcome.grade)}">'
            f'<rect x="{box.x}" y="{box.y}" width="{BOX_WIDTH}" height="30" rx="15" fill="{fill}"/>'
            f'<text x="{box.x + 12}" y="{box.y + 19}" fill="#fff">{escape(key)} · {escape(outcome.grade)} · '
            f"{escape(outcome.certainty)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
