"""Interface strings (locale/<dir>/LC_MESSAGES/django.po) in a translator's file.

Rules: an entry without a unit msgctxt is an interface string, found in the language's catalogue by msgctxt and
msgid; a msgid the catalogue does not have is refused (its source changed, or the code no longer uses it). Empty and
fuzzy entries leave the catalogue as it is; a plural entry is written only with all its forms. Placeholders and HTML
tags are checked as for content (plural forms against msgid_plural). With the export's fingerprint, a catalogue
translation changed since the export is a conflict (a catalogue from elsewhere has none: its msgid is its source).
Only the msgstr lines of changed entries are rewritten, so the file keeps gettext's line wrapping elsewhere; the
catalogues are compiled afterwards. The running site reads the new strings after its next restart.
"""

import json

import polib

from portal import languages
from portal.translations import catalogues, po_checks
from portal.translations.po_export import GENERATOR
from portal.translations.po_report import Item

SOURCE_LANGUAGE = "en"  # the msgids


def translation_of(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return json.dumps([entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)], ensure_ascii=False)
    return entry.msgstr


def export(code: str) -> polib.POFile:
    catalogue = catalogues.load(code)
    exported = polib.POFile(wrapwidth=78)
    exported.metadata = {
        **catalogue.metadata,
        "Language": languages.locale_dir_name(code),
        po_checks.SOURCE_HEADER: SOURCE_LANGUAGE,
        "X-Generator": GENERATOR,
    }
    for entry in catalogue:
        if entry.obsolete:
            continue
        source = po_checks.short_print(entry.msgid + "\x00" + entry.msgid_plural)
        prints = po_checks.fingerprint_comment(source, po_checks.short_print(translation_of(entry)))
        exported.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr=entry.msgstr,
                msgstr_plural=dict(entry.msgstr_plural),
                flags=list(entry.flags),
                occurrences=list(entry.occurrences),
                tcomment=entry.tcomment,
                comment="\n".join(line for line in (entry.comment, "Interface string", prints) if line),
            )
        )
    return exported


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _forms(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def _check(entry, target, item) -> bool:
    """Whether `entry` would change `target`; problems go to the item."""
    if entry.fuzzy or not any(_forms(entry)):
        if entry.fuzzy:
            item.notes.append("marked fuzzy in the file: not imported")
        return False
    if entry.msgid_plural != target.msgid_plural:
        item.problems.append("its plural form differs from the catalogue's")
        return False
    if entry.msgid_plural and (set(entry.msgstr_plural) != set(target.msgstr_plural) or not all(_forms(entry))):
        item.notes.append("not every plural form is translated: not imported")
        return False
    for form in _forms(entry):
        item.problems.extend(po_checks.markup_problems(entry.msgid_plural or entry.msgid, form))
    if translation_of(entry) == translation_of(target):
        return False
    prints = po_checks.fingerprints(entry)
    if prints and prints[1] != po_checks.short_print(translation_of(target)):
        item.problems.append("conflict: the catalogue's translation changed since the export")
    return True


class CatalogueWriter:
    def __init__(self, code):
        self.path = catalogues.po_path(code)
        self.changed = []

    def set(self, entry, target):
        if entry.msgid_plural:
            target.msgstr_plural = dict(entry.msgstr_plural)
        else:
            target.msgstr = entry.msgstr
        self.changed.append(target)

    def save(self):
        if not self.changed:
            return
        lines = self.path.read_text(encoding="utf-8").split("\n")
        for target in sorted(self.changed, key=lambda target: -target.linenum):  # from the end: numbers stay right
            start = target.linenum - 1
            end = next((number for number in range(start, len(lines)) if not lines[number].strip()), len(lines))
            fuzzy = "fuzzy" in target.flags
            if fuzzy:
                target.flags.remove("fuzzy")
            rendered = target.__unicode__(wrapwidth=78).rstrip("\n").split("\n")
            if not fuzzy:  # keep the entry's own lines up to its msgstr
                head = lines[start:end]
                keep = next(number for number, line in enumerate(head) if line.startswith("msgstr"))
                cut = next(number for number, line in enumerate(rendered) if line.startswith("msgstr"))
                rendered = head[:keep] + rendered[cut:]
            lines[start:end] = rendered
        self.path.write_text("\n".join(lines), encoding="utf-8")


def check(entries, code: str, user=None) -> tuple[list[Item], CatalogueWriter | None]:
    if user is not None and not user.is_superuser:  # the catalogues are files of the code, for administrators
        return [Item("interface", "Interface strings", ["only an administrator may import interface strings"])], None
    if not catalogues.po_path(code).exists():
        return [Item("interface", "Interface strings", [f"there is no interface catalogue for {code}"])], None
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in catalogues.load(code) if not entry.obsolete}
    writer = CatalogueWriter(code)
    items = []
    for entry in entries:
        item = Item(f"interface:{entry.msgctxt or ''}:{entry.msgid}", f"Interface string “{_short(entry.msgid)}”")
        items.append(item)
        target = by_key.get((entry.msgctxt, entry.msgid))
        if target is None:
            item.problems.append("not in the interface catalogue: its source text changed, or it is no longer used")
        elif _check(entry, target, item) and not item.problems:
            item.writes.append(f"translation: “{_short(translation_of(entry))}”")
            item.apply = lambda user, entry=entry, target=target: writer.set(entry, target)
    return items, writer
