"""The directory in Chromium on a phone-sized screen: axe-clean in nl and ar, nothing loaded from elsewhere,
filters work without JavaScript."""

import pytest

from tests.browser.conftest import axe_violations


@pytest.mark.parametrize("code, direction", [("nl", "ltr"), ("ar", "rtl")])
def test_directory_list_is_axe_clean(page, site_url, axe, code, direction):
    page.goto(f"/{code}/help/?postcode=1000")
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator(".national-lines .service").count() == 5
    assert axe_violations(axe, page) == []
    assert all(url.startswith(site_url) for url in page.requested_urls), page.requested_urls


def test_filters_work_without_javascript(browser, site_url, axe):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}, base_url=site_url)
    page = context.new_page()
    page.goto("/en/help/")
    page.fill("#id_postcode", "9000")
    page.select_option("#id_category", "health")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**/en/help/?*postcode=9000*")
    results = page.locator("section[aria-labelledby=results-heading] h3").all_inner_texts()
    assert "Sexual violence care centre Gent" in results
    assert "Sexual violence care centre Liège" not in results
    assert context.cookies() == []
    context.close()


def test_service_page_is_axe_clean_in_arabic(page, axe):
    page.goto("/ar/help/")
    page.locator(".national-lines h3 a").first.click()
    page.wait_for_url("**/ar/help/*/")
    assert page.locator("a[href^='tel:']").count() >= 1
    assert axe_violations(axe, page) == []
