"""Reading a translator's file back: check every unit, then write the units without problems, all in one
transaction, once the editor confirms.

A unit is refused (nothing of it written) when it is unknown, when the file's language is its source, when a page has
unpublished changes, when the editor may not change it, when a segment is unknown or its msgid is no longer the
source text, when a translation breaks placeholders or HTML tags or is too long, when the unit's source changed
since the export, or when a translation in the portal changed since the export and the file would replace it (the
fingerprints in the file; a translation removed since is restored). A unit whose translations the portal already has
is unchanged and not written (a reviewed unit stays reviewed). An empty msgstr leaves the text as it is; a
StreamField is written only with all its text leaves. Written units become "translated, not reviewed"; when the file
translates every segment of the unit, it is no longer outdated either: the translator worked from the current source.
"""

import re

from django.db import transaction
from wagtail.models import Page

from portal.translations import catalogues, po_checks, po_interface, po_segments, states, units
from portal.translations.po_export import unit_name
from portal.translations.po_report import Item, Report

UNIT_CONTEXT = re.compile(r"^(?P<unit>[a-z_]+:\d+):(?P<segment>.+)$", re.DOTALL)


def check(catalogue, expected_language: str | None = None, user=None) -> Report:
    """Raises po_checks.FileRefused when the file as a whole is for another language."""
    code = po_checks.check_language(catalogue, expected_language)
    grouped, interface = {}, []
    for entry in catalogue:
        if entry.obsolete:
            continue
        match = UNIT_CONTEXT.match(entry.msgctxt or "")
        if match:
            grouped.setdefault(match["unit"], []).append((match["segment"], entry))
        else:
            interface.append(entry)
    report = Report(code, [check_unit(identifier, entries, code, user) for identifier, entries in grouped.items()])
    if interface:
        items, writer = po_interface.check(interface, code, user)
        report.items.extend(items)
        report.interface = True
        if writer is not None:
            report.finishers.append(writer.save)
    return report


def _may_change(user, unit) -> bool:
    if isinstance(unit, Page):
        return unit.permissions_for_user(user).can_publish()
    meta = unit._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def check_unit(identifier: str, entries: list, code: str, user=None) -> Item:
    unit = units.find(identifier)
    if unit is None:
        return Item(identifier, identifier, ["unknown unit: the portal has no such unit (deleted, or another site's)"])
    item = Item(identifier, unit_name(unit))
    source = units.source_language(unit)
    if code == source:
        item.problems.append(f"the file's language ({code}) is this unit's source language: an import never changes it")
        return item
    if getattr(unit, "has_unpublished_changes", False):
        item.problems.append("the page has unpublished changes: publish or discard them, then export again")
    if user is not None and not _may_change(user, unit):
        item.problems.append("you may not change this unit")
    found = {segment.key: segment for segment in po_segments.segments(unit, code)}
    texts, source_print, seen = {}, None, set()
    for key, entry in entries:
        segment = found.get(key)
        if key in seen:
            item.problems.append(f"{key}: appears twice in the file")
            continue
        seen.add(key)
        if segment is None:
            item.problems.append(f"{key}: unknown segment: the unit's source has no such text")
            continue
        prints = po_checks.fingerprints(entry)
        if prints is None:
            item.problems.append(f"{key}: no export fingerprint: export the file with export_translations or the admin")
            continue
        source_print = prints[0]
        if entry.msgid != segment.text:
            item.problems.append(f"{key}: the source text changed since the export")
        elif entry.fuzzy and entry.msgstr:
            item.notes.append(f"{key}: marked fuzzy in the file: not imported")
        elif entry.msgstr:
            problems = po_checks.markup_problems(entry.msgid, entry.msgstr)
            if _overwrites_a_change(segment, prints[1], entry.msgstr):
                problems.append(f"conflict: the {code} text in the portal changed since the export (someone edited it)")
            if segment.max_length and len(entry.msgstr) > segment.max_length:
                problems.append(f"longer than the {segment.max_length} characters the field holds")
            item.problems.extend(f"{key}: {problem}" for problem in problems)
            texts[key] = entry.msgstr
    if not texts:
        return item
    planned = po_segments.changes(unit, code, list(found.values()), texts)
    item.notes.extend(f"{incomplete}: not written" for incomplete in planned.incomplete)
    complete = len(texts) == len(found) and not planned.incomplete
    records = states.records_of([identifier]).get(identifier, {})
    outdated = states.state_of(unit, code, records) == states.OUTDATED
    if not planned.columns and not (outdated and complete) and not item.problems:
        return item  # the portal already has these translations
    if source_print != units.fingerprint(unit, source)[:16]:
        item.problems.append("conflict: the source text changed since the export: export again")
    if not item.problems:
        item.writes = [_describe(unit, row, column, value) for row, column, value in planned.columns]
        item.writes.append(f"state: {states.LABELS[states.UNREVIEWED]}" + (", no longer outdated" if outdated else ""))
        item.apply = lambda user: _write(unit, code, planned.columns, complete, user)
    return item


def _overwrites_a_change(segment, exported_print, text) -> bool:
    """The portal's translation changed since the export and the file would replace it with something else (a
    translation removed since is restored: nobody's work is lost)."""
    current = segment.translation
    return bool(current) and current != text and po_checks.short_print(current) != exported_print


def _describe(unit, row, column, value) -> str:
    where = column if row is unit else f"{row._meta.verbose_name} “{row}”: {column}"
    if isinstance(value, list):
        return f"{where}: {len(value)} blocks"
    return f"{where}: “{value if len(value) <= 60 else value[:57] + '…'}”"


def _write(unit, code, columns, complete, user):
    for row, column, value in columns:
        setattr(row, column, po_segments.stored(row, column, value))
    setattr(unit, units.localized("translation_state", code), states.UNREVIEWED)
    if isinstance(unit, Page):
        unit.save_revision(user=user, log_action=True).publish(user=user)
    else:
        for row in {id(row): row for row, _column, _value in columns if row is not unit}.values():
            row.save()
        unit.save()
    if complete:
        states.confirm(unit, code)


def apply(report: Report, user=None) -> list[Item]:
    """Write every unit without a problem; all or nothing (a unit that fails its model's validation, a
    ValidationError, leaves everything as it was)."""
    written = report.to_write
    with transaction.atomic():
        for item in written:
            item.apply(user)
        for finish in report.finishers:
            finish()
    if report.interface and any(item.identifier.startswith("interface:") for item in written):
        catalogues.compile_all()
    return written
