"""The Translations dashboard, the per-language view and the reviewers' actions, on the seeded site."""

import datetime
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import ChapterPage
from portal import languages
from portal.directory.models import Service
from portal.questionnaire.models import Outcome, Question
from portal.referrals.models import ReferralPage
from portal.translations import links, states
from portal.translations.models import EditorLanguages, TranslationRecord
from tests.helpers import edit

DASHBOARD = "/admin/translations/"
# Each kind's model and the text a language must have to count as present (the first translated field).
MODELS = {
    "chapter": (ChapterPage, "title"),
    "question": (Question, "text"),
    "outcome": (Outcome, "title"),
    "referral": (ReferralPage, "title"),
    "service": (Service, "name"),
}


def column(name, code):
    return f"{name}_{code.replace('-', '_')}"


def expected_states() -> dict[str, dict[str, str]]:
    """Each unit's state per language, read straight from its columns (the seeds have nothing outdated).
    The source is the language marked so, else English (services leave it unmarked)."""
    found = {}
    for kind, (model, text) in MODELS.items():
        names = [column(field, code) for code in languages.CODES for field in ("translation_state", text)]
        for pk, *values in model.objects.values_list("pk", *names):
            row = dict(zip(names, values, strict=True))
            marked = [code for code in languages.CODES if row[column("translation_state", code)] == "source"]
            source = marked[0] if marked else "en"
            found[f"{kind}:{pk}"] = {
                code: "source"
                if code == source
                else "missing"
                if not (row[column(text, code)] or "").strip()
                else "reviewed"
                if row[column("translation_state", code)] == "reviewed"
                else "unreviewed"
                for code in languages.CODES
            }
    return found


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def matrix(page) -> dict[str, dict[str, dict]]:
    """unit id → language code → the cell (state class, link, label, letter), in the columns' order."""
    codes = header_codes(page)
    rows = {}
    for tr in page.select("table[data-matrix] tbody tr[data-unit]"):
        cells = tr.find_all("td")[: len(codes)]
        rows[tr["data-unit"]] = {
            code: {"state": td["class"][0].removeprefix("tr-"), "a": td.a, "text": td.get_text(strip=True)}
            for code, td in zip(codes, cells, strict=True)
        }
    return rows


def header_codes(page) -> list[str]:
    return [th.get_text(strip=True) for th in page.select("table[data-matrix] thead th.tr-lang")]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def state_column(unit, code):
    return getattr(type(unit).objects.get(pk=unit.pk), column("translation_state", code))


# --- the dashboard --------------------------------------------------------------------------------------------


def test_the_dashboard_shows_every_unit_in_every_language_with_the_models_counts(editor):
    page = soup(editor.get(DASHBOARD))
    expected = expected_states()
    shown = matrix(page)
    assert len(shown) == len(expected) == 89
    assert header_codes(page) == list(languages.CODES)
    assert {unit: {code: cell["state"] for code, cell in cells.items()} for unit, cells in shown.items()} == expected
    # Totals: per state in the legend, per language and state in the table's foot.
    per_state = Counter(state for row in expected.values() for state in row.values())
    legend = {
        li.select_one(".tr-key")["class"][1].removeprefix("tr-"): int(li.strong.text)
        for li in page.select(".tr-legend li")
    }
    assert legend == {state: per_state[state] for state in states.STATES}
    assert legend["source"] == 89 and legend["unreviewed"] + legend["missing"] == 89 * 21
    foot = {
        tr.select_one(".tr-key")["class"][1].removeprefix("tr-"): [int(td.text) for td in tr.find_all("td")[:22]]
        for tr in page.select("table[data-matrix] tfoot tr")
    }
    for position, code in enumerate(languages.CODES):
        counts = Counter(row[code] for row in expected.values())
        assert {state: foot[state][position] for state in states.STATES} == {s: counts[s] for s in states.STATES}
    # Grouped by kind, in the kinds' order, each group headed with its count.
    groups = [th.get_text(strip=True) for th in page.select("table[data-matrix] tr.tr-kind th")]
    assert groups == [
        "Brochure chapter (10)",
        "Questionnaire question (11)",
        "Questionnaire outcome (18)",
        "Referral page (7)",
        "Help service (43)",
    ]


def test_a_cell_reads_without_colour_and_opens_the_editor_at_its_language(editor):
    chapter = ChapterPage.objects.order_by("path").first()
    outcome = Outcome.objects.first()
    shown = matrix(soup(editor.get(DASHBOARD)))
    for unit, kind in ((chapter, "chapter"), (outcome, "outcome")):
        cell = shown[f"{kind}:{unit.pk}"]["ar"]
        assert cell["a"]["href"] == links.edit_url(unit, "ar", editor.user)
        assert cell["a"]["href"].endswith("?lang=ar")
        assert cell["a"]["aria-label"] == cell["a"]["title"] == "Arabic: translated, not reviewed"
        assert cell["text"] == "U" and cell["state"] == "unreviewed"
        source = shown[f"{kind}:{unit.pk}"]["en"]
        assert (source["text"], source["a"]["title"]) == ("S", "English: source text")
    assert editor.get(links.edit_url(chapter, "ar", editor.user)).status_code == 200


def test_the_editor_s_chosen_languages_come_first(editor):
    EditorLanguages.objects.create(user=editor.user, languages=["ti", "ar", "fa"])
    page = soup(editor.get(DASHBOARD))
    rest = [code for code in languages.CODES if code not in ("ti", "ar", "fa")]
    assert header_codes(page) == ["ar", "fa", "ti", *rest]  # the chosen ones in the portal's order
    assert [th.get_text(strip=True) for th in page.select("th.tr-mine")] == ["ar", "fa", "ti"]
    # The cells follow their columns.
    service = Service.objects.order_by("name").first()
    cells = page.select_one(f'tr[data-unit="service:{service.pk}"]').find_all("td")
    assert [td.a["href"].rsplit("=", 1)[1] for td in cells[:22]] == ["ar", "fa", "ti", *rest]


def test_the_filters(editor):
    def rows(query):
        return matrix(soup(editor.get(DASHBOARD + query)))

    assert set(rows("?kind=outcome")) == {f"outcome:{pk}" for pk in Outcome.objects.values_list("pk", flat=True)}
    legal = {f"chapter:{pk}" for pk in ChapterPage.objects.filter(is_legal=True).values_list("pk", flat=True)}
    assert legal, "the seeds have legal chapters"
    legal |= {f"outcome:{pk}" for pk in Outcome.objects.values_list("pk", flat=True)}
    assert set(rows("?legal=on")) == legal
    service = Service.objects.order_by("name")[3]
    found = rows(f"?q={service.name_en[:12].upper()}")
    assert f"service:{service.pk}" in found and len(found) < 89
    only_arabic = rows("?language=ar")
    assert len(only_arabic) == 89 and all(list(cells) == ["ar"] for cells in only_arabic.values())
    assert rows("?state=reviewed") == {}
    assert rows("?state=source&language=ar") == {}
    assert len(rows("?state=source")) == 89
    # An invalid filter is named and left out: the rest still applies.
    response = editor.get(DASHBOARD + "?kind=nonsense&state=bogus&q=" + "x" * 300)
    page = soup(response)
    assert len(page.select(".tr-filters .error-message")) == 3
    assert len(matrix(page)) == 89
    assert "No unit matches" in editor.get(DASHBOARD + "?q=no-such-unit-anywhere").content.decode()


def test_the_dashboard_s_queries_do_not_grow_with_the_units(editor, django_assert_max_num_queries):
    editor.get(DASHBOARD)  # warm the caches a first request fills
    with CaptureQueriesContext(connection) as before:
        assert editor.get(DASHBOARD).status_code == 200
    for number in range(5):
        ReferralPage.objects.create(slug=f"extra-{number}", title=f"Extra {number}", title_ar=f"إضافي {number}")
    with django_assert_max_num_queries(len(before)):
        page = soup(editor.get(DASHBOARD))
    assert len(matrix(page)) == 94
    with django_assert_max_num_queries(30):
        editor.get(DASHBOARD + "?legal=on&state=unreviewed")


# --- the per-language view ------------------------------------------------------------------------------------


def change_sources(user):
    """A chapter's source changed through a published revision, an outcome's by a save: both outdated in ar."""
    chapter = ChapterPage.objects.filter(is_legal=True).order_by("path").first()
    outcome = Outcome.objects.order_by("key").first()
    for unit in (chapter, outcome):  # records as this code reads the texts, whatever made the database's records
        states.record(unit)
    page = chapter.get_latest_revision_as_object()
    page.summary_en = page.summary_en + " The rules changed on 1 March."
    page.save_revision(user=user).publish()
    outcome.summary_en = outcome.summary_en + " The rules changed on 1 March."
    outcome.save()
    # The outcome's Arabic text was made longer ago than the chapter's: it comes first.
    now = datetime.datetime.now(datetime.UTC)
    TranslationRecord.objects.filter(unit=f"outcome:{outcome.pk}", language="ar").update(
        changed_at=now - datetime.timedelta(days=30)
    )
    TranslationRecord.objects.filter(unit=f"chapter:{chapter.pk}", language="ar").update(
        changed_at=now - datetime.timedelta(days=2)
    )
    return ChapterPage.objects.get(pk=chapter.pk), Outcome.objects.get(pk=outcome.pk)


def queue(editor, code):
    page = soup(editor.get(f"{DASHBOARD}language/{code}/"))
    return {
        section["data-state"]: [tr["data-unit"] for tr in section.select("tbody tr")]
        for section in page.select("section[data-state]")
    }, page


def test_the_language_view_lists_outdated_oldest_first_then_missing_then_unreviewed(editor):
    chapter, outcome = change_sources(editor.user)
    service = Service.objects.order_by("name").first()
    service.name_ar = ""  # a missing translation
    service.save()
    sections, page = queue(editor, "ar")
    assert list(sections) == ["outdated", "missing", "unreviewed"]
    assert sections["outdated"] == [f"outcome:{outcome.pk}", f"chapter:{chapter.pk}"]
    assert sections["missing"] == [f"service:{service.pk}"]
    assert len(sections["unreviewed"]) == 89 - 3
    link = page.select_one(f'section[data-state="outdated"] tr[data-unit="chapter:{chapter.pk}"] a')
    assert link["href"] == links.edit_url(chapter, "ar", editor.user)
    assert not page.select('section[data-state="missing"] form')
    # The dashboard shows the same: every translation of the chapter is outdated, the English stays the source.
    cells = matrix(soup(editor.get(DASHBOARD)))[f"chapter:{chapter.pk}"]
    assert cells["ar"]["state"] == "outdated" and cells["ar"]["a"]["title"] == "Arabic: outdated"
    assert cells["ar"]["text"] == "O" and cells["en"]["state"] == "source"
    assert Counter(cell["state"] for cell in cells.values()) == {"outdated": 21, "source": 1}
    # Another language has no missing service.
    assert f"service:{service.pk}" in queue(editor, "ti")[0]["unreviewed"]


def test_the_language_view_for_the_source_and_unknown_languages(editor):
    sections, page = queue(editor, "en")
    assert sections == {} and "Nothing to do in English" in page.get_text()
    assert editor.get(f"{DASHBOARD}language/xx/").status_code == 404
    assert editor.get(f"{DASHBOARD}language/AR/").status_code == 404


# --- the actions ----------------------------------------------------------------------------------------------


def review(client, unit_id, code, **extra):
    return client.post(reverse("translations:mark_reviewed"), {"unit": unit_id, "language": code, **extra})


def test_mark_reviewed_a_snippet_unreviewed_to_reviewed(editor):
    service = Service.objects.order_by("name").first()
    response = review(editor, f"service:{service.pk}", "ti", next=f"{DASHBOARD}language/ti/")
    assert response.status_code == 302 and response["Location"] == f"{DASHBOARD}language/ti/"
    assert any("is marked reviewed" in message for message in messages_of(response))
    assert state_column(service, "ti") == "reviewed"
    assert states.unit_states(Service.objects.get(pk=service.pk))["ti"] == states.REVIEWED
    assert state_column(service, "ar") == "unreviewed"
    shown = matrix(soup(editor.get(DASHBOARD + "?state=reviewed")))
    assert list(shown) == [f"service:{service.pk}"]


def test_mark_reviewed_an_outdated_page_and_snippet(editor):
    chapter, outcome = change_sources(editor.user)
    for unit, kind in ((chapter, "chapter"), (outcome, "outcome")):
        assert states.unit_states(unit)["fa"] == states.OUTDATED
        response = review(editor, f"{kind}:{unit.pk}", "fa")
        assert response.status_code == 302 and response["Location"] == DASHBOARD
        unit = type(unit).objects.get(pk=unit.pk)
        after = states.unit_states(unit)
        assert after["fa"] == states.REVIEWED and after["ar"] == states.OUTDATED
        assert unit.translation_state_fa == "reviewed"
    # The page's change went through a published revision: the editor's next edit starts from it.
    chapter = ChapterPage.objects.get(pk=chapter.pk)
    assert not chapter.has_unpublished_changes
    assert chapter.get_latest_revision_as_object().translation_state_fa == "reviewed"
    assert chapter.live_revision == chapter.latest_revision


def test_mark_reviewed_is_refused_for_a_missing_or_source_text_and_a_page_with_a_draft(editor):
    service = Service.objects.order_by("name").first()
    service.name_ar = ""
    service.save()
    for unit_id, code, reason in (
        (f"service:{service.pk}", "ar", "it is missing"),
        (f"service:{service.pk}", "en", "it is source text"),
    ):
        response = review(editor, unit_id, code)
        assert response.status_code == 302
        assert any(reason in message for message in messages_of(response)), messages_of(response)
    assert state_column(service, "ar") == "unreviewed" and state_column(service, "en") != "reviewed"
    chapter = ChapterPage.objects.order_by("path").first()
    draft = chapter.get_latest_revision_as_object()
    draft.summary_en = "A draft no one has published."
    draft.save_revision(user=editor.user)
    response = review(editor, f"chapter:{chapter.pk}", "ar")
    assert any("unpublished changes in a draft" in message for message in messages_of(response))
    chapter = ChapterPage.objects.get(pk=chapter.pk)
    assert chapter.translation_state_ar == "unreviewed" and chapter.summary_en != "A draft no one has published."
    assert chapter.has_unpublished_changes


def legal_check(client, unit_id, **data):
    return client.post(reverse("translations:legal_check"), {"unit": unit_id, **data})


def test_a_legal_check_is_recorded_shown_and_reset_when_the_source_changes(editor):
    outcome = Outcome.objects.order_by("key").first()
    response = legal_check(editor, f"outcome:{outcome.pk}", checked_on="2025-03-01", checked_by="Me. Dupont")
    assert response.status_code == 302
    assert any("Legal check of" in message for message in messages_of(response))
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert (outcome.legal_checked_on, outcome.legal_checked_by) == (datetime.date(2025, 3, 1), "Me. Dupont")
    row = soup(editor.get(DASHBOARD)).select_one(f'tr[data-unit="outcome:{outcome.pk}"] td.tr-legal')
    assert "Checked 1 Mar 2025 by Me. Dupont" in row.get_text()
    others = soup(editor.get(DASHBOARD + "?kind=outcome")).select("td.tr-legal .tr-unchecked")
    assert len(others) == 17
    # A minor edit of the source keeps the check; a real change through the admin form clears it.
    response = edit(editor, outcome, lambda d: d.update({"title_en": outcome.title_en + ".", "minor_edit": "on"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert outcome.legal_checked_on == datetime.date(2025, 3, 1)
    response = edit(editor, outcome, lambda d: d.update({"title_en": outcome.title_en + " (new rules)"}))
    assert response.status_code == 302
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert (outcome.legal_checked_on, outcome.legal_checked_by) == (None, "")
    row = soup(editor.get(DASHBOARD)).select_one(f'tr[data-unit="outcome:{outcome.pk}"] td.tr-legal')
    assert "Not checked" in row.get_text()


def test_a_legal_check_of_a_page_is_published_and_defaults_to_today(editor):
    chapter = ChapterPage.objects.filter(is_legal=True).order_by("path").first()
    response = legal_check(editor, f"chapter:{chapter.pk}", checked_on="", checked_by="Me. Janssens")
    assert response.status_code == 302
    chapter = ChapterPage.objects.get(pk=chapter.pk)
    assert chapter.legal_checked_on == datetime.date.today() and chapter.legal_checked_by == "Me. Janssens"
    assert not chapter.has_unpublished_changes
    assert chapter.get_latest_revision_as_object().legal_checked_by == "Me. Janssens"


def test_a_legal_check_is_refused_for_bad_input(editor):
    outcome = Outcome.objects.order_by("key").first()
    service = Service.objects.first()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    for unit_id, data, reason in (
        (f"outcome:{outcome.pk}", {"checked_on": "2025-13-45", "checked_by": "X"}, "Enter a valid date"),
        (f"outcome:{outcome.pk}", {"checked_on": tomorrow, "checked_by": "X"}, "cannot be in the future"),
        (f"outcome:{outcome.pk}", {"checked_on": "2025-03-01", "checked_by": ""}, "This field is required"),
        (f"service:{service.pk}", {"checked_on": "2025-03-01", "checked_by": "X"}, "does not state the law"),
    ):
        response = legal_check(editor, unit_id, **data)
        assert response.status_code == 302
        assert any(reason in message for message in messages_of(response)), messages_of(response)
    assert Outcome.objects.get(pk=outcome.pk).legal_checked_on is None


@pytest.mark.parametrize(
    "url, data, status",
    [
        ("translations:mark_reviewed", {"unit": "outcome:99999999", "language": "ar"}, 404),
        ("translations:mark_reviewed", {"unit": "nonsense", "language": "ar"}, 404),
        ("translations:mark_reviewed", {"unit": "outcome:1", "language": "xx"}, 400),
        ("translations:mark_reviewed", {"language": "ar"}, 400),
        ("translations:legal_check", {"unit": "chapter:abc", "checked_by": "X"}, 404),
        ("translations:legal_check", {"unit": "x" * 500, "checked_by": "X"}, 400),
    ],
)
def test_bad_posts_get_a_4xx(editor, url, data, status):
    assert editor.post(reverse(url), data).status_code == status


def test_the_actions_want_a_post_with_its_csrf_token_from_a_signed_in_editor(editor, client):
    outcome = Outcome.objects.order_by("key").first()
    data = {"unit": f"outcome:{outcome.pk}", "language": "ar"}
    assert editor.get(reverse("translations:mark_reviewed"), data).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = editor.cookies
    assert strict.post(reverse("translations:mark_reviewed"), data).status_code == 403
    anonymous = Client()
    assert anonymous.post(reverse("translations:mark_reviewed"), data).status_code == 302  # to the login page
    assert anonymous.get(DASHBOARD).status_code == 302
    assert Outcome.objects.get(pk=outcome.pk).translation_state_ar == "unreviewed"
    # A "next" elsewhere is not followed.
    response = review(editor, f"outcome:{outcome.pk}", "ar", next="https://elsewhere.example/")
    assert response["Location"] == DASHBOARD
