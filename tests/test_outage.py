"""When PostgreSQL does not answer: a 503 page in the reader's language with the quick exit and the numbers that
always work, rendered without the database; and the next request after it comes back is served normally."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from portal import languages

pytestmark = pytest.mark.usefixtures("seeded")
HEADING = "This page cannot be shown right now. Try again in a few minutes."


def database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server failed: the database system is shutting down")


@pytest.mark.parametrize(
    "path", ["/ti/residence-card/", "/ar/help/?postcode=1000", "/nl/questionnaire/", "/fa/", "/fr/referral/no-papers/"]
)
def test_every_page_type_answers_503_in_her_language_while_the_database_is_down(path):
    client = Client(raise_request_exception=False)
    code = path.split("/")[1]
    language = languages.get(code)
    with connection.execute_wrapper(database_down):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "60" and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{language.direction}">' in html
    with translation.override(code):
        assert escape(translation.gettext(HEADING)) in html
        assert translation.gettext(HEADING) != HEADING or code == "en"
    for number in ("tel:112", "tel:101", "tel:1712", "tel:080030030"):
        assert number in html
    assert 'id="quick-exit"' in html and "quick-exit.js" in html
    assert "Set-Cookie" not in response


def test_the_site_recovers_without_a_restart():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(database_down):
        assert client.get("/nl/residence-card/").status_code == 503
    response = client.get("/nl/residence-card/")
    assert response.status_code == 200 and "<h1" in response.content.decode()


def test_other_errors_still_give_the_500_page(monkeypatch):
    from content.models import ChapterPage

    def broken(self, request, *args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(ChapterPage, "get_context", broken)
    response = Client(raise_request_exception=False).get("/nl/residence-card/")
    assert response.status_code == 500 and "112 · 101 · 1712 · 0800 30 030" in response.content.decode()
