from django.core.management.base import BaseCommand

from portal.questionnaire import report
from portal.questionnaire import tree as tree_module


class Command(BaseCommand):
    help = "Print every path through the questionnaire (answers -> outcome), for legal review."

    def add_arguments(self, parser):
        parser.add_argument("--csv", action="store_true", help="CSV: one row per path, one column per question")
        parser.add_argument(
            "--folded",
            action="store_true",
            help=f"fold paths whose answers do not change the outcome into one row ({report.ANY} = any)",
        )

    def handle(self, *args, csv, folded, **options):
        tree = tree_module.load()
        path_list = report.all_paths(tree)
        if csv:
            self.stdout.write(report.csv_text(tree, path_list), ending="")
            return
        if folded:
            rows = report.folded(tree, path_list)
            for row in rows:
                steps = [(key, row.answers[key]) for key in tree.questions if key in row.answers]
                self.stdout.write(f"{report.text_line(steps, row.outcome, tree)}  [{row.count} paths]")
            self.stdout.write(f"{len(path_list)} paths in {len(rows)} rows")
            return
        for path in path_list:
            self.stdout.write(report.text_line(path.steps, path.outcome, tree))
        self.stdout.write(f"{len(path_list)} paths")
