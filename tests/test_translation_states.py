"""Every transition of a translation's state: translate, change the source, minor edit, review, legal check; through
code (publish, save) and through the admin's forms. (Imports: test_translation_files.py.)"""

import datetime

import pytest
from django.urls import reverse

from content.models import ChapterPage
from portal import languages
from portal.questionnaire.models import Outcome, Question
from portal.translations import states, units
from portal.translations.models import TranslationRecord
from tests.helpers import edit, errors_of, page_form, page_form_data

pytestmark = pytest.mark.usefixtures("seeded")
OTHERS = [code for code in languages.CODES if code != "en"]


def chapter(slug="residence-card"):
    return ChapterPage.objects.get(slug=slug)


def publish(page, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision().publish()
    return ChapterPage.objects.get(pk=page.pk)


def test_the_seeded_site_starts_with_english_as_source_and_every_translation_unreviewed():
    rows = states.matrix()
    assert len(rows) == 89
    assert {row.states["en"] for row in rows} == {states.SOURCE}
    assert {row.states[code] for row in rows for code in OTHERS} == {states.UNREVIEWED}
    assert TranslationRecord.objects.count() == 89 * 22


def test_a_source_change_makes_every_translation_outdated_and_says_which():
    states.made_outdated(chapter())  # nothing left from loading
    page = publish(chapter(), title_en="Your residence card, explained")
    assert states.made_outdated(page) == OTHERS
    assert set(states.unit_states(page).values()) == {states.SOURCE, states.OUTDATED}
    assert states.reader_state(page, "ti") == states.OUTDATED


def test_a_minor_edit_keeps_translations_current_but_not_those_already_outdated():
    page = publish(chapter(), title_en="Your residence card, explained")  # all outdated
    page = publish(page, title_ar="بطاقة الإقامة", translation_state_ar="unreviewed")  # ar translated again
    states.made_outdated(page)
    assert states.unit_states(page)["ar"] == states.UNREVIEWED
    page = publish(page, title_en="Your residence card, explained.", minor_edit=True)
    after = states.unit_states(page)
    assert after["ar"] == states.UNREVIEWED and after["ti"] == states.OUTDATED
    assert states.made_outdated(page) == []


def test_translating_again_clears_outdated_and_emptying_a_language_makes_it_missing():
    page = publish(chapter(), summary_en="A new summary.")
    assert states.unit_states(page)["fa"] == states.OUTDATED
    page = publish(page, summary_fa="خلاصه تازه.")
    assert states.unit_states(page)["fa"] == states.UNREVIEWED
    page = publish(page, title_so="", summary_so="")
    assert states.unit_states(page)["so"] == states.MISSING
    assert not TranslationRecord.objects.filter(unit=units.unit_id(page), language="so").exists()
    page = publish(page, title_so="Kaarka deganaanshaha", summary_so="Koob.")
    assert states.unit_states(page)["so"] == states.UNREVIEWED  # a new translation is made from today's source


def test_a_review_confirms_the_text_against_the_current_source():
    outcome = Outcome.objects.get(key="belgian")
    outcome.title_en = "You may keep your right to stay"
    outcome.save()
    assert states.unit_states(outcome)["tr"] == states.OUTDATED
    outcome.translation_state_tr = "reviewed"
    outcome.save()
    assert states.unit_states(outcome)["tr"] == states.OUTDATED  # a state alone does not make it current
    states.confirm(outcome, "tr")
    assert states.unit_states(outcome)["tr"] == states.REVIEWED


def test_a_question_is_outdated_when_a_choice_changes_in_the_source(editor):
    question = Question.objects.get(key="sponsor")

    def change_choice(data):
        label = next(name for name in data if name.endswith("-label_en"))
        data[label] = data[label] + " (changed)"

    response = edit(editor, question, change_choice)
    assert response.status_code == 302, errors_of(response)[:2000]
    assert set(states.unit_states(Question.objects.get(key="sponsor")).values()) == {states.SOURCE, states.OUTDATED}


def test_translating_a_choice_in_the_admin_marks_that_language_unreviewed(editor):
    question = Question.objects.get(key="sponsor")
    question.translation_state_ar = "reviewed"
    question.save()
    states.confirm(question, "ar")

    def change_choice(data):
        label = next(name for name in data if name.endswith("-label_ar"))
        data[label] = data[label] + "."

    assert edit(editor, question, change_choice).status_code == 302
    question = Question.objects.get(key="sponsor")
    assert question.translation_state_ar == "unreviewed"
    assert states.unit_states(question)["ar"] == states.UNREVIEWED
    assert states.unit_states(question)["ti"] == states.UNREVIEWED  # untouched languages stay as they were


def checked_outcome():
    outcome = Outcome.objects.get(key="belgian")
    outcome.legal_checked_on, outcome.legal_checked_by = datetime.date(2026, 11, 1), "Mr. Example, lawyer"
    outcome.translation_state_de = "reviewed"
    outcome.save()
    return outcome


def test_a_source_change_in_the_admin_resets_the_legal_check_and_tells_the_editor(editor):
    outcome = checked_outcome()
    response = edit(editor, outcome, lambda d: d.update({"title_en": "Changed in the source"}))
    assert response.status_code == 302, errors_of(response)[:2000]
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert outcome.legal_checked_on is None and outcome.legal_checked_by == ""
    assert outcome.translation_state_de == "reviewed"  # its text did not change: it is outdated, not unreviewed
    assert states.unit_states(outcome)["de"] == states.OUTDATED
    page = editor.get(response.url).content.decode()
    assert "made 21 translations outdated" in page and "Tigrinya" in page


def test_a_minor_edit_in_the_admin_keeps_the_legal_check_and_the_translations(editor):
    outcome = checked_outcome()
    response = edit(editor, outcome, lambda d: d.update({"title_en": outcome.title_en + ".", "minor_edit": "on"}))
    assert response.status_code == 302, errors_of(response)[:2000]
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert outcome.legal_checked_on == datetime.date(2026, 11, 1)
    assert not outcome.minor_edit or outcome.title_en.endswith(".")
    assert states.OUTDATED not in states.unit_states(outcome).values()
    form_html = editor.get(reverse(Outcome.snippet_viewset.get_url_name("edit"), args=[outcome.pk])).content.decode()
    assert 'name="minor_edit" checked' not in form_html and 'name="minor_edit"' in form_html  # unticked again


def test_a_check_entered_with_the_change_is_kept(editor):
    outcome = checked_outcome()
    response = edit(
        editor,
        outcome,
        lambda d: d.update({"title_en": "Checked again", "legal_checked_on": "2026-11-20", "legal_checked_by": "B"}),
    )
    assert response.status_code == 302, errors_of(response)[:2000]
    assert Outcome.objects.get(pk=outcome.pk).legal_checked_on == datetime.date(2026, 11, 20)


def test_a_translation_edited_in_the_admin_is_unreviewed_unless_reviewed_in_the_same_save(editor):
    outcome = checked_outcome()
    assert edit(editor, outcome, lambda d: d.update({"summary_de": "Neu übersetzt."})).status_code == 302
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert outcome.translation_state_de == "unreviewed"
    assert outcome.legal_checked_on is not None  # a translation is not the source: the check stands
    data = {"summary_de": "Nochmals neu.", "translation_state_de": "reviewed"}
    assert edit(editor, outcome, lambda d: d.update(data)).status_code == 302
    assert Outcome.objects.get(pk=outcome.pk).translation_state_de == "reviewed"


def test_the_page_form_saved_unchanged_changes_no_state(editor):
    """The rich-text editor rewrites every paragraph's key: that must not count as a changed text."""
    page = publish(chapter(), legal_checked_on=datetime.date(2026, 11, 1), legal_checked_by="A lawyer")
    draft = page.get_latest_revision_as_object()
    form = page_form(draft, editor.user, page_form_data(draft, editor.user))
    assert form.is_valid(), form.errors
    assert form.instance.legal_checked_on == datetime.date(2026, 11, 1)
    assert {getattr(form.instance, units.localized("translation_state", code)) for code in OTHERS} == {"unreviewed"}


def test_publishing_a_source_change_through_the_admin_resets_the_check_and_names_the_outdated_languages(editor):
    page = publish(chapter(), legal_checked_on=datetime.date(2026, 11, 1), legal_checked_by="A lawyer")
    draft = page.get_latest_revision_as_object()
    data = page_form_data(draft, editor.user)
    data["summary_en"] = "A changed summary in the source."
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
    assert response.status_code == 200
    page = chapter()
    assert page.summary_en == "A changed summary in the source."
    assert page.legal_checked_on is None
    assert page.get_latest_revision_as_object().legal_checked_on is None  # not brought back by the next edit
    assert states.unit_states(page)["ar"] == states.OUTDATED
    assert "made 21 translations outdated" in response.content.decode()


def test_a_deleted_unit_leaves_no_records():
    outcome = Outcome.objects.create(
        key="temporary_test",
        grade="maybe",
        certainty="clear",
        title_en="T",
        summary_en="S",
        legal_basis_en="L",
        next_steps_en="N",
        evidence_en="E",
        information_date=datetime.date(2026, 1, 1),
        title_ar="ت",
    )
    assert TranslationRecord.objects.filter(unit=units.unit_id(outcome)).count() == 2
    identifier = units.unit_id(outcome)
    outcome.delete()
    assert not TranslationRecord.objects.filter(unit=identifier).exists()


def test_load_content_records_a_site_from_before_tracking_as_its_baseline(capsys):
    from django.core.management import call_command

    TranslationRecord.objects.all().delete()
    call_command("load_content")
    assert "translations: 89 units recorded for the first time" in capsys.readouterr().out
    assert TranslationRecord.objects.count() == 89 * 22
    page = publish(chapter(), summary_en="The first source change after the upgrade.")
    assert states.unit_states(page)["ti"] == states.OUTDATED  # the baseline makes it visible
