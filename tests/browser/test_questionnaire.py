"""The questionnaire in a real phone-sized Chromium: in Arabic and in Dutch, without JavaScript and with it."""

import pytest

from tests.browser.conftest import axe_violations
from tests.helpers import OUTCOME_ANSWERS

PATH = OUTCOME_ANSWERS
NEXT = "form[data-questionnaire] button.button:not([name])"


def answer(page, question, choice):
    page.wait_for_selector(f'input[type=radio][value="{question}={choice}"]')
    page.check(f'input[type=radio][value="{question}={choice}"]')
    page.click(NEXT)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
@pytest.mark.parametrize(("code", "direction"), [("ar", "rtl"), ("nl", "ltr")])
def test_the_questionnaire_to_the_end(browser, site_url, axe, code, direction, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=site_url, java_script_enabled=javascript
    )
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append((request.method, request.url)))
    page.goto(f"/{code}/questionnaire/")
    assert page.locator("html").get_attribute("dir") == direction
    history = page.evaluate("history.length")
    if javascript:  # axe runs as a script, so only where scripts run: a question page
        assert axe_violations(axe, page) == []
    for number, (question, choice) in enumerate(PATH, 1):
        page.wait_for_selector(f'input[type=radio][value^="{question}="]')
        assert page.locator(f'input[type=radio][value^="{question}="]').count() >= 2
        answer(page, question, choice)
        if number == 3:
            # Back returns to the previous question with its answer still chosen; Next goes on from there.
            page.wait_for_selector('input[type=radio][value^="procedure="]')  # the old page is gone
            page.click('button[name="change"].button--secondary')
            page.wait_for_selector('input[type=radio][value="sponsor=belgian"]')
            assert page.locator('input[type=radio][value="sponsor=belgian"]').is_checked()
            page.click(NEXT)
    page.wait_for_selector("[data-grade]")
    assert page.locator("[data-grade]").get_attribute("data-grade") == "yes"
    assert page.locator(".next-steps li").count() >= 3 and page.locator(".checklist li").count() >= 3
    assert page.url == f"{site_url}/{code}/questionnaire/", "no answer ever appears in the address"
    assert context.cookies() == []
    posts = [url for method, url in page.requested_urls if method == "POST"]
    assert posts and all(url == f"{site_url}/{code}/questionnaire/" for url in posts)
    assert all(url.startswith(site_url) for _method, url in page.requested_urls), "no third-party request"
    if javascript:
        # Steps replaced the page in place: no entry added to the history; and axe on an outcome page.
        assert page.evaluate("history.length") == history
        assert page.locator("[data-print]").is_visible()
        assert axe_violations(axe, page) == []
    context.close()


def test_print_shows_the_answers_only_when_asked(page):
    page.goto("/nl/questionnaire/")
    for question, choice in PATH:
        answer(page, question, choice)
    page.wait_for_selector("[data-grade]")
    page.emulate_media(media="print")
    assert not page.locator(".q-answers").is_visible()
    assert not page.locator(".site-header").is_visible()
    page.emulate_media(media="screen")
    page.check("#print-answers")
    page.emulate_media(media="print")
    assert page.locator(".q-answers").is_visible()
    assert page.locator("h1").is_visible()


def test_the_urgent_answer_brings_the_emergency_help_first(page):
    page.goto("/ar/questionnaire/")
    answer(page, "danger", "yes")
    page.wait_for_selector('input[type=radio][value^="own_eu="]')
    emergency = page.locator(".q-emergency--urgent")
    assert emergency.is_visible()
    assert emergency.locator('a[href="tel:112"]').is_visible()
    box = emergency.bounding_box()
    assert box["y"] < page.locator("fieldset").bounding_box()["y"], "before the next question"
