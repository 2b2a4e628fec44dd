"""StreamField blocks of a brochure chapter. Each language has its own stream; the seed loader keeps
the block order and facts (phones, certainty, dates) the same in every language."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

CALLOUT_KINDS = [("warning", _("Warning")), ("tip", _("Tip")), ("emergency", _("Emergency"))]
CERTAINTY = [("clear", _("Clear")), ("contested", _("Contested")), ("unclear", _("Unclear"))]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="tip")
    title = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "content/blocks/callout.html"


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    items = blocks.ListBlock(blocks.TextBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "content/blocks/steps.html"


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=200)
    text = blocks.TextBlock(required=False)
    hours = blocks.CharBlock(max_length=200, required=False)
    phone = blocks.CharBlock(max_length=40, required=False)
    website = blocks.URLBlock(required=False)
    verified = blocks.BooleanBlock(
        required=False, default=False, help_text=_("Tick only when every detail was confirmed from a reliable source.")
    )

    class Meta:
        icon = "mobile-alt"
        template = "content/blocks/contact.html"


class LegalStatementBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    certainty = blocks.ChoiceBlock(choices=CERTAINTY)
    as_of = blocks.CharBlock(max_length=20, help_text=_("Date of the information this rests on, e.g. 2018 or 2020-05."))

    class Meta:
        icon = "doc-full"
        template = "content/blocks/legal.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "content/blocks/qa.html"


class ChapterBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="content/blocks/paragraph.html")
    callout = CalloutBlock()
    steps = StepsBlock()
    contact = ContactBlock()
    legal = LegalStatementBlock()
    qa = QuestionAnswerBlock()
