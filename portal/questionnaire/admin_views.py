"""Admin pages for legal reviewers and editors: every path in one table (and as CSV), and the tree as a diagram."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from wagtail.admin.auth import permission_required

from portal.questionnaire import diagram, report, validation
from portal.questionnaire import tree as tree_module

REVIEW_PERMISSION = "questionnaire.view_question"


def _labels(tree):
    """English labels for the report: reviewers read the source text."""
    questions = {key: node.texts("text_en") for key, node in tree.questions.items()}
    choices = {(key, c.key): c.texts("label_en") for key, node in tree.questions.items() for c in node.choices.values()}
    return questions, choices


@permission_required(REVIEW_PERMISSION)
def paths_report(request):
    tree = tree_module.load()
    path_list = report.all_paths(tree)
    if request.GET.get("format") == "csv":
        response = HttpResponse(report.csv_text(tree, path_list), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="questionnaire-paths.csv"'
        return response
    question_labels, choice_labels = _labels(tree)
    rows = []
    for row in report.folded(tree, path_list):
        outcome = tree.outcomes.get(row.outcome)
        rows.append(
            {
                "answers": [
                    (key, row.answers.get(key), choice_labels.get((key, row.answers.get(key)), ""))
                    for key in tree.questions
                ],
                "outcome": outcome,
                "title": outcome.texts("title_en") if outcome else "",
                "count": row.count,
            }
        )
    problems = validation.check(tree)
    return render(
        request,
        "questionnaire/admin/paths.html",
        {
            "questions": [(key, question_labels[key]) for key in tree.questions],
            "rows": rows,
            "path_count": len(path_list),
            "errors": validation.errors(problems),
            "warnings": [p for p in problems if p.severity == validation.WARNING],
            "any": report.ANY,
        },
    )


@permission_required(REVIEW_PERMISSION)
def tree_diagram(request):
    tree = tree_module.load()
    return render(
        request,
        "questionnaire/admin/diagram.html",
        {
            "svg": mark_safe(diagram.svg(tree)),  # noqa: S308 (every key and label in it is escaped)
            "grades": diagram.GRADE_COLOURS,
        },
    )
