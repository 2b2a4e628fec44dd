"""The Wagtail admin: editors reach it, translated fields exist for all 22 languages, RTL inputs marked."""

import pytest

from content.models import ChapterPage
from portal import languages

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def editor_client(editor):
    return editor


def test_admin_login_page_is_served(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_chapter_edit_form_has_every_language_and_marks_rtl_inputs(editor_client):
    page = ChapterPage.objects.first()
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for code in languages.CODES:
        assert f'name="title_{code.replace("-", "_")}"' in html
    assert 'data-rtl-languages="ar fa ps"' in html
    assert "admin/rtl-inputs.js" in html
