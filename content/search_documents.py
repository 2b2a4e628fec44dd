"""What the brochure gives the public search: each live chapter, once per language that has its own text."""

from django.utils.html import strip_tags
from modeltranslation.utils import build_localized_fieldname

from portal import languages
from portal.search.providers import Document


def _plain(value) -> list[str]:
    """Every piece of text in a block's raw value (nested dicts and lists), without HTML."""
    if isinstance(value, str):
        return [strip_tags(value)]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in ("id", "type") for text in _plain(item)]
    if isinstance(value, list):
        return [text for item in value for text in _plain(item)]
    return []


def chapter_documents(keys=None):
    from content.models import ChapterPage

    pages = ChapterPage.objects.live().public()
    if keys is not None:
        pages = pages.filter(pk__in=[int(key) for key in keys if str(key).isdigit()])
    for page in pages:
        for language in languages.LANGUAGES:
            title = getattr(page, build_localized_fieldname("title", language.code)) or ""
            body = getattr(page, build_localized_fieldname("body", language.code))
            if not title.strip() or not body:  # a fallback is found in its own language's row
                continue
            summary = getattr(page, build_localized_fieldname("summary", language.code)) or ""
            text = "\n".join(part for part in [summary, *_plain(list(body.raw_data))] if part.strip())
            yield Document("page", str(page.pk), language.code, title, text, f"/{language.code}/{page.slug}/")
