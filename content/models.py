from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from content.blocks import ChapterBodyBlock
from portal.pagecache.policy import mark
from portal.translations.forms import TranslatedPageForm
from portal.translations.models import minor_edit_field

ICONS = [
    (name, name)
    for name in (
        "danger",
        "heart",
        "card",
        "door",
        "police",
        "folder",
        "child",
        "rings",
        "hands",
        "phone",
        "shield",
        "info",
    )
]

TRANSLATION_STATES = [
    ("source", _("Source text")),
    ("unreviewed", _("Translated, not yet reviewed")),
    ("reviewed", _("Reviewed")),
]


class CachedPage(Page):
    """A page readers get from the page cache: kept whole until it (or a page it shows) is published again. (A
    preview does not come through serve(), and the cache never handles Wagtail's preview requests.)"""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return mark(super().serve(request, *args, **kwargs))


class HomePage(CachedPage):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["content.ChapterPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        """A chapter in one query, without the other 20 languages' bodies and summaries: Wagtail's own routing
        reads the page, then its specific row with all 22 StreamField bodies (most of an uncached request's time)."""
        if len(path_components) != 1:
            return super().route(request, path_components)
        try:
            chapter = (
                ChapterPage.objects.child_of(self)
                .defer(*other_languages_text(("summary", "body")))
                .get(slug=path_components[0])
            )
        except ChapterPage.DoesNotExist:
            raise Http404 from None
        chapter._cached_parent_obj = self
        return chapter.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The cards show titles and summaries only: 22 languages of chapter bodies are not loaded for them.
        context["chapters"] = ChapterPage.objects.child_of(self).live().public().defer_streamfields().order_by("path")
        return context


class ChapterPage(CachedPage):
    """One chapter of the brochure, organised around one of the reader's questions."""

    summary = models.TextField(blank=True, help_text=_("One or two sentences, shown on the home page."))
    body = StreamField(ChapterBodyBlock(), blank=True)
    icon = models.CharField(max_length=20, choices=ICONS, default="info")
    translation_state = models.CharField(
        max_length=12, choices=TRANSLATION_STATES, blank=True, help_text=_("State of this language's text.")
    )
    is_legal = models.BooleanField(
        default=False, help_text=_("States the law: readers see when it was last checked by a lawyer.")
    )
    information_date = models.DateField(null=True, blank=True, help_text=_("When the information was last updated."))
    legal_checked_on = models.DateField(null=True, blank=True)
    legal_checked_by = models.CharField(max_length=200, blank=True)
    sources = models.JSONField(
        default=list,
        blank=True,
        help_text=_('Who said it and when: a list of {"title": ..., "date": ..., "lang": ...}.'),
    )
    share_title = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("What a messaging app shows when the link is shared. Must say nothing about the subject."),
    )
    share_description = models.CharField(max_length=200, blank=True, help_text=_("Neutral as well."))
    minor_edit = minor_edit_field()

    base_form_class = TranslatedPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("minor_edit"),
        FieldPanel("translation_state"),
        MultiFieldPanel([FieldPanel("share_title"), FieldPanel("share_description")], heading=_("When shared")),
        MultiFieldPanel(
            [
                FieldPanel("icon"),
                FieldPanel("is_legal"),
                FieldPanel("information_date"),
                FieldPanel("legal_checked_on"),
                FieldPanel("legal_checked_by"),
                FieldPanel("sources"),
            ],
            heading=_("Facts shared by all languages"),
        ),
    ]
    parent_page_types = ["content.HomePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from django.utils import translation

        from portal.translations import notices

        context = super().get_context(request, *args, **kwargs)
        notice = notices.for_reader(self, translation.get_language())
        context["translation_notice"] = notice
        if notice:  # the same chapter in the language it was written in (by its address: a preview has another path)
            context["original_url"] = f"/{notice.original.code}/{self.slug}/"
        context["share"] = share_texts(self)
        return context


def other_languages_text(fields) -> list[str]:
    """The columns of these translated fields that the reader's language and its fallbacks never show."""
    from django.utils import translation
    from modeltranslation.utils import build_localized_fieldname

    from portal import languages

    shown = set(languages.chain(translation.get_language() or languages.DEFAULT))
    return [build_localized_fieldname(f, code) for f in fields for code in languages.CODES if code not in shown]


def share_texts(item) -> dict:
    """The neutral wording an editor set for link previews of this page, in the reader's language (or empty: the
    site's neutral default is used)."""
    from portal.i18n import translated_field

    return {"title": translated_field(item, "share_title"), "description": translated_field(item, "share_description")}


class SeedFingerprint(models.Model):
    """What `load_content` last wrote into one field, so it can tell an editor's change from its own."""

    key = models.CharField(max_length=200, unique=True)  # e.g. "page:residence-card:body_ar"
    fingerprint = models.CharField(max_length=64)

    def __str__(self):
        return self.key
