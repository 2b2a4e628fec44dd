from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import languages
from portal.translations import po_export, po_interface, units


class Command(BaseCommand):
    help = (
        "Write a translator's PO file for one language: every unit's source text, current translation and state "
        "(or, with --interface, the interface strings of locale/). Read it back with import_translations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lang", required=True, choices=languages.CODES)
        parser.add_argument("--output", type=Path, help="The file to write; the standard output without it.")
        parser.add_argument(
            "--kind", action="extend", nargs="+", default=[], help="Only these kinds of unit (chapter, question, …)."
        )
        parser.add_argument("--interface", action="store_true", help="The interface strings instead of the content.")

    def handle(self, *args, lang, output, kind, interface, **options):
        known = [one.name for one in units.kinds()]
        unknown = [name for name in kind if name not in known]
        if unknown:
            raise CommandError(f"Unknown kind {', '.join(unknown)}: choose from {', '.join(known)}.")
        if interface:
            catalogue, skipped = po_interface.export(lang), 0
        else:
            catalogue, skipped = po_export.content_file(lang, kind)
        if output is None:
            self.stdout.write(str(catalogue), ending="")
        else:
            try:
                catalogue.save(str(output))
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}") from None
            self.stderr.write(f"{output}: {len(catalogue)} entries")
        if skipped:
            self.stderr.write(f"{skipped} unit(s) left out: {lang} is their source language.")
