"""The brochure's small public interface for other apps (referrals, search): find chapters, render them per language."""

from django.utils import translation

from content import official_terms
from portal.i18n import translated_field


def live_chapters():
    from content.models import ChapterPage

    return ChapterPage.objects.live().public().order_by("path")


def live_chapter(slug: str = None, pk: int = None):
    """The live chapter with this slug (or id), or None."""
    chapters = live_chapters()
    return chapters.filter(slug=slug).first() if slug is not None else chapters.filter(pk=pk).first()


def title_in(page, code: str):
    """A chapter's title in one language, or its announced fallback."""
    return translated_field(page, "title", code)


def in_language(page, code: str) -> dict:
    """Title, summary and rendered body blocks of a chapter in one language (or its announced fallback).

    Blocks are rendered with that language's interface strings; `blocks` maps each block id to its HTML, in order.
    Block ids are shared by all languages of a seeded chapter, so two languages can be set side by side.
    """
    with translation.override(code):
        title = title_in(page, code)
        summary = translated_field(page, "summary", code)
        body = translated_field(page, "body", code)
        blocks = {
            child.id: official_terms.mark(child.render_as_block(), body.language.code) for child in (body.value or [])
        }
    return {"title": title, "summary": summary, "body": body, "blocks": blocks}
