"""Which fields are translated. Only text: facts (dates, icons, sources, checks) are shared."""

from modeltranslation.translator import TranslationOptions, register

from content.models import ChapterPage, HomePage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro",)


@register(ChapterPage)
class ChapterPageTR(TranslationOptions):
    fields = ("summary", "body", "translation_state", "share_title", "share_description")
