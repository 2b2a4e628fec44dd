"""Referral pages for professionals: six situations and a guide in 22 languages, with the services to call from
the directory; any page side by side (chapters, referral pages, the questionnaire's start); a bilingual handout;
neutral link previews that editors set per page."""

import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from content.models import ChapterPage
from portal import languages
from portal.referrals.models import ReferralPage
from tests.helpers import edit, errors_of, script_share, text_in_page_language

pytestmark = pytest.mark.usefixtures("seeded")
SEED_DIR = settings.BASE_DIR / "content" / "seed" / "referrals"
STRUCTURE = json.loads((SEED_DIR / "pages.json").read_text(encoding="utf-8"))
SITUATIONS = [entry["slug"] for entry in STRUCTURE if entry["kind"] == "situation"]


def interface(code, message):
    with translation.override(code):
        return translation.gettext(message)


def test_six_situations_and_a_guide_exist_in_all_22_languages():
    assert len(SITUATIONS) >= 6
    assert ReferralPage.objects.filter(kind="guide").exists()
    for page in ReferralPage.objects.all():
        for code in languages.CODES:
            column = code.replace("-", "_")
            for field in ("title", "summary", "say", "avoid", "steps"):
                assert getattr(page, f"{field}_{column}"), (page.slug, field, code)
            if code != "en":
                assert getattr(page, f"translation_state_{column}") == "unreviewed", (page.slug, code)


@pytest.mark.parametrize("code", languages.CODES)
def test_referral_pages_read_in_the_professionals_language(client, code):
    language = languages.get(code)
    for slug in SITUATIONS:
        response = client.get(f"/{code}/referral/{slug}/")
        assert response.status_code == 200
        text = text_in_page_language(response.content.decode(), code)
        assert script_share(text, language.script) > (0.6 if language.script != "Latn" else 0.9), (code, slug)
        assert "notice--fallback" not in response.content.decode()


def test_a_referral_page_says_what_to_do_and_whom_to_call_in_her_region(client):
    html = client.get("/en/referral/filing-a-complaint/?area=BE-VOV").content.decode()
    for heading in ("What to say", "What not to do", "Steps", "Who to call"):
        assert f">{heading}<" in html
    assert "Do not go with the partner or his relatives, and do not let them interpret." in html
    assert "Sexual violence care centre Gent" in html and "Sexual violence care centre Liège" not in html
    assert 'href="tel:' in html and "/en/help/?category=violence-support&amp;area=BE-VOV" in html
    assert '/en/complaint/"' in html  # the brochure chapter to show her
    assert client.get("/en/referral/filing-a-complaint/?area=garbage").status_code == 200


def test_the_guide_covers_raising_the_subject_and_the_rules_in_short(client):
    html = client.get("/en/referral/raising-the-subject/").content.decode()
    assert "Talk to her alone" in html and "five years" in html and "Nobody can promise the outcome." in html
    for slug in ("residence-card", "evidence"):
        assert f'href="/en/{slug}/"' in html


@pytest.mark.parametrize("slug", ["fear-losing-card", "questionnaire"])
@pytest.mark.parametrize("staff", languages.LANGUAGES, ids=lambda language: language.code)
def test_every_language_pair_side_by_side_for_referral_pages_and_the_questionnaire(client, staff, slug):
    for reader in languages.LANGUAGES:
        response = client.get(f"/{staff.code}/referral/side-by-side/{reader.code}/{slug}/")
        assert response.status_code == 200, (staff.code, reader.code)
        html = response.content.decode()
        rows = re.findall(
            rf'<div class="sbs__row">\s*<div lang="{staff.code}" dir="{staff.direction}">(.*?)</div>\s*'
            rf'<div lang="{reader.code}" dir="{reader.direction}">(.*?)</div>',
            html,
            re.S,
        )
        assert len(rows) >= 3 and all(left and right for left, right in rows), (staff.code, reader.code)
        assert "notice--fallback" not in html
        assert f'href="/{reader.code}/referral/side-by-side/{staff.code}/{slug}/"' in html


def test_side_by_side_referral_rows_line_up_item_by_item(client):
    html = client.get("/nl/referral/side-by-side/ar/fear-losing-card/").content.decode()
    page = ReferralPage.objects.get(slug="fear-losing-card")
    rows = html.count('<div class="sbs__row">')
    items = sum(len(getattr(page, f"{field}_en").splitlines()) + 1 for field in ("say", "avoid", "steps"))
    assert rows == items + 1  # the summary, then each heading and each item


def test_a_missing_translation_of_a_referral_page_is_announced(client):
    page = ReferralPage.objects.get(slug="children-victims")
    page.title_ti = page.summary_ti = page.say_ti = ""
    page.save()
    html = client.get("/nl/referral/side-by-side/ti/children-victims/").content.decode()
    assert "notice--fallback" in html and 'lang="en" dir="ltr"' in html


def test_handout_has_both_languages_and_a_qr_code_to_her_language(client):
    html = client.get("/nl/referral/handout/ar/residence-card/").content.decode()
    assert '<section class="handout">' in html and "<svg" in html
    assert "/ar/go/" in html
    assert (
        interface(
            "nl",
            "This handout names the subject. Give it only if she says it is safe to take home; otherwise give the neutral card.",
        )
        in html
    )
    rows = html.count('<div class="handout__row">')
    chapter = ChapterPage.objects.get(slug="residence-card")
    kept = [
        block
        for block in chapter.body
        if block.block_type in ("steps", "contact") or (block.block_type == "callout" and block.value["kind"] != "tip")
    ]
    assert rows == len(kept) > 0
    assert "callout--tip" not in html
    assert client.get("/nl/referral/handout/ti/fear-losing-card/").status_code == 200
    assert client.get("/nl/referral/handout/xx/fear-losing-card/").status_code == 404
    assert client.get("/nl/referral/handout/ti/nope/").status_code == 404


def test_editors_set_neutral_share_wording_per_page(client, editor):
    chapter = ChapterPage.objects.get(slug="residence-card")
    chapter.share_title_nl = "Nuttige informatie voor iedereen"
    chapter.save_revision().publish()
    html = client.get("/nl/residence-card/").content.decode()
    assert '<meta property="og:title" content="Nuttige informatie voor iedereen">' in html
    page = ReferralPage.objects.get(slug="filing-a-complaint")
    response = edit(editor, page, lambda data: data.update({"share_title_fr": "Page d’information"}))
    assert response.status_code == 302, errors_of(response)[:2000]
    html = client.get("/fr/referral/filing-a-complaint/").content.decode()
    assert '<meta property="og:title" content="Page d’information">' in html


def test_referral_slugs_cannot_take_the_sites_addresses():
    page = ReferralPage(slug="side-by-side", title_en="x")
    with pytest.raises(ValidationError):
        page.clean()
    page.slug = "residence-card"
    with pytest.raises(ValidationError):
        page.clean()


def test_referral_page_editor_shows_every_language(editor):
    page = ReferralPage.objects.get(slug="no-papers")
    html = editor.get(reverse(ReferralPage.snippet_viewset.get_url_name("edit"), args=[page.pk])).content.decode()
    for code in ("en", "ar", "ti", "zh_hans"):
        assert f'name="say_{code}"' in html and f'name="share_title_{code}"' in html


def test_the_card_pdf_carries_the_qr_code_of_the_short_address_and_no_words(client):
    import segno

    from content.models import ChapterPage as Chapter

    page = Chapter.objects.get(slug="danger")
    response = client.get("/nl/referral/card/ti/danger/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="card.pdf"'
    body = response.content
    assert body.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?![s\w])", body)) == 1
    address = f"http://testserver/ti/go/{page.pk}/"
    assert f"({address})".encode() in body and b"(112   \xb7   101)" in body
    dark = sum(sum(row) for row in segno.make(address, error="m").matrix)
    assert len(re.findall(rb" re f", body)) == dark  # one filled square per dark module of that QR code
    assert not re.search(rb"/(Title|Subject|Author) *\((?!\))", body)
    assert client.get("/nl/referral/card/xx/danger/pdf/").status_code == 404


def test_a_referral_handout_qr_code_does_not_name_the_subject(client):
    html = client.get("/nl/referral/handout/ti/fear-losing-card/").content.decode()
    chapter = ChapterPage.objects.get(slug="residence-card")  # the page's first chapter
    assert f"/ti/go/{chapter.pk}/" in html and "/ti/referral/fear-losing-card/" not in html


@pytest.mark.parametrize("page", ["%00", "x" * 500, "../danger", "<script>"])
def test_bad_page_names_in_the_side_by_side_form_lead_back(client, page):
    response = client.get("/fr/referral/side-by-side/", {"reader": "ar", "page": page})
    assert response.status_code == 302 and response["Location"] == "/fr/referral/"


def test_load_content_finds_a_renamed_page_again_and_keeps_the_editors_name(client):
    from django.core.management import call_command

    page = ReferralPage.objects.get(seed_key="no-papers")
    page.slug = "without-papers"
    page.save()
    call_command("load_content", verbosity=0)
    assert ReferralPage.objects.filter(seed_key="no-papers").count() == 1
    assert ReferralPage.objects.get(seed_key="no-papers").slug == "without-papers"
    assert client.get("/en/referral/without-papers/").status_code == 200


def test_a_browsers_line_breaks_are_not_an_editors_change():
    from content.loading import fingerprint

    assert fingerprint("one\r\ntwo") == fingerprint("one\ntwo")


def test_every_language_has_as_many_list_items_as_english(tmp_path):
    import shutil

    from content.loading import SeedInvalid
    from portal.referrals import seed

    folder = tmp_path / "referrals"
    shutil.copytree(SEED_DIR, folder)
    arabic = json.loads((folder / "ar.json").read_text(encoding="utf-8"))
    arabic["pages"]["no-papers"]["steps"].append("سطر زائد")
    (folder / "ar.json").write_text(json.dumps(arabic, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SeedInvalid) as caught:
        seed.read(folder)
    assert any("ar.json: no-papers.steps has 5 items, English has 4" in error for error in caught.value.errors)
