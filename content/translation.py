"""Which fields are translated. Only text: facts (dates, icons, sources, checks) are shared."""

from modeltranslation.translator import TranslationOptions, register

from content.models import ChapterPage, HomePage
from portal.translations import units


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro",)


@register(ChapterPage)
class ChapterPageTR(TranslationOptions):
    fields = ("summary", "body", "translation_state", "share_title", "share_description")


units.register(
    units.Kind(
        "chapter",
        "Brochure chapter",
        ChapterPage,
        ("title", "summary", "body", "share_title", "share_description"),
        legal=lambda page: page.is_legal,
        queryset=lambda: ChapterPage.objects.order_by("path"),
        position=1,
    )
)
