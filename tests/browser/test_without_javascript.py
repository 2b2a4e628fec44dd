"""JavaScript is never required (issue "Fast on a cheap phone…"): with scripts switched off in Chromium, a reader
can read a chapter, search, answer the questionnaire to an outcome and filter the directory.

Already covered without JavaScript, and not repeated here: the questionnaire to an outcome in ar and nl
(`test_questionnaire.py::test_the_questionnaire_to_the_end[without-js-*]`), the directory's filters in en
(`test_directory.py::test_filters_work_without_javascript`) and the quick exit as a plain link
(`test_quick_exit.py`). This file adds reading and searching in nl, ar and ti, and one whole visit in Tigrinya
from the start page through the questionnaire into the directory.
"""

import pytest

from tests.browser.test_questionnaire import NEXT, PATH

# The test database is only created when a collected test asks for it; this file run on its own must ask too.
pytestmark = pytest.mark.django_db
SEARCHES = {"nl": "verblijfskaarten", "ar": "بطاقة الإقامة", "ti": "መንበሪኺን"}  # each finds the residence-card chapter
OTHER = {"nl": "ar", "ar": "ti", "ti": "nl"}


@pytest.fixture
def no_script(browser, site_url):
    """A phone-sized browser with JavaScript switched off; every request it makes is recorded."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}, base_url=site_url)
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    assert context.cookies() == []
    assert [url for url in page.requested_urls if not url.startswith(site_url)] == []
    context.close()


def test_scripts_really_are_off(no_script):
    """The check that the tests below run without scripts: with them, one Shift press is announced."""
    no_script.goto("/nl/residence-card/")
    assert no_script.locator("script[src]").count() >= 1
    no_script.keyboard.press("Shift")
    assert no_script.locator("#quick-exit-status").inner_text() == ""


@pytest.mark.parametrize("code", ["nl", "ar", "ti"])
def test_read_a_chapter_open_its_answers_and_change_language(no_script, code):
    page = no_script
    page.goto(f"/{code}/")
    page.locator(f'.choices a[href="/{code}/danger/"]').click()
    page.wait_for_url(f"**/{code}/danger/")
    assert page.locator("h1").inner_text().strip()
    assert len(page.locator(".body").inner_text()) > 1000
    assert page.locator(".body a[href^='tel:']").count() >= 2
    # Questions and answers are <details>: they open by themselves, no script needed.
    first = page.locator("details.qa").first
    answer = first.locator("p").first
    assert not answer.is_visible()
    first.locator("summary").click()
    assert answer.is_visible() and answer.inner_text().strip()
    # So is the language switcher: the same chapter in another language.
    page.locator(".language-switcher summary").click()
    page.locator(f'.language-switcher a[lang="{OTHER[code]}"]').click()
    page.wait_for_url(f"**/{OTHER[code]}/danger/")
    assert page.locator("html").get_attribute("lang") == OTHER[code]
    assert len(page.locator(".body").inner_text()) > 1000


@pytest.mark.parametrize("code", ["nl", "ar", "ti"])
def test_search_from_the_header_and_open_a_result(no_script, code):
    page = no_script
    page.goto(f"/{code}/danger/")
    page.locator("#search-q").fill(SEARCHES[code])
    page.locator(".search-form button").click()
    page.wait_for_url(f"**/{code}/search/?q=*")
    results = page.locator(".results li")
    assert results.count() >= 1
    assert results.first.locator("p").inner_text().strip(), "a snippet of the text under each result"
    assert page.locator(".results a").first.get_attribute("href") == f"/{code}/residence-card/"
    page.locator(".results a").first.click()
    page.wait_for_url(f"**/{code}/residence-card/")
    assert len(page.locator(".body").inner_text()) > 2000


def test_a_whole_visit_in_tigrinya_questionnaire_then_directory(no_script, site_url):
    page = no_script
    page.goto("/ti/")
    page.locator("a.choice--questionnaire").click()
    page.wait_for_url("**/ti/questionnaire/")
    for question, choice in PATH:
        radio = page.locator(f'input[type=radio][value="{question}={choice}"]')
        radio.wait_for()
        radio.check()
        page.click(NEXT)
    page.wait_for_selector("[data-grade]")
    assert page.locator("[data-grade]").get_attribute("data-grade") == "yes"
    assert page.locator(".next-steps li").count() >= 3 and page.locator(".checklist li").count() >= 3
    assert page.url == f"{site_url}/ti/questionnaire/"
    print_button_shown = page.locator("[data-print]").is_visible()

    # The outcome's "help you can look for" links lead into the directory, filtered by kind of help.
    link = page.locator(".services a").first
    category = link.get_attribute("href").split("category=")[1]
    link.click()
    page.wait_for_url(f"**/ti/help/?category={category}")
    assert page.locator("#id_category").input_value() == category
    assert int(page.locator("[data-found]").get_attribute("data-found")) >= 1

    # The filter form is a plain GET form: add a postcode, submit, the results narrow down.
    everywhere = int(page.locator("[data-found]").get_attribute("data-found"))
    page.fill("#id_postcode", "9000")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**/ti/help/?*postcode=9000*")
    found = int(page.locator("[data-found]").get_attribute("data-found"))
    assert 1 <= found <= everywhere
    assert page.locator("#id_category").input_value() == category
    results = page.locator("section[aria-labelledby=results-heading] h3")
    assert results.count() >= 1 and results.first.inner_text().strip()
    results.locator("a").first.click()
    page.wait_for_url("**/ti/help/*/")
    assert page.locator("a[href^='tel:']").count() >= 1
    assert not print_button_shown, "the outcome's print button needs a script: without one it must stay hidden"


@pytest.mark.parametrize("kind", ["handout/ti/danger", "card/ti/danger", "interpreter/ti"])
def test_print_buttons_that_need_a_script_stay_hidden(no_script, kind):
    """The browser's own print menu works without scripts; a button that would do nothing is not shown."""
    no_script.goto(f"/nl/referral/{kind}/")
    assert no_script.locator("main").inner_text().strip()
    assert no_script.locator("[data-print]").count() == 1
    assert not no_script.locator("[data-print]").is_visible()
