from django.core.management.base import BaseCommand, CommandError

from portal.questionnaire import tree as tree_module
from portal.questionnaire.walk import walk


class Command(BaseCommand):
    help = "Show the steps and the outcome for given answers, e.g. questionnaire_walk danger=no own_eu=no …"

    def add_arguments(self, parser):
        parser.add_argument("answers", nargs="*", metavar="question=choice")

    def handle(self, *args, answers, **options):
        tree = tree_module.load()
        given = {}
        for item in answers:
            question, sep, choice = item.partition("=")
            if not sep:
                raise CommandError(f"“{item}” is not an answer: write it as question=choice.")
            node = tree.questions.get(question)
            if node is None:
                raise CommandError(f"There is no question “{question}”. Questions: {', '.join(tree.questions)}.")
            if choice not in node.choices:
                raise CommandError(
                    f"“{choice}” is not a choice of question “{question}”. Choices: {', '.join(node.choices)}."
                )
            given[question] = choice
        result = walk(tree, given)
        for number, (question, choice) in enumerate(result.steps, 1):
            node = tree.questions[question]
            self.stdout.write(
                f"{number}. {question}: {node.texts('text_en')}\n   -> {choice}: {node.choices[choice].texts('label_en')}"
            )
        unused = sorted(set(given) - {q for q, _c in result.steps} - ({result.question} if result.question else set()))
        if unused:
            self.stdout.write(f"(not asked on this path: {', '.join(unused)})")
        if result.dead_end:
            raise CommandError(f"The tree is broken here: {result.dead_end}.")
        if result.question:
            node = tree.questions[result.question]
            raise CommandError(
                f"Missing answer: question “{result.question}” ({node.texts('text_en')}). "
                f"Choices: {', '.join(node.choices)}."
            )
        outcome = tree.outcomes[result.outcome]
        self.stdout.write(
            f"Outcome: {outcome.key}: {outcome.texts('title_en')}\n   grade {outcome.grade}, certainty {outcome.certainty}"
        )
