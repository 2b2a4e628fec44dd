import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.directory import interchange


class Command(BaseCommand):
    help = "Export every help service as HSDS 3.0 JSON (with the translations extension), validated before writing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="where to write; - for standard output")

    def handle(self, *args, file, **options):
        records, problems = interchange.export_records()
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"Not written: {len(problems)} record(s) do not validate against HSDS 3.0.")
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        if str(file) == "-":
            self.stdout.write(text, ending="")
            return
        file.write_text(text, encoding="utf-8")
        self.stdout.write(f"{len(records)} services written to {file}, each valid against the HSDS 3.0 service schema.")
