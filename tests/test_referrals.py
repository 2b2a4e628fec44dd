"""Tools for professionals: a chapter in two languages side by side, a neutral card with a QR code, interpreter cards."""

import re

import pytest
import segno
from django.utils import translation
from django.utils.html import escape

from content import brochure_seed
from content.models import ChapterPage
from portal import languages
from portal.referrals.models import ReferralPage

pytestmark = pytest.mark.usefixtures("seeded")
SEED = brochure_seed.read()
DANGER = next(chapter for chapter in SEED.chapters if chapter.slug == "danger")


def interface(code: str, message: str) -> str:
    with translation.override(code):
        return translation.gettext(message)


@pytest.mark.parametrize("staff", languages.LANGUAGES, ids=lambda language: language.code)
def test_every_language_pair_side_by_side(client, staff):
    for reader in languages.LANGUAGES:
        response = client.get(f"/{staff.code}/referral/side-by-side/{reader.code}/danger/")
        assert response.status_code == 200, (staff.code, reader.code)
        html = response.content.decode()
        assert f'<html lang="{staff.code}" dir="{staff.direction}">' in html
        head = re.search(r'<div class="sbs__row sbs__row--head">(.*?)</h2>', html, re.S).group(1)
        assert head.startswith(f'\n    <div lang="{staff.code}" dir="{staff.direction}">')
        assert (
            f'<div lang="{reader.code}" dir="{reader.direction}"><p class="sbs__language">{reader.native_name}' in html
        )
        assert SEED.texts[reader.code].chapters["danger"]["title"] in html
        assert SEED.texts[staff.code].chapters["danger"]["title"] in html
        assert html.count('<div class="sbs__row">') == len(DANGER.blocks)
        assert f'href="/{reader.code}/referral/side-by-side/{staff.code}/danger/"' in html  # swap
        assert "notice--fallback" not in html


def test_each_column_speaks_its_own_language(client):
    html = client.get("/nl/referral/side-by-side/ti/residence-card/").content.decode()
    certainty = "Certainty: clear — the sources say this plainly."
    assert interface("nl", certainty) in html and interface("ti", certainty) in html
    rows = re.findall(r'<div class="sbs__row">\s*<div lang="nl" dir="ltr">(.*?)</div>\s*<div lang="ti"', html, re.S)
    assert len(rows) == sum(1 for chapter in SEED.chapters if chapter.slug == "residence-card" for _ in chapter.blocks)


def test_a_missing_translation_shows_the_announced_fallback(client):
    page = ChapterPage.objects.get(slug="danger")
    page.body_ti = []
    page.save_revision().publish()
    html = client.get("/nl/referral/side-by-side/ti/danger/").content.decode()
    notice = interface("ti", "This text is not yet available in your language. It is shown in %(language)s.")
    assert notice % {"language": "English"} in html
    assert '<div lang="en" dir="ltr">' in html


@pytest.mark.parametrize(
    "path",
    [
        "/nl/referral/side-by-side/xx/danger/",
        "/nl/referral/side-by-side/ti/no-such-page/",
        "/nl/referral/card/xx/danger/",
        "/nl/referral/interpreter/xx/",
        "/ti/go/999999/",
    ],
)
def test_unknown_language_or_page_is_a_clear_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    code = path.split("/")[1]
    assert f'<html lang="{code}"' in html and "112" in html


def test_the_form_leads_to_the_side_by_side_page_and_bad_choices_back(client):
    assert client.get("/fr/referral/side-by-side/", {"reader": "ar", "page": "danger"})["Location"] == (
        "/fr/referral/side-by-side/ar/danger/"
    )
    assert client.get("/fr/referral/side-by-side/", {"reader": "<x>", "page": "danger"})["Location"] == "/fr/referral/"
    html = client.get("/fr/referral/").content.decode()
    # Her language; then every chapter, the questionnaire's start and every referral page.
    assert html.count("<option value=") == len(languages.CODES) + len(SEED.chapters) + 1 + ReferralPage.objects.count()
    assert client.get("/fr/referral/side-by-side/", {"reader": "ti", "page": "questionnaire"})["Location"] == (
        "/fr/referral/side-by-side/ti/questionnaire/"
    )


def test_the_card_qr_code_and_short_address_open_the_chapter(client):
    page = ChapterPage.objects.get(slug="partner-violence")
    html = client.get("/nl/referral/card/ti/partner-violence/").content.decode()
    address = f"http://testserver/ti/go/{page.pk}/"
    expected = segno.make(address, error="m").svg_inline(scale=4, border=2, omitsize=True, svgclass="qr")
    assert expected in html
    assert segno.make(address, error="m").designator  # a real QR code, encoded on our server
    response = client.get(f"/ti/go/{page.pk}/")
    assert response.status_code == 302 and response["Location"] == "/ti/partner-violence/"


@pytest.mark.parametrize("code", ["ti", "ar", "nl", "en"])
def test_the_card_says_nothing_about_the_subject(client, code):
    html = client.get(f"/fr/referral/card/{code}/partner-violence/").content.decode()
    card = re.search(r'<section class="card".*?</section>', html, re.S).group(0)
    text = re.sub(r"<svg.*?</svg>", "", card, flags=re.S)
    chapter = SEED.texts[code].chapters["partner-violence"]
    for word in ["violence", "partner", "rights", chapter["title"], SEED.texts[code].home["title"]]:
        assert word.lower() not in text.lower(), word
    assert 'lang="' + code + '"' in card
    assert interface(code, "Useful information") in card
    assert ">112<" in card and ">101<" in card


@pytest.mark.parametrize("reader", languages.LANGUAGES, ids=lambda language: language.code)
def test_interpreter_card_in_her_language_with_dutch_and_french(client, reader):
    html = client.get(f"/en/referral/interpreter/{reader.code}/").content.decode()
    for code in dict.fromkeys([reader.code, "nl", "fr"]):
        language = languages.get(code)
        sentence = escape(interface(code, "I need an interpreter. My language is:"))
        assert f'<p class="card__line" lang="{code}" dir="{language.direction}">{sentence} ' in html
    assert html.count(f">{reader.native_name}</strong>") == len(dict.fromkeys([reader.code, "nl", "fr"]))


def test_the_card_page_speaks_to_the_professional_in_her_own_language(client):
    html = client.get("/nl/referral/card/ti/danger/").content.decode()
    assert interface("nl", "Print this card (A6) and give it to her. It says nothing about the subject.") in html
    card = re.search(r'<section class="card".*?</section>', html, re.S).group(0)
    assert interface("ti", "Useful information") in card and interface("ti", "Notes:") in card


@pytest.mark.parametrize("path", ["/ti/partner-violence/", "/ar/residence-card/", "/nl/", "/fr/search/"])
def test_shared_links_show_a_neutral_preview(client, path):
    html = client.get(path).content.decode()
    neutral = interface(path.split("/")[1], "Useful information")
    assert f'<meta property="og:title" content="{neutral}">' in html
    assert f'<meta property="og:description" content="{neutral}">' in html
    assert 'property="og:image"' not in html
