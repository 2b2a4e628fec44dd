"""The state of each unit in each language, and the records that make "outdated" computable.

States, first match wins: the source language is SOURCE; no text is MISSING; a text made from another source text
than the current one is OUTDATED; then the state a person gave it (REVIEWED, else UNREVIEWED).
"""

import threading
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from portal import languages
from portal.translations import units
from portal.translations.models import TranslationRecord

SOURCE = "source"
MISSING = "missing"
OUTDATED = "outdated"
UNREVIEWED = "unreviewed"
REVIEWED = "reviewed"
STATES = (MISSING, OUTDATED, UNREVIEWED, REVIEWED, SOURCE)
LABELS = {
    MISSING: "Missing",
    OUTDATED: "Outdated",
    UNREVIEWED: "Translated, not reviewed",
    REVIEWED: "Reviewed",
    SOURCE: "Source text",
}


def state_of(unit, code: str, records: dict, source: str | None = None) -> str:
    """`records` maps language → TranslationRecord of this unit (any may be absent); `source` when already known."""
    source = source or units.source_language(unit)
    if code == source:
        return SOURCE
    if not units.has_text(unit, code):
        return MISSING
    mine, theirs = records.get(code), records.get(source)
    if mine is not None and theirs is not None and mine.source_fingerprint != theirs.text_fingerprint:
        return OUTDATED
    if getattr(unit, units.localized("translation_state", code), "") == REVIEWED:
        return REVIEWED
    return UNREVIEWED


def records_of(unit_ids) -> dict[str, dict[str, TranslationRecord]]:
    found: dict[str, dict[str, TranslationRecord]] = {}
    for record in TranslationRecord.objects.filter(unit__in=list(unit_ids)):
        found.setdefault(record.unit, {})[record.language] = record
    return found


def unit_states(unit) -> dict[str, str]:
    records = records_of([units.unit_id(unit)]).get(units.unit_id(unit), {})
    return {code: state_of(unit, code, records) for code in languages.CODES}


def reader_state(unit, code: str) -> str:
    """What a reader of this language is told about the text (one query)."""
    identifier = units.unit_id(unit)
    source = units.source_language(unit)
    records = {
        record.language: record
        for record in TranslationRecord.objects.filter(unit=identifier, language__in=[code, source])
    }
    return state_of(unit, code, records)


@dataclass
class Row:
    unit: object
    kind: units.Kind
    identifier: str
    states: dict  # language → state
    legal: bool


def matrix(kind_names=None) -> list[Row]:
    """Every unit × every language. One query per kind, one for the records (children prefetched)."""
    rows = []
    for kind in units.kinds():
        if kind_names and kind.name not in kind_names:
            continue
        # A state needs only the first text (is there a translation?): 22 chapter bodies are not loaded for it.
        queryset = kind.units().defer(*(units.localized(f, code) for f in kind.fields[1:] for code in languages.CODES))
        for relation, _fields in kind.children:
            queryset = queryset.prefetch_related(relation)
        rows.extend(Row(unit, kind, f"{kind.name}:{unit.pk}", {}, kind.legal(unit)) for unit in queryset)
    records = records_of(row.identifier for row in rows)
    for row in rows:
        found, source = records.get(row.identifier, {}), units.source_language(row.unit)
        row.states = {code: state_of(row.unit, code, found, source) for code in languages.CODES}
    return rows


def totals(rows) -> tuple[dict, dict]:
    """Per language: a count of each state; per state: a count over all languages."""
    per_language = {code: Counter(row.states[code] for row in rows) for code in languages.CODES}
    per_state = Counter(state for row in rows for state in row.states.values())
    return per_language, per_state


# The last change's result, per unit, for the admin's message after the save (same request, same thread).
_recent = threading.local()


def made_outdated(unit) -> list[str]:
    """The languages the unit's changes since the last call made outdated (read once, by the admin's message)."""
    return getattr(_recent, "outdated", {}).pop(units.unit_id(unit), [])


def record(unit) -> list[str]:
    """Note what the unit's texts are now; return the languages this change made outdated.

    A translation whose text changed was made from the current source. When the source changed, the translations made
    from the old source become outdated, unless the change was marked a minor edit: then they move along with it.
    The first record of a unit takes its texts as they are: nothing is outdated before anything was tracked.
    """
    identifier = units.unit_id(unit)
    source = units.source_language(unit)
    minor = bool(getattr(unit, "minor_edit", False))
    with transaction.atomic():
        records = {r.language: r for r in TranslationRecord.objects.select_for_update().filter(unit=identifier)}
        source_print = units.fingerprint(unit, source)
        old = records.get(source)
        old_source_print = old.text_fingerprint if old else source_print
        outdated = []
        for code in languages.CODES:
            if code == source:
                continue
            mine = records.get(code)
            if not units.has_text(unit, code):
                if mine is not None:
                    mine.delete()
                continue
            text_print = units.fingerprint(unit, code)
            if mine is None:  # a new translation, or the first record: made from the source as it is now
                TranslationRecord.objects.create(
                    unit=identifier, language=code, text_fingerprint=text_print, source_fingerprint=source_print
                )
            elif mine.text_fingerprint != text_print:
                mine.text_fingerprint, mine.source_fingerprint = text_print, source_print
                mine.save()
            elif mine.source_fingerprint == old_source_print != source_print:
                if minor:
                    mine.source_fingerprint = source_print
                    mine.save()
                else:
                    outdated.append(code)
        TranslationRecord.objects.update_or_create(
            unit=identifier,
            language=source,
            defaults={"text_fingerprint": source_print, "source_fingerprint": source_print},
        )
    # A question is recorded once for itself and once per choice saved after it: the first record sees the change.
    if not hasattr(_recent, "outdated"):
        _recent.outdated = {}
    noted = _recent.outdated.setdefault(identifier, [])
    noted.extend(code for code in outdated if code not in noted)
    return outdated


def record_untracked() -> int:
    """Record every unit that has no record yet; returns how many."""
    tracked = set(TranslationRecord.objects.values_list("unit", flat=True).distinct())
    count = 0
    for kind in units.kinds():
        for unit in kind.units():
            if f"{kind.name}:{unit.pk}" not in tracked:
                record(unit)
                count += 1
    if count:
        _recent.outdated = {}  # nothing was changed: no editor is to be told anything
    return count


def confirm(unit, code: str):
    """A reviewer confirmed this language's text against the current source: it is no longer outdated."""
    source_print = units.fingerprint(unit, units.source_language(unit))
    TranslationRecord.objects.update_or_create(
        unit=units.unit_id(unit),
        language=code,
        defaults={"text_fingerprint": units.fingerprint(unit, code), "source_fingerprint": source_print},
    )


def forget(unit):
    TranslationRecord.objects.filter(unit=units.unit_id(unit)).delete()
