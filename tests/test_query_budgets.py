"""SQL per request, uncached (a Cookie header makes the page cache step aside), on the seeded site.

The other budgets live beside their features: a questionnaire step at most 5 (test_questionnaire), a search at most 3
(test_search), a directory list the same count for 1 and 200 results (test_directory), and a cached page 0
(test_page_cache)."""

import pytest
from django.test import Client

from content.chapters import live_chapters

pytestmark = pytest.mark.usefixtures("seeded")
FRESH = {"HTTP_COOKIE": "uncached=1"}


@pytest.mark.parametrize("code", ["nl", "ar", "ti"])
def test_every_chapter_takes_at_most_8_queries(code, django_assert_max_num_queries):
    client = Client(**FRESH)
    client.get(f"/{code}/")  # the connection and Wagtail's site lookup, as on a running server
    slugs = list(live_chapters().values_list("slug", flat=True))
    assert len(slugs) >= 10
    for slug in slugs:
        with django_assert_max_num_queries(8):
            assert client.get(f"/{code}/{slug}/").status_code == 200


@pytest.mark.parametrize("code", ["nl", "ar", "ti"])
def test_the_home_page_takes_at_most_8_queries(code, django_assert_max_num_queries):
    client = Client(**FRESH)
    client.get(f"/{code}/")
    with django_assert_max_num_queries(8):
        assert client.get(f"/{code}/").status_code == 200
