"""What a professional can show side by side, print or hand over: a brochure chapter, a referral page or the
questionnaire's first question. Each becomes blocks with ids shared by all languages, so two languages line up."""

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy

from content import chapters
from content.templatetags.portal_tags import lang_attrs
from portal import languages
from portal.i18n import translated_field
from portal.questionnaire.start import first_question
from portal.referrals.models import ReferralPage

QUESTIONNAIRE = "questionnaire"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


@dataclass(frozen=True)
class Source:
    kind: str  # "chapter", "referral" or "questionnaire"
    slug: str
    obj: object = None


def find(slug: str) -> Source | None:
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return None
    if slug == QUESTIONNAIRE:
        return Source(QUESTIONNAIRE, slug)
    chapter = chapters.live_chapter(slug=slug)
    if chapter is not None:
        return Source("chapter", slug, chapter)
    page = ReferralPage.objects.filter(slug=slug).first()
    return Source("referral", slug, page) if page else None


def choices(code: str) -> list[tuple[str, object]]:
    """Everything that can be shown side by side, titled in the professional's language (Translated values, so a
    fallback title keeps its own language)."""
    with translation.override(code):
        items = [(page.slug, chapters.title_in(page, code)) for page in chapters.live_chapters()]
        items.append((QUESTIONNAIRE, gettext("What do the rules mean for me?")))
        items += [(page.slug, translated_field(page, "title", code)) for page in ReferralPage.objects.all()]
    return items


def _wrapped(text, markup="p"):
    """A text in its own element, marked with its language when it is a fallback."""
    return format_html("<{}{}>{}</{}>", markup, lang_attrs(text), text, markup)


def _lines(text) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


LIST_HEADINGS = (
    ("say", gettext_lazy("What to say")),
    ("avoid", gettext_lazy("What not to do")),
    ("steps", gettext_lazy("Steps")),
)


def _referral_blocks(page, code) -> dict:
    blocks = {}
    summary = translated_field(page, "summary", code)
    if summary:
        blocks["summary"] = _wrapped(summary)
    for field, heading in LIST_HEADINGS:
        text = translated_field(page, field, code)
        items = _lines(text)
        if not items:
            continue
        blocks[field] = format_html("<h2>{}</h2>", str(heading))  # in the column's language (override)
        attributes = lang_attrs(text)
        tag = "ol" if field == "steps" else "ul"
        for number, item in enumerate(items, 1):
            start = format_html(' start="{}"', number) if tag == "ol" else ""
            blocks[f"{field}-{number}"] = format_html("<{}{}{}><li>{}</li></{}>", tag, start, attributes, item, tag)
    return blocks


def _questionnaire_blocks(code) -> dict:
    question = first_question(code)
    if question is None:
        return {}
    blocks = {"question": _wrapped(question["text"], "strong")}
    if question["help"]:
        blocks["help"] = _wrapped(question["help"])
    blocks["choices"] = format_html(
        '<ul class="sbs-choices">{}</ul>',
        format_html_join("", "<li>{}</li>", ((_wrapped(label, "span"),) for _key, label in question["choices"])),
    )
    return blocks


def in_language(source: Source, code: str) -> dict:
    """{"title", "summary", "blocks": {id: html}, "language"} of `source` in one language (fallbacks announced)."""
    if source.kind == "chapter":
        content = chapters.in_language(source.obj, code)
        return content | {"language": content["body"].language}
    with translation.override(code):
        if source.kind == "referral":
            title = translated_field(source.obj, "title", code)
            blocks = _referral_blocks(source.obj, code)
        else:
            title = gettext("What do the rules mean for me?")
            blocks = _questionnaire_blocks(code)
    return {"title": title, "summary": None, "blocks": blocks, "language": languages.get(code)}


def rows(left: dict, right: dict, keep=None) -> list[tuple[str, str]]:
    """Block beside block, matched by id; a block only one language has still gets its row. `keep(block_id)`
    chooses the blocks (default: all)."""
    ids = list(left["blocks"]) + [block_id for block_id in right["blocks"] if block_id not in left["blocks"]]
    return [
        (left["blocks"].get(block_id, ""), right["blocks"].get(block_id, ""))
        for block_id in ids
        if keep is None or keep(block_id)
    ]


def sections(page, code) -> list[dict]:
    """A referral page's lists for its own (one-column) page: whole lists, each with its heading and language."""
    found = []
    with translation.override(code):
        for field, heading in LIST_HEADINGS:
            text = translated_field(page, field, code)
            if _lines(text):
                found.append({"field": field, "heading": str(heading), "items": _lines(text), "text": text})
    return found
