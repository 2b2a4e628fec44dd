"""The questionnaire for readers: one URL, one side-effect-free POST per step.

Nothing is stored and nothing is set: the answers so far travel in the form body, the response is never cached
(`no-store`), and no CSRF token is needed because the view changes nothing.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit
from modeltranslation.utils import build_localized_fieldname

from content import chapters
from portal import languages
from portal.i18n import translated_field
from portal.questionnaire import answers as answers_module
from portal.questionnaire import services
from portal.questionnaire import tree as tree_module
from portal.questionnaire.models import Outcome
from portal.questionnaire.translation import OUTCOME_TEXTS
from portal.questionnaire.walk import walk
from portal.safety.rate_limits import client_address, rate
from portal.translations import notices as reader_notices
from portal.translations.units import LEGAL_CHECK_FIELDS


def _grade_label(grade):
    return {
        "yes": _("Yes, on conditions"),
        "maybe": _("Maybe: it depends on the Immigration Office"),
        "no": _("No: this rule does not protect you"),
        "stop": _("These questions are not made for your situation"),
    }.get(grade, "")


def _certainty_label(certainty):
    return {
        "clear": _("Clear: the sources agree on this."),
        "contested": _("Contested: the sources or experts disagree on this."),
        "unclear": _("Unclear: the sources do not say this clearly."),
    }.get(certainty, "")


@dataclass
class Answered:
    question_key: str
    question: object  # Translated
    choice: object  # Translated


def _answered(tree, steps):
    rows = []
    for question_key, choice_key in steps:
        question = tree.questions[question_key]
        rows.append(
            Answered(
                question_key,
                translated_field(question.obj, "text"),
                translated_field(question.choices[choice_key].obj, "label"),
            )
        )
    return rows


def _hidden(answers, leave_out=None):
    return [f"{q}={c}" for q, c in answers.items() if q != leave_out]


def _respond(request, template, context, status=200):
    return render(request, template, context, status=status)  # never_cache on the view adds no-store


def _question_page(request, tree, answers, question_key, steps, urgent, notices, status=200):
    question = tree.questions[question_key]
    on_the_way = steps[: [q for q, _c in steps].index(question_key)] if question_key in dict(steps) else steps
    choices = [
        {
            "key": choice.key,
            "value": f"{question.key}={choice.key}",
            "label": translated_field(choice.obj, "label"),
            "help": translated_field(choice.obj, "help"),
            "checked": answers.get(question.key) == choice.key,
        }
        for choice in question.choices.values()
    ]
    return _respond(
        request,
        "questionnaire/question.html",
        {
            "question": question,
            "text": translated_field(question.obj, "text"),
            "help": translated_field(question.obj, "help"),
            "choices": choices,
            "number": len(on_the_way) + 1,
            "answered": _answered(tree, on_the_way),
            "previous": on_the_way[-1][0] if on_the_way else None,
            "hidden_answers": _hidden(answers, leave_out=question.key),
            "version": tree.version,
            "urgent": urgent,
            "notices": notices,
            "translation_notice": _question_notice(question.obj, request.LANGUAGE_CODE),
        },
        status,
    )


def _outcome_page(request, tree, answers, outcome_key, steps, urgent, notices):
    outcome = _outcome(languages.chain(request.LANGUAGE_CODE), outcome_key)
    if outcome is None:
        return _unavailable(request)
    notes = []
    for question_key, choice_key in steps:
        note = translated_field(tree.questions[question_key].choices[choice_key].obj, "note")
        if note:
            notes.append(note)
    texts = {
        name: translated_field(outcome, name) for name in ("title", "summary", "legal_basis", "next_steps", "evidence")
    }
    return _respond(
        request,
        "questionnaire/outcome.html",
        {
            "outcome": outcome,
            **texts,
            "steps_list": [line for line in str(texts["next_steps"]).splitlines() if line.strip()],
            "evidence_list": [line for line in str(texts["evidence"]).splitlines() if line.strip()],
            "grade_label": _grade_label(outcome.grade),
            "certainty_label": _certainty_label(outcome.certainty),
            "notes": notes,
            "services": [(key, services.LABELS[key]) for key in outcome.service_categories if key in services.LABELS],
            "answered": _answered(tree, steps),
            "hidden_answers": _hidden(answers),
            "version": tree.version,
            "urgent": urgent,
            "notices": notices,
            "translation_notice": reader_notices.for_reader(outcome, request.LANGUAGE_CODE),
        },
    )


def _question_notice(question, code):
    """The question as the reader's tree holds it (plain values, her languages only): the original's readers are
    told nothing, without a query."""
    if getattr(question, build_localized_fieldname("translation_state", code), "") == "source":
        return None
    return reader_notices.for_readers("question", [question.id], code).get(question.id)


def _outcome(codes, key):
    """The outcome with the texts of the reader's languages, and what its notices need: its lawyer's check and every
    language's translation state (which one is the original). One query."""
    columns = [build_localized_fieldname(name, code) for name in OUTCOME_TEXTS for code in codes]
    states = [build_localized_fieldname("translation_state", code) for code in languages.CODES]
    facts = ("key", "grade", "certainty", "service_categories", "information_date", *LEGAL_CHECK_FIELDS)
    return Outcome.objects.filter(key=key).only(*facts, *columns, *states).first()


def _unavailable(request):
    chapter = chapters.live_chapter("residence-card")
    title = chapters.title_in(chapter, request.LANGUAGE_CODE) if chapter else None
    return _respond(request, "questionnaire/unavailable.html", {"chapter_title": title}, status=503)


@ratelimit(key=client_address, rate=rate("questionnaire"), block=True)
@csrf_exempt  # the view changes nothing, so it needs no token (and the token would need a cookie)
@require_http_methods(["GET", "POST"])
@never_cache
def questionnaire(request):
    tree = tree_module.for_reader(languages.chain(request.LANGUAGE_CODE))
    if not tree.questions:
        return _unavailable(request)
    submitted = answers_module.parse(request.POST, tree) if request.method == "POST" else answers_module.Submitted()
    answers = submitted.answers
    notices = []
    if submitted.rejected:
        notices.append(_("Some answers could not be used. Please answer this question again."))
    elif submitted.stale:
        notices.append(_("The questions have changed since you started. Please check your answers."))
    trusted = not (submitted.rejected or submitted.stale)

    # Answers given on an older tree are kept but confirmed again, from the first question, step by step.
    stop_at = tree.start if submitted.stale else (submitted.change if trusted else None)
    result = walk(tree, answers, stop_at=stop_at)
    if submitted.rejected and result.outcome:
        result = walk(tree, answers, stop_at=tree.start)  # never an outcome under "answer this question again"
    if result.dead_end:
        return _unavailable(request)
    steps = result.steps
    path = [q for q, _c in steps]
    if trusted and submitted.step and submitted.step not in answers and result.question == submitted.step:
        notices.append(_("Please choose an answer."))
        return _question_page(request, tree, answers, submitted.step, steps, result.urgent, notices, status=400)
    if trusted and submitted.step in path and not submitted.change:
        # Step by step: after a question, show the next one on the way, even if it was answered before.
        position = path.index(submitted.step) + 1
        if position < len(path):
            return _question_page(request, tree, answers, path[position], steps, result.urgent, notices)
    if result.outcome:
        return _outcome_page(request, tree, answers, result.outcome, steps, result.urgent, notices)
    status = 400 if submitted.rejected else 200
    return _question_page(request, tree, answers, result.question, steps, result.urgent, notices, status)
