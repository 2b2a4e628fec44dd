"""A translator's file for one language: every segment of every unit, with its source text, its current
translation, the unit's state, and the fingerprints an import compares to find what changed since."""

import polib
from django.utils import timezone, translation

from portal import languages
from portal.translations import po_checks, po_segments, states, units

GENERATOR = "portal export_translations"
HEADER = """The portal's content for translation into {language}.
msgid: the source text; msgstr: your translation (an empty msgstr leaves the portal's text as it is).
Keep placeholders such as %(name)s, {{0}} and the HTML tags as they are. Leave msgctxt and the comments unchanged."""


def metadata(code: str, sources) -> dict:
    now = timezone.now().strftime("%Y-%m-%d %H:%M%z")
    return {
        "Project-Id-Version": "portal",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Language": languages.locale_dir_name(code),
        po_checks.SOURCE_HEADER: ", ".join(sorted(sources)) or languages.DEFAULT,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
    }


def unit_name(unit) -> str:
    with translation.override(units.source_language(unit)):
        return f"{units.kind_of(unit).label} “{unit}”"


def _units(kind_names):
    for kind in units.kinds():
        if kind_names and kind.name not in kind_names:
            continue
        queryset = kind.units()
        for relation, _fields in kind.children:
            queryset = queryset.prefetch_related(relation)
        yield from queryset


def content_file(code: str, kind_names=None) -> tuple[polib.POFile, int]:
    """The file, and how many units were left out because `code` is their source language."""
    found = list(_units(kind_names))
    records = states.records_of(units.unit_id(unit) for unit in found)
    entries, sources, skipped = [], set(), 0
    for unit in found:
        source = units.source_language(unit)
        if source == code:
            skipped += 1
            continue
        sources.add(source)
        identifier = units.unit_id(unit)
        state = states.state_of(unit, code, records.get(identifier, {}))
        source_print = units.fingerprint(unit, source)
        name = unit_name(unit)
        for segment in po_segments.segments(unit, code):
            prints = po_checks.fingerprint_comment(source_print, po_checks.short_print(segment.translation))
            comment = [f"{name}: {segment.key}", f"State: {states.LABELS[state]}", prints]
            if segment.max_length:
                comment.insert(1, f"At most {segment.max_length} characters.")
            entries.append(
                polib.POEntry(
                    msgctxt=f"{identifier}:{segment.key}",
                    msgid=segment.text,
                    msgstr=segment.translation,
                    comment="\n".join(comment),
                )
            )
    catalogue = polib.POFile(wrapwidth=78)
    catalogue.header = HEADER.format(language=languages.get(code).english_name)
    catalogue.metadata = metadata(code, sources)
    catalogue.extend(entries)
    return catalogue, skipped
