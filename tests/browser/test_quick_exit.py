"""The quick exit in a real browser: the page it leaves is gone from the history; and no page of ours makes a
third-party request, sets a cookie or stores anything in the browser."""

import pytest

LANDING = "/exit-landing/"  # the test settings point the quick exit at this local neutral page


def _leave_and_come_back(page, leave):
    page.goto("/nl/residence-card/")
    leave(page)
    page.wait_for_url(f"**{LANDING}")
    page.go_back()
    page.wait_for_load_state()
    return page.url


@pytest.mark.parametrize(
    "leave",
    [
        pytest.param(lambda page: page.click("#quick-exit"), id="button"),
        pytest.param(lambda page: [page.keyboard.press("Shift") for _ in range(3)], id="shift-three-times"),
    ],
)
def test_back_never_returns_to_the_page_that_was_left(page, leave):
    url = _leave_and_come_back(page, leave)
    assert "residence-card" not in url, "Back returned to the sensitive page"


def test_screen_readers_hear_the_shift_count_in_the_page_language(page):
    page.goto("/nl/residence-card/")
    page.keyboard.press("Shift")
    assert page.locator("#quick-exit-status").inner_text() == "Shift ingedrukt: 1 van 3"
    page.keyboard.press("a")
    assert page.locator("#quick-exit-status").inner_text() == ""


def test_without_javascript_the_button_is_a_plain_link_to_the_neutral_site(browser, site_url):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    referrers = []
    page.on("request", lambda request: referrers.append(request.headers.get("referer")))
    page.goto("/ar/residence-card/")
    page.click("#quick-exit")
    page.wait_for_url(f"**{LANDING}")
    assert referrers[-1] is None, "the neutral site learns nothing about where the reader came from"
    context.close()


def test_no_third_party_request_no_cookie_no_storage_on_any_page_type(page, site_url):
    for url in (
        "/",
        "/ti/",
        "/ar/residence-card/",
        "/fa/search/?q=کارت",
        "/ps/questionnaire/",
        "/so/referral/",
        "/th/referral/side-by-side/zh-hans/danger/",
        "/uk/referral/card/ku/danger/",
        "/nl/nope/",
    ):
        page.goto(url)
        assert page.evaluate("localStorage.length + sessionStorage.length") == 0, url
    page.goto("/ar/questionnaire/")
    page.check('input[type=radio][value="danger=no"]')
    page.click("form[data-questionnaire] button.button:not([name])")
    page.wait_for_selector('input[type=radio][value^="own_eu="]')
    assert [url for url in page.requested_urls if not url.startswith(site_url)] == []
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
