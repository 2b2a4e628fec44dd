"""The brochure as readers get it: ten chapters, whole in all 22 languages, with certainty, dates and states shown."""

import datetime
import re

import pytest
from django.utils import translation

from content import brochure_seed, official_terms
from content.models import ChapterPage
from portal import languages
from tests.helpers import script_share, text_in_page_language

pytestmark = pytest.mark.usefixtures("seeded")

SEED = brochure_seed.read()
SLUGS = [chapter.slug for chapter in sorted(SEED.chapters, key=lambda chapter: chapter.order)]
# Dutch and French official terms are marked with their own lang and so not counted; phone numbers, web addresses
# and acronyms (DVZ, CAW) stay in Latin letters, so a page in another script is never 100 % that script. 90 % leaves
# no room for an English sentence or an untranslated interface string (one is 3 to 8 % of a chapter).
MIN_SCRIPT_SHARE = 0.9


def chapter_parts(html: str) -> tuple[str, str]:
    """The title (h1) and the body of a chapter page, as HTML."""
    title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    body = re.search(r'<div class="body"[^>]*>(.*?)</div>\s*(?:<section class="sources"|</article>)', html, re.S)
    return title, body.group(1)


def interface(code: str, message: str, **values) -> str:
    with translation.override(code):
        return translation.gettext(message) % values


def test_ten_chapters_in_the_seed_and_live_on_the_site():
    assert len(SLUGS) == 10
    assert list(ChapterPage.objects.live().order_by("path").values_list("slug", flat=True)) == SLUGS
    assert set(SEED.texts) == set(languages.CODES)


@pytest.mark.parametrize("language", languages.LANGUAGES, ids=lambda language: language.code)
def test_every_chapter_is_whole_in_the_languages_own_script(client, language):
    for slug in SLUGS:
        html = client.get(f"/{language.code}/{slug}/").content.decode()
        assert "notice--fallback" not in html, (language.code, slug)
        title, body = chapter_parts(html)
        assert 'lang="' not in title, (language.code, slug, "title is a fallback")
        assert not re.match(r"\s*<[^>]*\blang=", body), (language.code, slug, "body is a fallback")
        title_text = text_in_page_language(title, language.code)
        body_text = text_in_page_language(body, language.code)
        assert len(body_text) > 300, (language.code, slug)
        assert script_share(title_text, language.script) >= 0.95, (language.code, slug, title_text)
        assert script_share(body_text, language.script) >= MIN_SCRIPT_SHARE, (language.code, slug)


@pytest.mark.parametrize("code", ["ti", "ar", "zh-hans", "ru", "th"])
def test_no_english_sentence_is_left_in_a_translated_chapter(client, code):
    english = SEED.texts["en"].chapters
    for slug in SLUGS:
        html = client.get(f"/{code}/{slug}/").content.decode()
        for block in english[slug]["blocks"].values():
            for value in block.values():
                for sentence in value if isinstance(value, list) else [value]:
                    first_words = " ".join(sentence.split()[:5])
                    if first_words.isascii() and not any(char.isdigit() for char in first_words):  # not a name
                        assert first_words not in html, (code, slug, first_words)


def test_home_presents_the_chapters_in_order_as_icon_choices(client):
    html = client.get("/ti/").content.decode()
    links = re.findall(r'<a class="choice" href="/ti/([a-z-]+)/"><svg[^>]*>\s*<use href="[^"]*#([a-z]+)"', html)
    assert [slug for slug, _ in links] == SLUGS
    assert [icon for _, icon in links] == [c.icon for c in sorted(SEED.chapters, key=lambda c: c.order)]


@pytest.mark.parametrize("code", ["nl", "ar", "ti", "en"])
def test_translation_state_is_shown_to_readers(client, code):
    html = client.get(f"/{code}/danger/").content.decode()
    unreviewed = interface(code, "This translation has not yet been checked by a second person.")
    assert (unreviewed in html) is (SEED.texts[code].state == "unreviewed")
    assert SEED.texts["en"].state == "source"


@pytest.mark.parametrize("code", ["fr", "fa", "so"])
def test_legal_statements_carry_certainty_and_date(client, code):
    structure = next(chapter for chapter in SEED.chapters if chapter.slug == "residence-card")
    legal = [block for block in structure.blocks if block["type"] == "legal"]
    html = client.get(f"/{code}/residence-card/").content.decode()
    assert html.count('class="legal legal--') == len(legal)
    for certainty in ("clear", "contested", "unclear"):
        assert html.count(f"legal legal--{certainty}") == sum(b["certainty"] == certainty for b in legal)
    assert interface(code, "Information from %(date)s.", date="2018") in html
    assert (
        interface(
            code,
            "The legal information on this page has not yet been checked by a lawyer. The law changes often: ask a "
            "lawyer or a social worker about your own situation.",
        )
        in html
    )


def test_a_lawyers_check_replaces_the_warning(client):
    page = ChapterPage.objects.get(slug="residence-card")
    page.legal_checked_on = datetime.date(2026, 12, 1)
    page.legal_checked_by = "Example Law Clinic"
    page.save_revision().publish()
    html = client.get("/en/residence-card/").content.decode()
    assert "The legal information was checked by a lawyer on" in html and "Example Law Clinic" in html
    assert "has not yet been checked by a lawyer" not in html


def test_unconfirmed_contact_details_are_marked(client):
    html = client.get("/ps/who-can-help/").content.decode()
    assert (
        interface("ps", "These contact details have not yet been confirmed. Check them before you rely on them.")
        in html
    )
    danger = client.get("/ps/danger/").content.decode()
    assert 'href="tel:080030030"' in danger and 'href="tel:1712"' in danger
    assert "have not yet been confirmed" not in danger


def test_sources_are_dated_and_marked_with_their_language(client):
    html = client.get("/hi/residence-card/").content.decode()
    sources = re.search(r'<section class="sources".*?</section>', html, re.S).group(0)
    assert '<span lang="nl">Signaal gezinshereniging' in sources
    assert "(2018)" in sources


@pytest.mark.parametrize(
    ("code", "marked", "plain"), [("ti", ["nl", "fr"], []), ("nl", ["fr"], ["nl"]), ("fr", ["nl"], ["fr"])]
)
def test_official_dutch_and_french_terms_carry_their_own_language(client, code, marked, plain):
    html = client.get(f"/{code}/residence-card/").content.decode()
    terms = {"nl": "gezinshereniging", "fr": "regroupement familial"}
    for language in marked:
        assert f'<span lang="{language}">{terms[language]}</span>' in html
    for language in plain:
        assert terms[language] in html and f'<span lang="{language}">{terms[language]}' not in html


def test_term_marking_leaves_tags_and_attributes_alone():
    html = '<p><a href="/x/gezinscel" title="klacht">gezinscel</a> attestation d&#x27;immatriculation klachten</p>'
    assert official_terms.mark(html, "en") == (
        '<p><a href="/x/gezinscel" title="klacht"><span lang="nl">gezinscel</span></a> '
        '<span lang="fr">attestation d&#x27;immatriculation</span> klachten</p>'
    )


@pytest.mark.parametrize("code", languages.CODES)
def test_the_safety_chapter_names_the_quick_exit_button_as_the_page_shows_it(client, code):
    html = client.get(f"/{code}/safety/").content.decode()
    label = interface(code, "Leave this site")
    assert html.count(label) >= 3  # the button, the footer line and the chapter's explanation of it
