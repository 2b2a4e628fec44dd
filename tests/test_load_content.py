"""load_content: idempotent, respects editors, and loads nothing from bad seed files."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from content import brochure_seed
from content.loading import SeedInvalid, load_brochure
from content.models import ChapterPage, SeedFingerprint

pytestmark = pytest.mark.usefixtures("seeded")

STRUCTURE = {
    "slug": "test-chapter",
    "icon": "info",
    "legal": True,
    "information_date": "2026-11-22",
    "sources": [{"title": "A source", "date": "2018", "lang": "en"}],
    "blocks": [
        {"id": "intro", "type": "paragraph"},
        {"id": "todo", "type": "steps", "items": 2},
        {"id": "rule", "type": "legal", "certainty": "contested", "as_of": "2018"},
        {"id": "line", "type": "contact", "phone": "1712", "verified": False},
    ],
}


def language_file(code, title="Test chapter", state="source"):
    return {
        "language": code,
        "translation_state": state,
        "home": {"title": "Home", "intro": "Welcome"},
        "chapters": {
            "test-chapter": {
                "title": title,
                "summary": "A summary.",
                "blocks": {
                    "intro": {"text": "First paragraph.\n\nSecond < third & more."},
                    "todo": {"title": "Steps", "items": ["One", "Two"]},
                    "rule": {"text": "A rule."},
                    "line": {"name": "Line", "text": "Call", "hours": "24/7"},
                },
            }
        },
    }


def write_seed(folder: Path, structure=STRUCTURE, files=None):
    (folder / "structure").mkdir(parents=True, exist_ok=True)
    (folder / "structure" / "50-test-chapter.json").write_text(json.dumps(structure))
    for code, data in (files or {"en": language_file("en"), "ar": language_file("ar", "فصل", "unreviewed")}).items():
        (folder / f"{code}.json").write_text(json.dumps(data, ensure_ascii=False))
    return folder


def test_real_seed_files_are_valid():
    brochure = brochure_seed.read()
    assert not brochure.errors, "\n".join(map(str, brochure.errors))
    assert len(brochure.chapters) == 10


def test_loading_the_real_seed_again_changes_nothing():
    before = {page.pk: page.latest_revision_id for page in ChapterPage.objects.all()}
    stats = load_brochure()
    assert stats["created"] == 0 and stats["written"] == 0
    assert {page.pk: page.latest_revision_id for page in ChapterPage.objects.all()} == before


def test_small_seed_loads_blocks_and_facts(tmp_path):
    stats = load_brochure(write_seed(tmp_path))
    assert stats["created"] == 1
    page = ChapterPage.objects.get(slug="test-chapter")
    assert page.live and page.is_legal and str(page.information_date) == "2026-11-22"
    assert page.title_ar == "فصل" and page.translation_state_ar == "unreviewed"
    body = page.body_en
    assert [block.block_type for block in body] == ["paragraph", "steps", "legal", "contact"]
    assert body[0].value.source == "<p>First paragraph.</p><p>Second &lt; third &amp; more.</p>"
    assert body[2].value["certainty"] == "contested"
    assert body[3].value["phone"] == "1712" and body[3].value["verified"] is False
    # The same block ids in every language, so languages can be aligned side by side.
    assert [block.id for block in page.body_en] == [block.id for block in page.body_ar]


def test_second_load_of_the_same_seed_changes_nothing(tmp_path):
    load_brochure(write_seed(tmp_path))
    revision = ChapterPage.objects.get(slug="test-chapter").latest_revision_id
    stats = load_brochure(tmp_path)
    assert stats["written"] == 0
    assert ChapterPage.objects.get(slug="test-chapter").latest_revision_id == revision


def test_editor_changes_are_never_overwritten_but_seed_updates_reach_untouched_fields(tmp_path):
    load_brochure(write_seed(tmp_path))
    page = ChapterPage.objects.get(slug="test-chapter")
    page.title_ar = "عنوان المحرر"
    page.save_revision().publish()
    # The seed changes both the Arabic and the English title.
    write_seed(tmp_path, files={"en": language_file("en", "New title"), "ar": language_file("ar", "عنوان جديد")})
    stats = load_brochure(tmp_path)
    page.refresh_from_db()
    assert page.title_ar == "عنوان المحرر"
    assert page.title_en == "New title"
    assert stats["kept"] >= 1


def test_pages_with_an_editors_draft_are_left_alone(tmp_path):
    load_brochure(write_seed(tmp_path))
    page = ChapterPage.objects.get(slug="test-chapter")
    page.summary_en = "Draft by an editor"
    page.save_revision()  # not published
    write_seed(tmp_path, files={"en": language_file("en", "Other"), "ar": language_file("ar")})
    stats = load_brochure(tmp_path)
    assert stats["skipped_drafts"] == 1
    assert ChapterPage.objects.get(slug="test-chapter").title_en == "Test chapter"


def broken(mutate):
    files = {"en": language_file("en"), "ar": language_file("ar")}
    structure = json.loads(json.dumps(STRUCTURE))
    mutate(files, structure)
    return files, structure


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda f, s: f["ar"]["chapters"]["test-chapter"].pop("summary"),
            "ar.json: page 'test-chapter', field 'summary'",
        ),
        (lambda f, s: f["ar"].update(language="xx"), "ar.json: page '-', field 'language': unknown language code 'xx'"),
        (lambda f, s: f["ar"].update(language="fa"), "ar.json: page '-', field 'language': says 'fa'"),
        (
            lambda f, s: f["en"]["chapters"]["test-chapter"]["blocks"]["todo"].update(items=["only one"]),
            "en.json: page 'test-chapter', field 'blocks.todo.items': must be a list of 2 steps",
        ),
        (
            lambda f, s: f["en"]["chapters"]["test-chapter"]["blocks"].pop("rule"),
            "en.json: page 'test-chapter', field 'blocks.rule': block text is missing",
        ),
        (
            lambda f, s: f["en"]["chapters"]["test-chapter"]["blocks"]["intro"].update(text="<b>bold</b>"),
            "field 'blocks.intro.text': must be plain text (no HTML)",
        ),
        (lambda f, s: s["blocks"].append({"id": "x", "type": "video"}), "field 'blocks[x].type': unknown block type"),
        (lambda f, s: s["blocks"][2].update(certainty="sure"), "field 'blocks[rule].certainty'"),
        (lambda f, s: s.update(slug="Bad Slug"), "field 'slug'"),
    ],
)
def test_bad_seed_files_are_named_and_nothing_is_written(tmp_path, mutate, expected):
    files, structure = broken(mutate)
    write_seed(tmp_path, structure, files)
    pages, fingerprints = ChapterPage.objects.count(), SeedFingerprint.objects.count()
    with pytest.raises(SeedInvalid) as raised:
        load_brochure(tmp_path)
    assert any(expected in str(error) for error in raised.value.errors), raised.value.errors
    assert ChapterPage.objects.count() == pages
    assert SeedFingerprint.objects.count() == fingerprints


def test_broken_json_is_reported_with_its_file(tmp_path):
    write_seed(tmp_path)
    (tmp_path / "ar.json").write_text("{ not json")
    with pytest.raises(SeedInvalid) as raised:
        load_brochure(tmp_path)
    assert "ar.json" in str(raised.value.errors[0]) and "not readable JSON" in str(raised.value.errors[0])


def test_command_exits_non_zero_and_names_the_problem(tmp_path, capsys):
    copy = tmp_path / "brochure"
    shutil.copytree(brochure_seed.SEED_DIR, copy)
    data = json.loads((copy / "ti.json").read_text())
    first = next(iter(data["chapters"]))
    data["chapters"][first]["title"] = ""
    (copy / "ti.json").write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_content", seed_dir=tmp_path)
    assert f"ti.json: page '{first}', field 'title': is missing or empty" in capsys.readouterr().err


def test_fallback_is_marked_with_its_own_language_and_announced(client):
    page = ChapterPage.objects.get(slug="residence-card")
    page.summary_ti = ""
    page.body_ti = []
    page.save_revision().publish()
    html = client.get("/ti/residence-card/").content.decode()
    with translation.override("ti"):
        notice = translation.gettext("This text is not yet available in your language. It is shown in %(language)s.")
    assert notice % {"language": "English"} in html
    assert '<div class="body" lang="en" dir="ltr">' in html
    assert '<p class="lead" lang="en" dir="ltr">' in html
