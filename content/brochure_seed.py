"""Read and check the brochure seed files (content/seed/brochure/), and turn them into page data.

Nothing here touches the database; `content.loading` writes what this module returns.
See content/seed/README.md for the file format.
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from portal import languages

SEED_DIR = Path(__file__).resolve().parent / "seed" / "brochure"
ICONS = {"danger", "heart", "card", "door", "police", "folder", "child", "rings", "hands", "phone", "shield", "info"}
CALLOUT_KINDS = {"warning", "tip", "emergency"}
CERTAINTIES = {"clear", "contested", "unclear"}
STATES = {"source", "unreviewed", "reviewed"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# The text fields each block type needs in a language file; None marks optional fields.
BLOCK_TEXT_FIELDS = {
    "paragraph": {"text": True},
    "callout": {"title": True, "text": True},
    "steps": {"title": True, "items": True},
    "contact": {"name": True, "text": False, "hours": False},
    "legal": {"text": True},
    "qa": {"question": True, "answer": True},
}
BLOCK_ID_NAMESPACE = uuid.UUID("4f6a6b1e-2d3c-4e5f-8a9b-0c1d2e3f4a5b")


@dataclass
class SeedError:
    file: str
    page: str
    field: str
    message: str

    def __str__(self):
        return f"{self.file}: page {self.page!r}, field {self.field!r}: {self.message}"


@dataclass
class Chapter:
    order: int
    slug: str
    icon: str
    legal: bool
    information_date: str | None
    sources: list
    blocks: list  # [{"id", "type", ...facts}]


@dataclass
class LanguageText:
    code: str
    state: str
    home: dict
    chapters: dict  # slug -> {"title", "summary", "blocks": {id: {...}}}


@dataclass
class Brochure:
    chapters: list[Chapter] = field(default_factory=list)
    texts: dict[str, LanguageText] = field(default_factory=dict)
    errors: list[SeedError] = field(default_factory=list)


def read(seed_dir: Path = SEED_DIR) -> Brochure:
    brochure = Brochure()
    if not sorted((seed_dir / "structure").glob("*.json")):
        brochure.errors.append(SeedError(str(seed_dir), "-", "structure", "no chapter structure files found"))
    for path in sorted((seed_dir / "structure").glob("*.json")):
        chapter = _read_structure(path, brochure.errors)
        if chapter:
            brochure.chapters.append(chapter)
    for path in sorted(seed_dir.glob("*.json")):
        text = _read_language(path, brochure.chapters, brochure.errors)
        if text:
            brochure.texts[text.code] = text
    return brochure


def _load_json(path: Path, errors: list) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        errors.append(SeedError(path.name, "-", "-", f"not readable JSON ({error})"))
        return None


def _read_structure(path: Path, errors: list) -> Chapter | None:
    data = _load_json(path, errors)
    if data is None:
        return None
    order_text = path.stem.split("-", 1)[0]
    slug = data.get("slug") if isinstance(data, dict) else None
    page = slug or path.stem

    def fail(field_name, message):
        errors.append(SeedError(path.name, page, field_name, message))

    if not isinstance(data, dict):
        fail("-", "must be a JSON object")
        return None
    count = len(errors)
    if not order_text.isdigit():
        fail("file name", "must start with a two-digit order number, e.g. 03-residence-card.json")
    if not isinstance(slug, str) or not SLUG.match(slug):
        fail("slug", "must be lowercase ASCII words joined by hyphens")
    if data.get("icon") not in ICONS:
        fail("icon", f"must be one of {sorted(ICONS)}")
    if not isinstance(data.get("legal"), bool):
        fail("legal", "must be true or false")
    date = data.get("information_date")
    if date is not None and not (isinstance(date, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", date)):
        fail("information_date", "must be a date like 2026-11-22")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(
        isinstance(s, dict) and s.get("title") and s.get("date") and s.get("lang", "en") in languages.BY_CODE
        for s in sources
    ):
        fail("sources", 'must be a list of {"title", "date", "lang"} with a known language code')
    blocks = data.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        fail("blocks", "must be a non-empty list")
        blocks = []
    seen = set()
    for position, block in enumerate(blocks):
        where = f"blocks[{position}]"
        if not isinstance(block, dict):
            fail(where, "must be an object")
            continue
        block_id, kind = block.get("id"), block.get("type")
        where = f"blocks[{block_id or position}]"
        if not isinstance(block_id, str) or not block_id or block_id in seen:
            fail(where + ".id", "must be a unique, non-empty string")
        seen.add(block_id)
        if kind not in BLOCK_TEXT_FIELDS:
            fail(where + ".type", f"unknown block type {kind!r}; use one of {sorted(BLOCK_TEXT_FIELDS)}")
        elif kind == "callout" and block.get("kind") not in CALLOUT_KINDS:
            fail(where + ".kind", f"must be one of {sorted(CALLOUT_KINDS)}")
        elif kind == "steps" and not (isinstance(block.get("items"), int) and block["items"] >= 1):
            fail(where + ".items", "must be the number of steps (1 or more)")
        elif kind == "legal":
            if block.get("certainty") not in CERTAINTIES:
                fail(where + ".certainty", f"must be one of {sorted(CERTAINTIES)}")
            if not isinstance(block.get("as_of"), str) or not block["as_of"]:
                fail(where + ".as_of", "must say when the information dates from, e.g. 2018")
        elif kind == "contact":
            if not (block.get("phone") or block.get("website")):
                fail(where, "a contact needs a phone or a website")
            if not isinstance(block.get("verified"), bool):
                fail(where + ".verified", "must be true or false")
    if len(errors) > count:
        return None
    return Chapter(
        order=int(order_text),
        slug=slug,
        icon=data["icon"],
        legal=data["legal"],
        information_date=date,
        sources=sources,
        blocks=blocks,
    )


def _check_text(value, required: bool) -> str | None:
    """A problem with one text value, or None."""
    if value is None or value == "":
        return "is missing or empty" if required else None
    if not isinstance(value, str):
        return "must be text"
    if required and not value.strip():
        return "is missing or empty"
    if HTML_TAG.search(value):
        return "must be plain text (no HTML)"
    return None


def _read_language(path: Path, chapters: list[Chapter], errors: list) -> LanguageText | None:
    data = _load_json(path, errors)
    if data is None:
        return None
    count = len(errors)

    def fail(page, field_name, message):
        errors.append(SeedError(path.name, page, field_name, message))

    if not isinstance(data, dict):
        fail("-", "-", "must be a JSON object")
        return None
    code = data.get("language")
    if code not in languages.BY_CODE:
        fail("-", "language", f"unknown language code {code!r}; use one of {', '.join(languages.CODES)}")
    elif code != path.stem:
        fail("-", "language", f"says {code!r} but the file is named {path.name}")
    if data.get("translation_state") not in STATES:
        fail("-", "translation_state", f"must be one of {sorted(STATES)}")
    home = data.get("home") if isinstance(data.get("home"), dict) else {}
    for name in ("title", "intro"):
        problem = _check_text(home.get(name), True)
        if problem:
            fail("home", name, problem)
    texts = data.get("chapters") if isinstance(data.get("chapters"), dict) else {}
    known = {chapter.slug for chapter in chapters}
    for slug in sorted(set(texts) - known):
        fail(slug, "-", "no such chapter in structure/")
    for chapter in chapters:
        text = texts.get(chapter.slug)
        if not isinstance(text, dict):
            fail(chapter.slug, "-", "chapter text is missing")
            continue
        for name in ("title", "summary"):
            problem = _check_text(text.get(name), True)
            if problem:
                fail(chapter.slug, name, problem)
        block_texts = text.get("blocks") if isinstance(text.get("blocks"), dict) else {}
        for extra in sorted(set(block_texts) - {block["id"] for block in chapter.blocks}):
            fail(chapter.slug, f"blocks.{extra}", "no such block in the chapter's structure")
        for block in chapter.blocks:
            where = f"blocks.{block['id']}"
            values = block_texts.get(block["id"])
            if not isinstance(values, dict):
                fail(chapter.slug, where, "block text is missing")
                continue
            for name, required in BLOCK_TEXT_FIELDS[block["type"]].items():
                if name == "items":
                    items = values.get("items")
                    if not isinstance(items, list) or len(items) != block["items"]:
                        fail(chapter.slug, f"{where}.items", f"must be a list of {block['items']} steps")
                        continue
                    for number, item in enumerate(items, 1):
                        problem = _check_text(item, True)
                        if problem:
                            fail(chapter.slug, f"{where}.items[{number}]", problem)
                    continue
                problem = _check_text(values.get(name), required)
                if problem:
                    fail(chapter.slug, f"{where}.{name}", problem)
    if len(errors) > count:
        return None
    return LanguageText(code=code, state=data["translation_state"], home=home, chapters=texts)


def plain_to_html(text: str) -> str:
    """Plain text to the rich-text HTML Wagtail stores: a blank line starts a paragraph."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "".join("<p>" + escape(part).replace("\n", "<br/>") + "</p>" for part in paragraphs)


def block_uuid(slug: str, *parts: str) -> str:
    """The same id for a block in every language, so the languages can be aligned side by side."""
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, ":".join((slug,) + parts)))


def stream_data(chapter: Chapter, text: dict) -> list[dict]:
    """The StreamField raw data of one chapter in one language."""
    stream = []
    for block in chapter.blocks:
        values = text["blocks"][block["id"]]
        kind = block["type"]
        if kind == "paragraph":
            value = plain_to_html(values["text"])
        elif kind == "callout":
            value = {"kind": block["kind"], "title": values["title"], "text": plain_to_html(values["text"])}
        elif kind == "steps":
            value = {
                "title": values["title"],
                "items": [
                    {"type": "item", "value": item, "id": block_uuid(chapter.slug, block["id"], str(number))}
                    for number, item in enumerate(values["items"])
                ],
            }
        elif kind == "contact":
            value = {
                "name": values["name"],
                "text": values.get("text") or "",
                "hours": values.get("hours") or "",
                "phone": block.get("phone", ""),
                "website": block.get("website", ""),
                "verified": block["verified"],
            }
        elif kind == "legal":
            value = {"text": plain_to_html(values["text"]), "certainty": block["certainty"], "as_of": block["as_of"]}
        else:  # qa
            value = {"question": values["question"], "answer": plain_to_html(values["answer"])}
        stream.append({"type": kind, "value": value, "id": block_uuid(chapter.slug, block["id"])})
    return stream
