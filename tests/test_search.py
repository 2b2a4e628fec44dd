"""Search in each of the 22 languages, on the seeded brochure."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content import brochure_seed
from content.models import ChapterPage
from portal import languages
from portal.search.models import SearchEntry

pytestmark = pytest.mark.usefixtures("seeded")
SEED = brochure_seed.read()


def result_urls(html: str) -> list[str]:
    results = re.search(r'<ol class="results">(.*?)</ol>', html, re.S)
    return re.findall(r'<a href="([^"]+)">', results.group(1)) if results else []


def query_from_title(code: str) -> str:
    """What a reader of this language might type: the longest word of the chapter title, or a word of it."""
    title = SEED.texts[code].chapters["residence-card"]["title"]
    unspaced = {"zh-hans": "居留", "th": "บัตรพำนัก"}  # written without spaces: "residence" / "residence card"
    if code in unspaced:
        assert unspaced[code] in title
        return unspaced[code]
    return max((word.strip(".,:;!?()«»“”„\"'") for word in title.split()), key=len)


@pytest.mark.parametrize("code", languages.CODES)
def test_a_chapter_is_found_by_a_query_in_each_language(client, code):
    query = query_from_title(code)
    html = client.get(f"/{code}/search/", {"q": query}).content.decode()
    urls = result_urls(html)
    assert f"/{code}/residence-card/" in urls[:3], (code, query, urls)
    assert all(url.startswith(f"/{code}/") for url in urls)


@pytest.mark.parametrize(
    ("code", "query", "slug"),
    [
        ("nl", "verblijfskaarten", "residence-card"),
        ("en", "residences", "residence-card"),
        ("fr", "enfant", "children"),
    ],
)
def test_inflected_forms_are_found_where_postgresql_stems(client, code, query, slug):
    urls = result_urls(client.get(f"/{code}/search/", {"q": query}).content.decode())
    assert f"/{code}/{slug}/" in urls[:3]


def test_a_two_character_chinese_query_finds_chinese_content(client):
    html = client.get("/zh-hans/search/", {"q": "居留"}).content.decode()
    assert result_urls(html)[0] == "/zh-hans/residence-card/"
    assert "<mark>居留</mark>" in html


def test_typos_are_tolerated(client):
    assert "/nl/residence-card/" in result_urls(client.get("/nl/search/", {"q": "verblijfkaart"}).content.decode())


def test_a_query_in_another_script_finds_that_language_labelled(client):
    html = client.get("/nl/search/", {"q": "بطاقة الإقامة"}).content.decode()
    assert result_urls(html)[0] == "/ar/residence-card/"
    assert '<li lang="ar" dir="rtl">' in html
    assert "(العربية)" in html


def test_nothing_in_the_readers_language_falls_back_marked(client):
    html = client.get("/ti/search/", {"q": "residence"}).content.decode()
    assert result_urls(html)[0] == "/en/residence-card/"
    assert '<li lang="en" dir="ltr">' in html
    with translation.override("ti"):
        notice = translation.gettext("Nothing was found in your language. These results are in other languages.")
    assert notice in html


def test_publishing_and_unpublishing_update_the_results(client):
    page = ChapterPage.objects.get(slug="evidence")
    page.unpublish()
    assert "/en/evidence/" not in result_urls(client.get("/en/search/", {"q": "diary"}).content.decode())
    page.title_en = "Evidence and the zebra notebook"
    page.save_revision().publish()
    urls = result_urls(client.get("/en/search/", {"q": "zebra"}).content.decode())
    assert urls == ["/en/evidence/"]


def test_rebuild_command_indexes_every_chapter_in_every_language():
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchEntry.objects.count() == len(SEED.chapters) * len(languages.CODES)
    assert not SearchEntry.objects.filter(document__isnull=True).exists()


def test_search_is_private_and_cheap(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ar/search/", {"q": "بطاقة"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers
    assert len(queries) <= 3
    assert not [q for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]


def test_the_search_form_is_in_the_header_of_every_page(client):
    for path in ["/ti/", "/ar/residence-card/", "/zh-hans/search/"]:
        html = client.get(path).content.decode()
        code = path.split("/")[1]
        assert f'<form class="bar search-form" role="search" action="/{code}/search/" method="get">' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word in the search box at the top of the page."),
        ("   \t ", "Type a word in the search box at the top of the page."),
        ("?!… --- ***", "Type letters or numbers to search for."),
        ("residence " * 40, "Your search was very long. We searched for its first 200 characters."),
        ("'; DROP TABLE portal_search_searchentry; --", "Nothing was found"),
        ("(a|b)*[^x]+.*\\", "Nothing was found"),
        ("\x00\x01residence", None),
    ],
)
def test_bad_queries_get_a_clean_page(client, query, message):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()
    assert SearchEntry.objects.count() == len(SEED.chapters) * len(languages.CODES)


def test_invalid_utf8_is_a_clean_page(client):
    response = client.get("/en/search/?q=%ff%fe%00verblijf")
    assert response.status_code == 200


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), code=st.sampled_from(languages.CODES))
def test_any_query_in_any_language_answers_200(client, query, code):
    assert client.get(f"/{code}/search/", {"q": query}).status_code == 200


def test_deleting_a_page_removes_it_from_the_index(client):
    page = ChapterPage.objects.get(slug="evidence")
    assert SearchEntry.objects.filter(key=str(page.pk)).exists()
    page.delete()
    assert not SearchEntry.objects.filter(key=str(page.pk)).exists()
    assert "/en/evidence/" not in result_urls(client.get("/en/search/", {"q": "diary"}).content.decode())
