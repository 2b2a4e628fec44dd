"""What the Translations dashboard and the per-language view show: the matrix filtered, its totals, and the queue of
one language. The queries are those of states.matrix() plus one: the count does not grow with the number of units."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms

from portal import languages
from portal.translations import links, states, units
from portal.translations.models import TranslationRecord

# A letter per state, so that a cell reads without its colour (and in a print or a screenshot in grey).
SYMBOLS = {
    states.MISSING: "M",
    states.OUTDATED: "O",
    states.UNREVIEWED: "U",
    states.REVIEWED: "R",
    states.SOURCE: "S",
}
# The states a translator works on, in the order the per-language view lists them.
TO_DO = (states.OUTDATED, states.MISSING, states.UNREVIEWED)


def ordered_codes(chosen) -> list[str]:
    """The editor's chosen languages first, in their order; then the others in the portal's order."""
    return [*dict.fromkeys(chosen), *(code for code in languages.CODES if code not in chosen)]


class Filters(forms.Form):
    kind = forms.ChoiceField(required=False)
    state = forms.ChoiceField(
        required=False, choices=[("", "Any state"), *((state, states.LABELS[state]) for state in states.STATES)]
    )
    language = forms.ChoiceField(
        required=False,
        choices=[("", "All languages"), *((lang.code, lang.english_name) for lang in languages.LANGUAGES)],
    )
    legal = forms.BooleanField(required=False, label="Legal only")
    q = forms.CharField(required=False, max_length=100, label="Name contains")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *((kind.name, kind.label) for kind in units.kinds())]

    def values(self) -> dict:
        """The valid filters (an invalid one is shown with its error and left out)."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}


def unit_name(unit, kind) -> str:
    """The unit's first text in its source language: a chapter's title, a question, a service's name."""
    value = getattr(unit, units.localized(kind.fields[0], units.source_language(unit)), "")
    return value if isinstance(value, str) and value.strip() else str(unit)


@dataclass
class Cell:
    code: str
    state: str
    url: str
    label: str  # "Arabic: outdated"

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.state]


@dataclass
class Line:
    row: states.Row
    name: str
    edit_url: str | None
    cells: list


def with_language(url: str | None, code: str) -> str | None:
    """links.edit_url(unit, code) from the unit's plain edit URL, without a lookup per cell (tested equal)."""
    return f"{url}?{urlencode({'lang': code})}" if url else None


def cell_label(code: str, state: str) -> str:
    return f"{languages.get(code).english_name}: {states.LABELS[state].lower()}"


def lines(filters: dict, codes: list[str], user) -> list[Line]:
    rows = states.matrix([filters["kind"]] if filters.get("kind") else None)
    query = filters.get("q", "").casefold()
    found = []
    for row in rows:
        if filters.get("legal") and not row.legal:
            continue
        if filters.get("state") and filters["state"] not in (row.states[code] for code in codes):
            continue
        name = unit_name(row.unit, row.kind)
        if query and query not in name.casefold() and query not in row.identifier:
            continue
        url = links.edit_url(row.unit, None, user)
        cells = [
            Cell(code, row.states[code], with_language(url, code), cell_label(code, row.states[code])) for code in codes
        ]
        found.append(Line(row, name, url, cells))
    return found


def groups(found: list[Line]) -> list[tuple[units.Kind, list[Line]]]:
    """Lines by kind, in the kinds' order (matrix() already lists them so)."""
    grouped: dict[str, tuple[units.Kind, list[Line]]] = {}
    for line in found:
        grouped.setdefault(line.row.kind.name, (line.row.kind, []))[1].append(line)
    return list(grouped.values())


def totals(found: list[Line], codes: list[str]) -> tuple[list, list]:
    """Per state, its count in each shown language (the table's foot); per state, the count over all (the legend)."""
    per_language = {code: {state: 0 for state in states.STATES} for code in codes}
    for line in found:
        for cell in line.cells:
            per_language[cell.code][cell.state] += 1
    foot = [(state, [per_language[code][state] for code in codes]) for state in states.STATES]
    legend = [(state, sum(counts)) for state, counts in foot]
    return foot, legend


@dataclass
class Task:
    row: states.Row
    name: str
    state: str
    edit_url: str | None
    since: object = None  # an outdated translation: when it was last made or confirmed


def queue(code: str, user) -> list[Task]:
    """What to translate next in one language: outdated (oldest first), then missing, then not reviewed."""
    tasks = []
    for row in states.matrix():
        state = row.states[code]
        if state in TO_DO:
            url = with_language(links.edit_url(row.unit, None, user), code)
            tasks.append(Task(row, unit_name(row.unit, row.kind), state, url))
    outdated = [task for task in tasks if task.state == states.OUTDATED]
    since = dict(
        TranslationRecord.objects.filter(
            language=code, unit__in=[task.row.identifier for task in outdated]
        ).values_list("unit", "changed_at")
    )
    for task in outdated:
        task.since = since.get(task.row.identifier)
    # A stable sort: within missing and not reviewed, the matrix's order (by kind, then the kind's own order).
    return sorted(
        tasks,
        key=lambda task: (TO_DO.index(task.state), task.since is None, task.since.timestamp() if task.since else 0),
    )
