"""Referral pages: one per situation a professional meets, and a guide on raising the subject safely.

Editors change them in the Wagtail admin (snippets *Referral pages*); every text is translated into the 22
languages (translation.py). The lists (what to say, what not to do, the steps) hold one item per line. The
services come from the directory, by category; the chapters are brochure pages, by slug.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from content.models import TRANSLATION_STATES
from portal.directory.taxonomy import CATEGORY_CHOICES
from portal.translations.forms import TranslatedUnitForm
from portal.translations.models import minor_edit_field

KINDS = [("situation", "A situation"), ("guide", "Guide for professionals")]
NEUTRAL_SHARE_TEXT = "Useful information"
RESERVED_SLUGS = {"side-by-side", "card", "interpreter", "handout", "questionnaire"}


class ReferralPage(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    # The seed file's name for the page, so that load_content finds it again after an editor renames it.
    seed_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)
    kind = models.CharField(max_length=10, choices=KINDS, default="situation")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    say = models.TextField("what to say", blank=True, help_text="One sentence per line.")
    avoid = models.TextField("what not to do", blank=True, help_text="One item per line.")
    steps = models.TextField("steps", blank=True, help_text="One step per line.")
    share_title = models.CharField(
        max_length=100,
        blank=True,
        help_text="What a messaging app shows when the link is shared. Must say nothing about the subject.",
    )
    share_description = models.CharField(max_length=200, blank=True, help_text="Neutral as well.")
    translation_state = models.CharField(max_length=12, choices=TRANSLATION_STATES, blank=True)
    minor_edit = minor_edit_field()
    service_categories = ArrayField(models.CharField(max_length=20, choices=CATEGORY_CHOICES), default=list, blank=True)
    chapters = ArrayField(models.SlugField(), default=list, blank=True, help_text="Brochure chapters, by slug")

    base_form_class = TranslatedUnitForm
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("position"),
        FieldPanel("summary"),
        FieldPanel("say"),
        FieldPanel("avoid"),
        FieldPanel("steps"),
        FieldPanel("service_categories"),
        FieldPanel("chapters"),
        MultiFieldPanel([FieldPanel("share_title"), FieldPanel("share_description")], heading="When shared"),
        FieldPanel("minor_edit"),
        FieldPanel("translation_state"),
    ]

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self):
        return self.title

    def clean(self):
        from content import chapters as brochure

        if self.slug in RESERVED_SLUGS or brochure.live_chapter(slug=self.slug) is not None:
            raise ValidationError({"slug": "This address is already used by the site or a chapter."})
