"""Side by side on a desk screen and on a phone, cards printed by Chromium, all axe-clean."""

import re

import pytest

from tests.browser.conftest import axe_violations


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize(("staff", "reader"), [("nl", "ar"), ("fr", "ti")])
def test_side_by_side_puts_each_language_on_its_side(page, axe, staff, reader, tmp_path):
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"/{staff}/referral/side-by-side/{reader}/residence-card/")
    first_row = page.locator(".sbs__row").nth(1)
    staff_box = first_row.locator("> div").nth(0).bounding_box()
    reader_box = first_row.locator("> div").nth(1).bounding_box()
    assert staff_box["x"] < reader_box["x"]  # a left-to-right page: the professional's language on the left
    assert abs(staff_box["y"] - reader_box["y"]) < 2  # paragraph beside paragraph
    assert page.locator(f'.sbs__row > div[lang="{reader}"]').first.evaluate("e => getComputedStyle(e).direction") == (
        "rtl" if reader == "ar" else "ltr"
    )
    screenshot = page.screenshot(path=str(tmp_path / f"{staff}-{reader}.png"), full_page=False)
    assert len(screenshot) > 20_000  # a rendered page, not a blank one
    assert axe_violations(axe, page) == []
    # On a phone the two languages stack, paragraph by paragraph.
    page.set_viewport_size({"width": 360, "height": 740})
    staff_box = first_row.locator("> div").nth(0).bounding_box()
    reader_box = first_row.locator("> div").nth(1).bounding_box()
    assert reader_box["y"] >= staff_box["y"] + staff_box["height"] - 1


def test_swap_changes_sides_in_one_tap(page):
    page.goto("/nl/referral/side-by-side/ar/danger/")
    page.locator(".sbs-tools a").first.click()
    page.wait_for_url("**/ar/referral/side-by-side/nl/danger/")
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("path", ["/nl/referral/card/ti/partner-violence/", "/fr/referral/interpreter/ar/"])
def test_cards_print_on_one_page(page, axe, path):
    page.goto(path)
    assert axe_violations(axe, page) == []
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 1
    assert page.locator(".site-header").is_hidden()


def test_referral_index_is_axe_clean_and_its_form_works_without_javascript(browser, site_url, axe):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/nl/referral/")  # without JavaScript: the GET form still leads to the page
    page.select_option("#reader", "ti")
    page.select_option("#chapter", "evidence")
    page.locator(".referral-form button").click()
    page.wait_for_url("**/nl/referral/side-by-side/ti/evidence/")
    context.close()
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    page.goto("/nl/referral/")  # axe itself needs JavaScript
    assert axe_violations(axe, page) == []
    context.close()


REFERRAL_PAGES = [
    "raising-the-subject",
    "fear-losing-card",
    "filing-a-complaint",
    "shelter-tonight",
    "no-papers",
    "children-victims",
    "male-victim",
]
CHAPTERS = [
    "danger",
    "partner-violence",
    "residence-card",
    "leaving-home",
    "complaint",
    "evidence",
    "children",
    "separation",
    "who-can-help",
    "safety",
]


@pytest.mark.parametrize(("staff", "reader"), [("nl", "ar"), ("fr", "ti")])
def test_handouts_print_on_one_page(page, staff, reader):
    pages = {}
    for slug in [*CHAPTERS, *REFERRAL_PAGES, "questionnaire"]:
        page.goto(f"/{staff}/referral/handout/{reader}/{slug}/")
        page.emulate_media(media="print")
        pages[slug] = pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
        assert page.locator(".site-header").is_hidden()
    assert pages == dict.fromkeys(pages, 1)


@pytest.mark.parametrize(
    "path",
    [
        "/nl/referral/",
        "/ar/referral/filing-a-complaint/",
        "/nl/referral/side-by-side/ar/fear-losing-card/",
        "/fr/referral/side-by-side/ti/questionnaire/",
        "/nl/referral/handout/ar/residence-card/",
    ],
)
def test_referral_pages_are_axe_clean(page, axe, path):
    page.goto(path)
    assert axe_violations(axe, page) == []
