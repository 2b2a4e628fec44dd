"""Editors and legal reviewers: the admin refuses edits that would strand a reader; reports, diagram, commands,
and the seed loader (all or nothing, editors' changes kept)."""

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from content.loading import SeedInvalid
from portal.questionnaire import seed
from portal.questionnaire import tree as tree_module
from portal.questionnaire.models import Choice, Outcome, Question
from portal.questionnaire.walk import paths
from tests.helpers import edit, errors_of

pytestmark = pytest.mark.usefixtures("seeded")


def choice_prefix(question, key):
    position = list(question.choices.order_by("sort_order", "pk").values_list("key", flat=True)).index(key)
    return f"choices-{position}-"


def test_the_question_editor_shows_every_language_of_the_question_and_its_choices(editor):
    question = Question.objects.get(key="sponsor")
    html = editor.get(reverse(Question.snippet_viewset.get_url_name("edit"), args=[question.pk])).content.decode()
    for code in ("en", "ar", "ti", "zh_hans"):
        assert f'name="text_{code}"' in html and f'name="choices-0-label_{code}"' in html
    assert 'name="rules-TOTAL_FORMS"' in html


def test_an_edit_that_keeps_the_tree_whole_is_saved_and_readers_see_it_at_once(editor, client):
    assert "Are you or your children in danger right now?" in client.get("/en/questionnaire/").content.decode()
    question = Question.objects.get(key="danger")
    response = edit(editor, question, lambda d: d.update({"text_en": "Are you in danger at this moment?"}))
    assert response.status_code == 302, errors_of(response)[:3000]
    assert Question.objects.get(key="danger").text_en == "Are you in danger at this moment?"
    assert "Are you in danger at this moment?" in client.get("/en/questionnaire/").content.decode()


def _points_nowhere(d):
    prefix = choice_prefix(Question.objects.get(key="years"), "less_5")
    d[prefix + "next_question"] = ""
    d[prefix + "outcome"] = ""


def _points_twice(d):
    prefix = choice_prefix(Question.objects.get(key="years"), "less_5")
    d[prefix + "outcome"] = str(Outcome.objects.get(key="permanent").pk)


def _cycle(d):
    prefix = choice_prefix(Question.objects.get(key="years"), "less_5")
    d[prefix + "next_question"] = str(Question.objects.get(key="sponsor").pk)


def _strand_the_rest(d):
    # Both ways on to "special" now end at once: every later question and several outcomes become unreachable.
    question = Question.objects.get(key="years")
    for key in ("less_5", "dont_know"):
        d[choice_prefix(question, key) + "next_question"] = ""
        d[choice_prefix(question, key) + "outcome"] = str(Outcome.objects.get(key="permanent").pk)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_points_nowhere, "Question “years”, choice “less_5” leads nowhere"),
        (_points_twice, "Question “years”, choice “less_5” leads to a question and an outcome at once"),
        (_cycle, "Question “years”, choice “less_5” leads back to question “sponsor”"),
        (_strand_the_rest, "Question “special” can never be reached"),
    ],
)
def test_a_broken_choice_edit_is_refused_naming_question_and_choice(editor, change, message):
    before = tree_module.load().version
    response = edit(editor, Question.objects.get(key="years"), change)
    assert response.status_code == 200, "refused: the form comes back"
    assert message in response.content.decode()
    assert tree_module.load().version == before, "nothing was saved"


def test_a_rule_naming_an_unknown_answer_is_refused(editor):
    def change(d):
        d["rules-0-when"] = "sponsor=martian"

    response = edit(editor, Question.objects.get(key="children"), change)
    assert "there is no answer “sponsor=martian”" in response.content.decode()


def test_renaming_a_key_that_rules_use_is_refused_but_a_plain_rename_is_kept(editor):
    response = edit(editor, Question.objects.get(key="sponsor"), lambda d: d.update({"key": "partner_status"}))
    assert "there is no answer “sponsor=belgian”" in response.content.decode()
    response = edit(editor, Question.objects.get(key="years"), lambda d: d.update({"key": "card_years"}))
    assert response.status_code == 302
    assert "card_years" in tree_module.load().questions


def test_an_empty_english_text_is_refused(editor):
    response = edit(editor, Outcome.objects.get(key="belgian"), lambda d: d.update({"summary_en": ""}))
    assert response.status_code == 200
    assert Outcome.objects.get(key="belgian").summary_en


def test_deleting_a_reachable_outcome_or_question_is_refused(editor):
    for instance in (Outcome.objects.get(key="permanent"), Question.objects.get(key="children")):
        viewset = type(instance).snippet_viewset
        response = editor.post(reverse(viewset.get_url_name("delete"), args=[instance.pk]), follow=True)
        assert "Not deleted:" in response.content.decode()
        assert type(instance).objects.filter(pk=instance.pk).exists()


def test_the_paths_report_the_csv_and_the_diagram(editor):
    tree = tree_module.load()
    html = editor.get(reverse("questionnaire_paths")).content.decode()
    assert "The tree is valid" in html
    for key in tree.outcomes:
        assert f"<strong>{key}</strong>" in html
    csv_response = editor.get(reverse("questionnaire_paths") + "?format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().strip().splitlines()
    assert len(lines) == len(list(paths(tree))) + 1
    svg = editor.get(reverse("questionnaire_diagram")).content.decode()
    assert svg.count('class="question"') == len(tree.questions)
    assert svg.count('class="outcome"') == len(tree.outcomes)
    assert 'data-grade="stop"' in svg and "#a4161a" in svg


def test_the_reports_are_for_editors_only(client):
    assert client.get(reverse("questionnaire_paths")).status_code == 302  # to the login page


def test_questionnaire_paths_command(capsys):
    call_command("questionnaire_paths")
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{len(list(paths(tree_module.load())))} paths"
    assert out[0].startswith("danger=yes own_eu=yes -> own_eu (yes, clear)")
    call_command("questionnaire_paths", "--folded")
    folded = capsys.readouterr().out.splitlines()
    assert len(folded) < 60 and "danger=* own_eu=yes -> own_eu (yes, clear)" in "\n".join(folded)


def test_questionnaire_walk_command(capsys):
    call_command("questionnaire_walk", "danger=no", "own_eu=no", "sponsor=non_eu", "procedure=waiting")
    out = capsys.readouterr().out
    assert "4. procedure" in out and "Outcome: no_decision" in out and "grade no, certainty clear" in out
    with pytest.raises(CommandError, match="Missing answer: question “sponsor”"):
        call_command("questionnaire_walk", "danger=no", "own_eu=no")
    with pytest.raises(CommandError, match="“martian” is not a choice of question “sponsor”"):
        call_command("questionnaire_walk", "sponsor=martian")
    with pytest.raises(CommandError, match="There is no question “nope”"):
        call_command("questionnaire_walk", "nope=yes")


def test_questionnaire_check_command(capsys):
    call_command("questionnaire_check")
    assert "The questionnaire is valid (0 warning(s))." in capsys.readouterr().out
    Choice.objects.filter(question__key="years", key="less_5").update(next_question=None)
    with pytest.raises(CommandError, match="error"):
        call_command("questionnaire_check")
    assert "Question “years”, choice “less_5” leads nowhere" in capsys.readouterr().out


# Seed loading ----------------------------------------------------------------------------------------------------


@pytest.fixture
def seed_copy(tmp_path):
    target = tmp_path / "questionnaire"
    shutil.copytree(seed.SEED_DIR, target)
    return target


def _rewrite(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False))


def test_loading_again_changes_nothing_and_keeps_an_editors_change():
    Outcome.objects.filter(key="belgian").update(title_nl="Door een redacteur herschreven")
    stats = seed.load()
    assert stats["created"] == 0 and stats["written"] == 0 and stats["kept"] >= 1
    assert Outcome.objects.get(key="belgian").title_nl == "Door een redacteur herschreven"


def test_a_broken_seed_file_loads_nothing(seed_copy):
    _rewrite(seed_copy / "ar.json", lambda d: d["outcomes"]["belgian"].pop("evidence"))
    _rewrite(
        seed_copy / "tree.json",
        lambda d: d["outcomes"].append({"key": "new_one", "grade": "maybe", "certainty": "clear", "services": []}),
    )
    with pytest.raises(SeedInvalid) as invalid:
        seed.load(seed_copy)
    assert any("ar.json: outcomes.belgian.evidence" in e for e in invalid.value.errors)
    assert not Outcome.objects.filter(key="new_one").exists()


def test_a_seed_with_a_cycle_is_rolled_back(seed_copy):
    def loop(data):
        children = next(q for q in data["questions"] if q["key"] == "children")
        children["choices"].append({"key": "maybe", "question": "danger"})

    _rewrite(seed_copy / "tree.json", loop)
    for path in seed_copy.glob("*.json"):
        if path.name != "tree.json":
            _rewrite(path, lambda d: d["questions"]["children"]["choices"].update({"maybe": {"label": "Maybe"}}))
    with pytest.raises(SeedInvalid) as invalid:
        seed.load(seed_copy)
    assert any("leads back to question “danger”" in e for e in invalid.value.errors)
    assert not Choice.objects.filter(question__key="children", key="maybe").exists()


def test_a_seed_rule_to_an_unknown_outcome_or_answer_is_named(seed_copy):
    def bad_rule(data):
        children = next(q for q in data["questions"] if q["key"] == "children")
        children["rules"].append({"when": {"sponsor": "martian"}, "outcome": "nowhere"})

    _rewrite(seed_copy / "tree.json", bad_rule)
    with pytest.raises(SeedInvalid) as invalid:
        seed.load(seed_copy)
    assert "tree.json: children, rule 5 leads to unknown outcome 'nowhere'" in invalid.value.errors
    assert "tree.json: children, rule 5: there is no answer sponsor=martian" in invalid.value.errors
