from django.core.management.base import BaseCommand, CommandError

from portal.questionnaire import tree as tree_module
from portal.questionnaire import validation


class Command(BaseCommand):
    help = "Check the questionnaire: every choice leads somewhere, no cycles, all reachable, every text translated."

    def handle(self, *args, **options):
        problems = validation.check(tree_module.load())
        for problem in problems:
            self.stdout.write(f"{problem.severity}: {problem}")
        errors = validation.errors(problems)
        if errors:
            raise CommandError(f"{len(errors)} error(s): readers could be stranded.")
        self.stdout.write(f"The questionnaire is valid ({len(problems)} warning(s)).")
