"""My languages: the form, what the edit forms are given, saves keep every language, and the edit form's budget.

The ordering, showing and focusing happen in the browser: tests/browser/test_editor_languages.py."""

import gzip
import html
import json
import re
import statistics
import time
from pathlib import Path

import pytest
import wagtail_modeltranslation
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import ChapterPage
from portal import languages
from portal.directory.models import Service
from portal.translations import links, units
from portal.translations.models import EditorLanguages
from tests.helpers import form_data, page_form_data

pytestmark = pytest.mark.usefixtures("seeded")

MY_LANGUAGES = "/admin/translations/my-languages/"  # the Translations menu's "My languages"

# The edit form of the largest seeded chapter (22 StreamField bodies), measured 2026-11-26 on the 2-CPU test machine
# (docs/performance.md): 1.90 MB of HTML, median CPU time 1.3-1.8 s, 30 queries. Room for the content to grow by a fifth
# and for a slower machine, while a form that renders something twice or queries per language fails.
CHAPTER_FORM_BYTES = 2_300_000
CHAPTER_FORM_CPU_SECONDS = 3.0
CHAPTER_FORM_QUERIES = 40


def chosen_of(user):
    return EditorLanguages.objects.get(user=user).languages


def largest_chapter():
    def size(page):
        return sum(
            len(json.dumps(list(getattr(page, units.localized("body", code)).raw_data))) for code in languages.CODES
        )

    return max(ChapterPage.objects.all(), key=size)


def measure(client, url, runs=5):
    """Size (raw and gzip), median wall and CPU time of `runs` GETs after a first one, and the queries of one."""
    client.get(url)
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "bytes": len(response.content),
        "gzip": len(gzip.compress(response.content, 6)),
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "queries": len(queries),
    }


def test_my_languages_are_saved_in_the_portals_order_and_shown_checked(editor):
    page = editor.get(MY_LANGUAGES)
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('type="checkbox" name="languages"') == len(languages.CODES)
    assert '<span lang="ti" dir="ltr">ትግርኛ</span> (Tigrinya)' in body
    assert '<span lang="ar" dir="rtl">العربية</span> (Arabic)' in body

    response = editor.post(MY_LANGUAGES, {"languages": ["ti", "ar"]})
    assert response.status_code == 302
    assert chosen_of(editor.user) == ["ar", "ti"]
    body = editor.get(MY_LANGUAGES).content.decode()
    assert 'value="ti" id="id_languages_17" checked' in body
    assert 'value="ar" id="id_languages_4" checked' in body
    assert body.count(" checked>") == 2

    assert editor.post(MY_LANGUAGES, {}).status_code == 302  # none: the settings' default applies again
    assert chosen_of(editor.user) == []


def test_an_unknown_language_is_refused_with_a_message(editor):
    EditorLanguages.objects.create(user=editor.user, languages=["nl"])
    response = editor.post(MY_LANGUAGES, {"languages": ["ti", "xx"]})
    assert response.status_code == 400
    assert "xx is not one of the portal&#x27;s languages." in response.content.decode()
    assert chosen_of(editor.user) == ["nl"]


def test_the_edit_forms_are_given_the_editors_languages(editor):
    script = reverse("editor_languages_script")
    assert Client().get(script).status_code == 302  # to the sign-in: the admin's own
    assert editor.get(script).content.decode() == 'window.portalEditorLanguages = {"chosen": [], "source": "en"};\n'
    EditorLanguages.objects.create(user=editor.user, languages=["ti", "zh-hans", "gone"])
    response = editor.get(script)
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]  # another choice shows at the next opening
    assert json.loads(response.content.decode().split(" = ", 1)[1].rstrip(";\n")) == {
        "chosen": ["ti", "zh-hans"],
        "source": "en",
    }
    body = editor.get(links.edit_url(largest_chapter())).content.decode()
    assert f'<script src="{script}" defer></script><script src="/static/admin/editor-languages.js" defer>' in body
    assert 'data-rtl-languages="ar fa ps"' in body


def test_the_copy_buttons_script_is_the_packages_with_buttons_that_do_not_submit():
    """Overridden through STATICFILES_DIRS (static/wagtail_modeltranslation/): fails when the package's file changes,
    so that the override is looked at again."""
    name = "wagtail_modeltranslation/js/copy_stream_fields.js"
    ours = Path(finders.find(name)).read_text()
    package = (Path(wagtail_modeltranslation.__file__).parent / "static" / name).read_text()
    assert Path(finders.find(name)).is_relative_to(Path("static").resolve())
    body = ours.split("*/\n", 1)[1]
    assert body == package.replace('<button class="button', '<button type="button" class="button')
    assert body != package


def _as_text(value):
    """What a reader gets: the rich-text editor gives each paragraph a new key and writes ' for &#x27; on every save,
    and an empty field comes back as "" where it was NULL (modeltranslation's fallbacks take both as missing)."""
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    if isinstance(value, str) or value is None:
        return html.unescape(re.sub(r' data-block-key="[^"]*"', "", value or ""))
    return value


def _chapter_texts(page):
    found = {}
    for code in languages.CODES:
        for name in ("title", "summary", "share_title", "share_description", "translation_state"):
            found[(name, code)] = _as_text(getattr(page, units.localized(name, code)))
        found[("body", code)] = _as_text(list(getattr(page, units.localized("body", code)).raw_data))
    return found


def test_a_chapter_saved_by_an_editor_with_chosen_languages_keeps_every_other_language(editor):
    EditorLanguages.objects.create(user=editor.user, languages=["ti", "ar"])
    page = largest_chapter()
    before = _chapter_texts(page.get_latest_revision_as_object())
    data = page_form_data(page.get_latest_revision_as_object(), editor.user)
    data["title_ti"] = "ሓድሽ ኣርእስቲ"
    data["action-publish"] = "action-publish"
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    after = _chapter_texts(ChapterPage.objects.get(pk=page.pk))
    assert after.pop(("title", "ti")) == "ሓድሽ ኣርእስቲ"
    before.pop(("title", "ti"))
    assert after == before


def _service_texts(service):
    found = {}
    for code in languages.CODES:
        for name in units.get_kind("service").fields + ("translation_state",):
            found[(name, code)] = _as_text(getattr(service, units.localized(name, code)))
        for relation, field in (("phones", "description"), ("schedules", "description"), ("languages", "note")):
            for child in getattr(service, relation).order_by("pk"):
                found[(relation, child.pk, code)] = _as_text(getattr(child, units.localized(field, code)))
    return found


def test_a_service_saved_by_an_editor_with_chosen_languages_keeps_every_other_language(editor):
    EditorLanguages.objects.create(user=editor.user, languages=["ti", "ar"])
    service = Service.objects.filter(phones__isnull=False, schedules__isnull=False).distinct().order_by("name").first()
    before = _service_texts(service)
    form_class = Service.snippet_viewset.get_edit_handler().get_form_class()
    data = form_data(form_class(instance=service, for_user=editor.user))
    data["name_ti"] = "ሓድሽ ኣገልግሎት"
    response = editor.post(links.edit_url(service), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    after = _service_texts(Service.objects.get(pk=service.pk))
    assert after.pop(("name", "ti")) == "ሓድሽ ኣገልግሎት"
    before.pop(("name", "ti"))
    assert after == before


def test_the_chapter_edit_form_stays_within_its_budget(editor):
    EditorLanguages.objects.create(user=editor.user, languages=["ti", "ar"])
    found = measure(editor, links.edit_url(largest_chapter()))
    print(f"chapter edit form: {found}")
    assert found["bytes"] <= CHAPTER_FORM_BYTES, found
    assert found["cpu"] <= CHAPTER_FORM_CPU_SECONDS, found
    assert found["queries"] <= CHAPTER_FORM_QUERIES, found
