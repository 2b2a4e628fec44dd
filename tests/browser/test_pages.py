"""The chooser, chapters in nl, ar and ti, the switcher, search: as a reader's phone shows them, and axe-clean."""

import pytest

from tests.browser.conftest import axe_violations


def own_origin_only(page, site_url):
    return [url for url in page.requested_urls if not url.startswith(site_url) and not url.startswith("data:")]


def test_chooser_shows_22_languages_and_suggests_without_redirect(browser, site_url, axe):
    context = browser.new_context(locale="ar", base_url=site_url)
    page = context.new_page()
    page.goto("/")
    assert page.url == site_url + "/"
    assert page.locator(".language-list a").count() == 22
    assert page.locator(".suggested a").get_attribute("href") == "/ar/"
    assert context.cookies() == []
    assert axe_violations(axe, page) == []
    context.close()


@pytest.mark.parametrize(("code", "direction"), [("nl", "ltr"), ("ar", "rtl"), ("ti", "ltr")])
def test_chapter_page_in_its_script_and_direction(page, site_url, axe, code, direction):
    page.goto(f"/{code}/residence-card/")
    html = page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == direction
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    # Right-to-left really mirrors: the quick exit sits on the start side, which is the right in Arabic.
    box = page.locator("#quick-exit").bounding_box()
    if direction == "rtl":
        assert box["x"] + box["width"] > 360 / 2
    else:
        assert box["x"] < 360 / 2
    assert page.locator("h1").inner_text().strip()
    assert own_origin_only(page, site_url) == []
    assert page.context.cookies() == []
    assert axe_violations(axe, page) == []


def test_switcher_keeps_the_page(page):
    page.goto("/nl/residence-card/")
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[lang="ar"]').click()
    page.wait_for_url("**/ar/residence-card/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_home_page_axe_clean_in_arabic(page, axe):
    page.goto("/ar/")
    assert page.locator(".choice").count() >= 1
    assert axe_violations(axe, page) == []


def test_unknown_language_prefix_gives_the_chooser_style_404(page, axe):
    response = page.goto("/xx/residence-card/")
    assert response.status == 404
    assert page.locator(".language-list a").count() == 22
    assert axe_violations(axe, page) == []


@pytest.mark.parametrize(("code", "query"), [("nl", "verblijfskaarten"), ("ar", "بطاقة الإقامة")])
def test_search_from_the_header_finds_a_chapter_and_is_axe_clean(page, site_url, axe, code, query):
    page.goto(f"/{code}/")
    page.locator("#search-q").fill(query)
    page.locator(".search-form button").click()
    page.wait_for_url(f"**/{code}/search/?q=*")
    assert page.locator(".results a").first.get_attribute("href") == f"/{code}/residence-card/"
    assert page.locator(".results mark").count() >= 1
    assert own_origin_only(page, site_url) == []
    assert page.context.cookies() == []
    assert axe_violations(axe, page) == []
