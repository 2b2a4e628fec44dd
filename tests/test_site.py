"""URLs, the chooser, language prefixes, the switcher, 404s and the sitemap, on the seeded site."""

import re

import pytest

from content.models import ChapterPage
from portal import languages

pytestmark = pytest.mark.usefixtures("seeded")


def assert_no_cookie(response):
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_chooser_lists_the_22_native_names_without_redirect_or_cookie(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ti-ER,ti;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    for language in languages.LANGUAGES:
        assert f'href="/{language.code}/" lang="{language.code}"' in html
        assert language.native_name in html
    assert 'class="suggested"><a href="/ti/"' in html
    assert "Accept-Language" in response.headers["Vary"]
    assert_no_cookie(response)


def test_chooser_without_a_known_browser_language_suggests_nothing(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert 'class="suggested"' not in response.content.decode()


@pytest.mark.parametrize("language", languages.LANGUAGES, ids=lambda language: language.code)
def test_home_in_every_language_has_lang_and_dir(client, language):
    response = client.get(f"/{language.code}/")
    assert response.status_code == 200
    assert f'<html lang="{language.code}" dir="{language.direction}">' in response.content.decode()
    assert response.headers["Content-Language"] == language.code
    assert_no_cookie(response)


def test_every_chapter_is_served_in_every_language(client):
    slugs = list(ChapterPage.objects.live().values_list("slug", flat=True))
    assert slugs
    for slug in slugs:
        for code in languages.CODES:
            response = client.get(f"/{code}/{slug}/")
            assert response.status_code == 200, (code, slug)


def test_switcher_keeps_the_reader_on_the_same_page(client):
    html = client.get("/nl/residence-card/").content.decode()
    for language in languages.LANGUAGES:
        assert f'href="/{language.code}/residence-card/" lang="{language.code}"' in html


@pytest.mark.parametrize("path", ["/xx/", "/xx/residence-card/", "/EN/", "/nl/no-such-page/", "/static-nothing"])
def test_unknown_paths_answer_404_in_the_chooser_style(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "112" in html
    if not languages.path_language(path):
        for language in languages.LANGUAGES:
            assert language.native_name in html


def test_404_in_a_known_language_speaks_it(client):
    html = client.get("/ar/no-such-page/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_sitemap_has_every_language_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for code in languages.CODES:
        assert f"/{code}/residence-card/</loc>" in xml
    alternates = re.findall(r'hreflang="([^"]+)" href="[^"]*/residence-card/"', xml)
    assert set(languages.CODES) <= set(alternates)


def test_robots_keeps_crawlers_out_of_the_admin(client):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


def test_quick_exit_route_without_javascript(client):
    response = client.get("/exit/")
    assert response.status_code == 303
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    assert_no_cookie(response)


def test_every_public_page_carries_quick_exit_and_emergency_numbers(client):
    for path in ["/nl/", "/ar/residence-card/", "/ti/safety/"]:
        html = client.get(path).content.decode()
        assert 'id="quick-exit"' in html and 'href="/exit/"' in html
        assert 'href="tel:112"' in html and 'href="tel:101"' in html
        assert f'href="/{languages.path_language(path)}/safety/"' in html
