from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.directory import interchange


class Command(BaseCommand):
    help = "Import help services from an HSDS 3.0 JSON file. All or nothing; matched by HSDS id, so re-running is safe."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        try:
            report = interchange.import_records(interchange.parse_file(raw))
        except interchange.ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"Nothing was imported: {len(refused.problems)} problem(s) in {file}.") from None
        self.stdout.write(f"{file}: {report}")
