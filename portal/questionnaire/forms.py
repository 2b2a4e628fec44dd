"""Admin forms that refuse an edit which would break the tree: the edit is checked as the tree it would make."""

import copy

from portal.questionnaire import tree as tree_module
from portal.questionnaire import validation
from portal.questionnaire.tree import ChoiceNode, OutcomeNode, QuestionNode, RuleNode, Target, make_target
from portal.translations.forms import TranslatedUnitForm


def _key(instance):
    return instance.key if instance is not None else None


def _data_getter(data):
    return lambda name: data.get(name) or ""


class TreeCheckedForm(TranslatedUnitForm):
    """A question or outcome form: the edit is checked as the tree it would make. Subclasses say which `kind` of
    node they edit and build it from the form (`node()`)."""

    kind = ""  # tree.QUESTION or tree.OUTCOME

    def stored_key(self) -> str | None:
        """The key as saved before this edit (the form may rename it)."""
        if not self.instance.pk:
            return None
        return type(self.instance).objects.filter(pk=self.instance.pk).values_list("key", flat=True).first()

    def edited_tree(self, tree):
        nodes = tree.questions if self.kind == tree_module.QUESTION else tree.outcomes
        old_key = self.stored_key()
        nodes.pop(old_key, None)
        node = self.node()
        nodes[node.key] = node
        _renamed(tree, self.kind, old_key, node.key)  # this question's own choices included
        return tree

    def is_new(self, problem) -> bool:
        """A question or outcome being created cannot be reachable yet: that is allowed (it is then linked)."""
        own_key = problem.question if self.kind == tree_module.QUESTION else problem.outcome
        return not self.instance.pk and problem.code == "unreachable" and own_key == self.cleaned_data["key"]

    def is_valid(self):
        if not super().is_valid():
            return False
        current = tree_module.load()
        before = validation.check(current)
        after = validation.check(self.edited_tree(copy.deepcopy(current)))
        refused = [p for p in validation.new_errors(before, after) if not self.is_new(p)]
        for problem in refused:
            self.add_error(None, problem.message)
        return not refused


def _renamed(tree, kind, old, new):
    """Choices and rules point at rows, not keys: a renamed target keeps its arrows."""
    if not old or old == new:
        return
    for question in tree.questions.values():
        for item in [*question.choices.values(), *question.rules]:
            if item.target and item.target.kind == kind and item.target.key == old:
                item.target = Target(kind, new)


def _kept_rows(formset):
    """The inline rows that stay after the edit, with where each leads."""
    for form in formset.forms:
        values = getattr(form, "cleaned_data", None)
        if values and not values.get("DELETE"):
            target, both = make_target(_key(values.get("next_question")), _key(values.get("outcome")))
            yield values, target, both


class QuestionForm(TreeCheckedForm):
    kind = tree_module.QUESTION

    def node(self):
        data = self.cleaned_data
        node = QuestionNode(data["key"], data.get("position") or 0, texts=_data_getter(data))
        for values, target, both in _kept_rows(self.formsets["choices"]):
            node.choices[values["key"]] = ChoiceNode(
                values["key"], target, bool(values.get("urgent")), _data_getter(values), both_targets=both
            )
        for values, target, both in _kept_rows(self.formsets["rules"]):
            node.rules.append(RuleNode(values.get("when", ""), target, both))
        return node


class OutcomeForm(TreeCheckedForm):
    kind = tree_module.OUTCOME

    def node(self):
        data = self.cleaned_data
        return OutcomeNode(data["key"], data["grade"], data["certainty"], _data_getter(data))
