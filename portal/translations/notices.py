"""What a reader is told about the translation she reads: that the original changed since it was made (it may be out
of date), that nobody has checked it yet, or nothing (it was reviewed, or she reads the original).

The pages call these only for the text in the reader's own language: a text shown in a fallback language has its own
notice (templates/includes/fallback_notice.html).
"""

from dataclasses import dataclass

from portal import languages
from portal.translations import states, units


@dataclass(frozen=True)
class Notice:
    state: str  # states.OUTDATED or states.UNREVIEWED: the other states need no notice
    original: languages.Language  # the language the text is written in, offered to read when this one is out of date

    @property
    def outdated(self) -> bool:
        return self.state == states.OUTDATED


def _notice(unit, state: str) -> Notice | None:
    if state not in (states.OUTDATED, states.UNREVIEWED):
        return None
    return Notice(state, languages.get(units.source_language(unit)))


def _is_original(unit, code: str) -> bool:
    return getattr(unit, units.localized("translation_state", code), "") == states.SOURCE


def for_reader(unit, code: str) -> Notice | None:
    """For a unit loaded with every language's translation_state: one query, none for readers of the original."""
    if _is_original(unit, code):
        return None
    return _notice(unit, states.reader_state(unit, code))


def for_readers(kind_name: str, pks, code: str) -> dict:
    """For any number of units of one kind, however the page loaded them (often with its reader's languages only):
    two queries for all of them, so that a list costs the same for 1 and 200 units. Maps pk → Notice or None."""
    pks = list(pks)
    if not pks:
        return {}
    kind = units.get_kind(kind_name)
    # What states.state_of reads: the reader's first text (is there a translation?) and every language's state (which
    # one is the original?). Read here, not from the page's own rows, whose other languages may be deferred.
    columns = [units.localized("translation_state", other) for other in languages.CODES]
    loaded = kind.model.objects.filter(pk__in=pks).only("pk", units.localized(kind.fields[0], code), *columns)
    records = states.records_of(f"{kind.name}:{pk}" for pk in pks)
    return {
        unit.pk: _notice(unit, states.state_of(unit, code, records.get(f"{kind.name}:{unit.pk}", {})))
        for unit in loaded
    }
