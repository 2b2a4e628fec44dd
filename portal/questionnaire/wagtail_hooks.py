from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.questionnaire import admin_views, validation
from portal.questionnaire import tree as tree_module
from portal.questionnaire.models import Outcome, Question


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    list_display = ["key", "text", "position"]
    search_fields = None


class OutcomeViewSet(SnippetViewSet):
    model = Outcome
    icon = "success"
    menu_label = "Outcomes"
    list_display = ["key", "title", "grade", "certainty", "information_date"]
    list_filter = ["grade", "certainty"]


class QuestionnaireGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, OutcomeViewSet)
    menu_icon = "list-ul"
    menu_label = "Questionnaire"
    menu_name = "questionnaire"

    def get_submenu_items(self):
        return super().get_submenu_items() + [
            MenuItem("All paths (legal review)", reverse("questionnaire_paths"), icon_name="table", order=900),
            MenuItem("Diagram", reverse("questionnaire_diagram"), icon_name="site", order=910),
        ]


register_snippet(QuestionnaireGroup)


@hooks.register("register_admin_urls")
def questionnaire_admin_urls():
    return [
        path("questionnaire/paths/", admin_views.paths_report, name="questionnaire_paths"),
        path("questionnaire/diagram/", admin_views.tree_diagram, name="questionnaire_diagram"),
    ]


@hooks.register("before_delete_snippet")
def refuse_breaking_deletion(request, instances):
    """Deleting a question or an outcome that readers can reach would strand them: refuse, naming the choices."""
    instances = [i for i in instances if isinstance(i, (Question, Outcome))]
    if not instances:
        return None
    current = tree_module.load()
    before = validation.check(current)
    for instance in instances:
        (current.questions if isinstance(instance, Question) else current.outcomes).pop(instance.key, None)
    refused = validation.new_errors(before, validation.check(current))
    if not refused:
        return None
    for problem in refused:
        messages.error(request, f"Not deleted: {problem.message}")
    model = type(instances[0])
    return redirect(reverse(f"wagtailsnippets_questionnaire_{model._meta.model_name}:list"))
