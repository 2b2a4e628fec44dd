"""What readers are told about a translation: not yet checked, out of date (the original changed since), or nothing;
and, on legal pages (chapters, questionnaire outcomes), whether a lawyer checked the law they state."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import formats, translation
from django.utils.html import escape

from content.models import ChapterPage
from portal import languages
from portal.directory.models import Service
from portal.questionnaire import tree as tree_module
from portal.questionnaire.models import Outcome, Question
from portal.questionnaire.walk import walk
from portal.referrals.models import ReferralPage
from tests.helpers import OUTCOME_ANSWERS

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture(autouse=True)
def fresh_questionnaire(monkeypatch):
    """The questionnaire's per-process tree is kept by a change counter that each test's rollback winds back: a tree
    read in another test could otherwise come back."""
    monkeypatch.setattr(tree_module, "_READER_TREES", {})


NOT_CHECKED = "This translation has not yet been checked by a second person."
OUTDATED = "The original text has changed since this translation was made. This translation may be out of date."
READ_ORIGINAL = "Read the original text in %(language)s"
NO_LAWYER = (
    "The legal information on this page has not yet been checked by a lawyer. The law changes often: ask a lawyer or "
    "a social worker about your own situation."
)
LAWYER = "The legal information was checked by a lawyer on %(date)s (%(who)s)."
CHAPTER = "residence-card"  # a legal chapter
REFERRAL = "shelter-tonight"


def says(html: str, message: str, code: str, **values) -> bool:
    with translation.override(code):
        text = translation.gettext(message)
    return escape(text % values if values else text) in html


def notices(html: str, code: str) -> tuple[bool, bool]:
    """(not yet checked, out of date) as the page says them."""
    return says(html, NOT_CHECKED, code), says(html, OUTDATED, code)


def questionnaire_form(answers, **extra):
    return {"answer": [f"{q}={c}" for q, c in answers], "v": tree_module.load(with_outcomes=False).version, **extra}


def outcome_page(code: str) -> str:
    response = Client().post(f"/{code}/questionnaire/", questionnaire_form(OUTCOME_ANSWERS))
    assert response.status_code == 200 and "data-grade" in response.content.decode()
    return response.content.decode()


def question_page(code: str) -> str:
    """The second question, after the first is answered."""
    first = OUTCOME_ANSWERS[0]
    response = Client().post(f"/{code}/questionnaire/", questionnaire_form([first], step=first[0]))
    assert response.status_code == 200 and "<fieldset" in response.content.decode()
    return response.content.decode()


def reached_outcome() -> Outcome:
    return Outcome.objects.get(key=walk(tree_module.load(), dict(OUTCOME_ANSWERS)).outcome)


def service() -> Service:
    """A local service (not a national line) written in Arabic and Tigrinya."""
    return (
        Service.objects.filter(national_line__isnull=True, status="active").exclude(description_ar="").order_by("pk")[0]
    )


# What each kind of page is, how it is read, and how its English source or one language's state is changed.


def publish_chapter(change):
    page = ChapterPage.objects.get(slug=CHAPTER)
    change(page)
    page.save_revision().publish()


def save_unit(get):
    def apply(change):
        unit = get()
        change(unit)
        unit.save()

    return apply


ADDRESSES = {
    "chapter": lambda: f"/ar/{CHAPTER}/",
    "referral": lambda: f"/ar/referral/{REFERRAL}/",
    "service": lambda: f"/ar/help/{service().hsds_id}/",
}


def get(kind):
    return lambda code: Client().get(languages.path_in_language(ADDRESSES[kind](), code)).content.decode()


PAGES = {
    "chapter": (get("chapter"), publish_chapter, "summary"),
    "outcome": (outcome_page, save_unit(reached_outcome), "summary"),
    "question": (question_page, save_unit(lambda: Question.objects.get(key=OUTCOME_ANSWERS[1][0])), "text"),
    "referral": (get("referral"), save_unit(lambda: ReferralPage.objects.get(slug=REFERRAL)), "summary"),
    "service": (get("service"), save_unit(service), "description"),
}
KINDS = list(PAGES)


def change_source(kind):
    _read, change, field = PAGES[kind]

    def edit(unit):
        setattr(unit, f"{field}_en", getattr(unit, f"{field}_en") + " Changed in English.")

    change(edit)


@pytest.mark.parametrize("kind", KINDS)
def test_an_unreviewed_translation_says_it_was_not_yet_checked(kind):
    read = PAGES[kind][0]
    for code in ("ar", "ti"):
        assert notices(read(code), code) == (True, False), code
    assert notices(read("en"), "en") == (False, False)


@pytest.mark.parametrize("kind", KINDS)
def test_a_reviewed_translation_says_nothing(kind):
    read, change, _field = PAGES[kind]
    change(lambda unit: setattr(unit, "translation_state_ar", "reviewed"))
    assert notices(read("ar"), "ar") == (False, False)
    assert notices(read("ti"), "ti") == (True, False), "Tigrinya was not reviewed"


@pytest.mark.parametrize("kind", KINDS)
def test_a_change_of_the_source_says_the_translation_may_be_out_of_date_instead(kind):
    read, change, _field = PAGES[kind]
    change(lambda unit: setattr(unit, "translation_state_ar", "reviewed"))  # reviewed before the source changed
    change_source(kind)
    for code in ("ar", "ti"):
        html = read(code)
        assert notices(html, code) == (False, True), code  # one notice, not two
        assert says(html, READ_ORIGINAL, code, language="English")
    assert notices(read("en"), "en") == (False, False)


@pytest.mark.parametrize("kind", ["chapter", "referral", "service"])
def test_the_outdated_notice_links_to_the_same_page_in_the_original(kind):
    read = PAGES[kind][0]
    change_source(kind)
    html = read("ar")
    link = re.search(r'<a href="([^"]+)" hreflang="en">([^<]+)</a>', html)
    assert link and link.group(2) == escape("اقرئي النص الأصلي بلغة: English")
    assert link.group(1) == languages.path_in_language(ADDRESSES[kind](), "en")
    english = Client().get(link.group(1))
    assert english.status_code == 200 and english["Content-Language"] == "en"


@pytest.mark.parametrize("kind", ["outcome", "question"])
def test_the_questionnaire_offers_the_same_step_in_the_original_with_the_answers_so_far(kind):
    read = PAGES[kind][0]
    change_source(kind)
    html = read("ar")
    assert re.search(r'<button type="submit" form="read-original" class="link-button">', html)
    form = re.search(r'<form id="read-original" method="post" action="([^"]+)" hidden>(.*?)</form>', html, re.S)
    assert form and form.group(1) == "/en/questionnaire/"
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(2))
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    english = Client().post(form.group(1), data).content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", english, re.S).group(1).strip()
    if kind == "outcome":
        assert h1 == escape(reached_outcome().title_en)
    else:
        assert h1 == escape(Question.objects.get(key=OUTCOME_ANSWERS[1][0]).text_en)
    assert 'action="/en/questionnaire/"' in english and not says(english, OUTDATED, "en")


def test_an_outcome_without_a_lawyers_check_says_so_and_a_question_says_nothing_of_lawyers():
    html = outcome_page("ar")
    assert says(html, NO_LAWYER, "ar")
    assert not says(html, LAWYER.split("%")[0], "ar")
    question = question_page("ar")
    assert not says(question, NO_LAWYER, "ar")
    assert "notice--ok" not in question


def test_an_outcome_checked_by_a_lawyer_says_when_and_by_whom():
    outcome = reached_outcome()
    outcome.legal_checked_on, outcome.legal_checked_by = datetime.date(2026, 11, 20), "Maître Anne Dupont"
    outcome.save()
    for code in ("ar", "ti", "en"):
        html = outcome_page(code)
        with translation.override(code):
            date = formats.date_format(outcome.legal_checked_on, "SHORT_DATE_FORMAT")
        assert says(html, LAWYER, code, date=date, who="Maître Anne Dupont"), code
        assert not says(html, NO_LAWYER, code)


def test_a_chapter_and_an_outcome_share_the_lawyers_wording():
    """The outcome reuses the chapter's sentences, so their 22 translations are the same."""
    assert says(Client().get(f"/ar/{CHAPTER}/").content.decode(), NO_LAWYER, "ar")
    assert says(outcome_page("ar"), NO_LAWYER, "ar")


def test_the_service_list_tells_each_card_in_the_readers_language():
    changed = service()
    changed.description_en += " Changed in English."
    changed.save()
    html = Client().get(f"/ti/help/?category={changed.categories[0]}&area={changed.areas[0]}").content.decode()
    assert f'href="/ti/help/{changed.hsds_id}/"' in html
    assert says(html, OUTDATED, "ti") and says(html, NOT_CHECKED, "ti")  # the changed service, and the others
    assert f'href="/en/help/{changed.hsds_id}/" hreflang="en"' in html


def test_a_cached_chapter_shows_the_outdated_notice_once_its_english_source_is_published(
    django_capture_on_commit_callbacks,
):
    client = Client()
    assert client.get(f"/ar/{CHAPTER}/")["X-Cache"] == "miss"
    kept = client.get(f"/ar/{CHAPTER}/")
    assert kept["X-Cache"] == "hit" and notices(kept.content.decode(), "ar") == (True, False)
    with django_capture_on_commit_callbacks(execute=True):
        change_source("chapter")  # publishing purges the chapter in every language
    fresh = client.get(f"/ar/{CHAPTER}/")
    assert fresh["X-Cache"] == "miss" and notices(fresh.content.decode(), "ar") == (False, True)
    assert client.get(f"/ar/{CHAPTER}/")["X-Cache"] == "hit"


def test_a_cached_service_page_shows_the_outdated_notice_once_its_english_source_is_saved(
    django_capture_on_commit_callbacks,
):
    path = f"/ar/help/{service().hsds_id}/"
    client = Client()
    client.get(path)
    assert client.get(path)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        change_source("service")
    fresh = client.get(path)
    assert fresh["X-Cache"] == "miss" and notices(fresh.content.decode(), "ar") == (False, True)


def test_a_minor_edit_of_the_source_leaves_the_translation_as_it_was():
    def minor(page):
        page.summary_en += " Typo fixed."
        page.minor_edit = True

    publish_chapter(minor)
    assert notices(Client().get(f"/ar/{CHAPTER}/").content.decode(), "ar") == (True, False)
