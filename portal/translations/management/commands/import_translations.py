from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal import languages
from portal.translations import po_checks, po_import


class Command(BaseCommand):
    help = (
        "Check a translator's PO file (content units or interface strings) and list every problem with its unit. "
        "With --yes, write the units without problems, all in one transaction, as 'translated, not reviewed'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--lang", choices=languages.CODES, help="Refuse the file unless it is for this language.")
        parser.add_argument("--yes", action="store_true", help="Write the units without problems.")

    def handle(self, *args, file, lang, yes, **options):
        try:
            report = po_import.check(po_checks.parse(file.read_bytes()), lang)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except po_checks.FileRefused as refused:
            raise CommandError(f"{file}: {refused}") from None
        for item in report.refused:
            self.stderr.write(f"{item.identifier} {item.name}: not written")
            for problem in item.problems:
                self.stderr.write(f"  - {problem}")
        for item in report.items:
            for note in item.notes:
                self.stdout.write(f"{item.identifier}: {note}")
        if yes:
            try:
                written = po_import.apply(report)
            except ValidationError as error:
                raise CommandError(f"A unit could not be saved, so none was: {'; '.join(error.messages)}") from None
            for item in written:
                self.stdout.write(f"{item.identifier} {item.name}: written ({len(item.writes)} change(s))")
        else:
            for item in report.to_write:
                self.stdout.write(f"{item.identifier} {item.name}: would write")
                for change in item.writes:
                    self.stdout.write(f"  - {change}")
        verb = "written" if yes else "to write (run again with --yes)"
        summary = (
            f"{file} ({report.language}): {len(report.to_write)} {verb}, {len(report.unchanged)} unchanged, "
            f"{len(report.refused)} refused"
        )
        if report.refused:
            raise CommandError(summary)
        self.stdout.write(summary)
