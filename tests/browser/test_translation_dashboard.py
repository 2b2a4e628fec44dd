"""The Translations dashboard in Chromium at a desktop size: the whole matrix drawn, its header row and unit column
kept in view while scrolling, a screenshot worth looking at, and axe-clean, as is the per-language view."""

from PIL import Image

from tests.browser.conftest import axe_violations, sign_in_to_admin

USERNAME = "translations-editor"


def sign_in(page, django_db_blocker):
    sign_in_to_admin(page, django_db_blocker, USERNAME)


def test_the_dashboard_and_the_language_view_are_drawn_and_axe_clean(page, axe, django_db_blocker, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, django_db_blocker)
    page.goto("/admin/translations/", timeout=120_000)
    matrix = page.locator("table[data-matrix]")
    matrix.wait_for(state="visible")
    assert matrix.locator("tbody tr[data-unit]").count() == 89
    assert matrix.locator("thead th.tr-lang").count() == 22
    assert matrix.locator("tbody td.tr-unreviewed").first.is_visible()

    # The cells are coloured by state (the letters say the same without colour).
    colours = page.evaluate(
        """() => Object.fromEntries(['tr-unreviewed', 'tr-source'].map(name =>
            [name, getComputedStyle(document.querySelector('table[data-matrix] td.' + name)).backgroundColor]))"""
    )
    assert colours == {"tr-unreviewed": "rgb(209, 233, 255)", "tr-source": "rgb(234, 236, 240)"}

    # The picture: the visible screen with the matrix, checked to be a real drawing of it.
    screenshot = tmp_path / "translations-dashboard.png"
    page.screenshot(path=screenshot)
    assert screenshot.stat().st_size > 40_000
    with Image.open(screenshot) as image:
        assert image.size == (1280, 900)
        pixels = image.convert("RGB").getcolors(maxcolors=1_000_000)
    counts = {colour: count for count, colour in pixels}
    assert counts.get((209, 233, 255), 0) > 50_000  # a screenful of "not reviewed" cells
    assert counts.get((234, 236, 240), 0) > 1_000  # the English (source) column

    # Scrolled down and sideways, the header row and the unit names stay in view.
    scroller = page.locator(".tr-scroll")
    box = scroller.bounding_box()
    scroller.evaluate("element => { element.scrollTop = 1500; element.scrollLeft = 400; }")
    header = matrix.locator("thead th.tr-lang").last.bounding_box()
    assert abs(header["y"] - box["y"]) < 4
    name = matrix.locator("tbody tr[data-unit] th.tr-unit").nth(40).bounding_box()
    assert abs(name["x"] - box["x"]) < 4
    scroller.evaluate("element => { element.scrollTop = 0; element.scrollLeft = 0; }")

    assert axe_violations(axe, page) == []

    page.goto("/admin/translations/language/ar/")
    assert page.locator("section[data-state] tbody tr").count() >= 1
    assert axe_violations(axe, page) == []
