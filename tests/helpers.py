"""Small tools the tests share: reading pages as a person would, checking scripts, posting admin forms."""

import unicodedata
from html.parser import HTMLParser

from django.urls import reverse

# Ten answers that lead to an outcome: walked by the questionnaire's browser test and weighed by the page-weight test.
OUTCOME_ANSWERS = [
    ("danger", "no"),
    ("own_eu", "no"),
    ("sponsor", "belgian"),
    ("procedure", "temporary"),
    ("years", "less_5"),
    ("special", "none"),
    ("living", "left"),
    ("violence", "bodily"),
    ("told_dvz", "no"),
    ("children", "yes"),
]

SCRIPT_NAMES = {
    "Latn": ("LATIN",),
    "Arab": ("ARABIC",),
    "Ethi": ("ETHIOPIC",),
    "Cyrl": ("CYRILLIC",),
    "Deva": ("DEVANAGARI",),
    "Thai": ("THAI",),
    "Hans": ("CJK UNIFIED IDEOGRAPH",),
}


def script_share(text: str, script: str) -> float:
    """Share of the letters in `text` that belong to `script` (digits and punctuation do not count)."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    prefixes = SCRIPT_NAMES[script]
    hits = sum(1 for char in letters if unicodedata.name(char, "").startswith(prefixes))
    return hits / len(letters)


class _TextByLanguage(HTMLParser):
    """Collects visible text, skipping elements marked with another language than the page's."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "use"}

    def __init__(self, page_language):
        super().__init__()
        self.stack = [page_language]
        self.skip_depth = 0
        self.parts = []
        self.foreign = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        language = dict(attrs).get("lang", self.stack[-1])
        self.stack.append(language)
        if tag in ("script", "style", "title", "svg"):
            self.skip_depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID or len(self.stack) <= 1:
            return
        self.stack.pop()
        if tag in ("script", "style", "title", "svg") and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.skip_depth or not data.strip():
            return
        (self.parts if self.stack[-1] == self.stack[0] else self.foreign).append(data.strip())


def text_in_page_language(html: str, page_language: str) -> str:
    """The visible text of a page that is in the page's own language (foreign-marked parts left out)."""
    parser = _TextByLanguage(page_language)
    parser.feed(html)
    return " ".join(parser.parts)


# --- Wagtail admin forms -------------------------------------------------------------------------------------


def form_data(form) -> dict:
    """What the browser would post for an unchanged admin form (fields, inline formsets, management forms)."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if (
            isinstance(value, bool) or field.widget.input_type == "checkbox"
            if hasattr(field.widget, "input_type")
            else False
        ):
            if value:
                data[form.add_prefix(name)] = "on"
            continue
        if value is None:
            continue
        data[form.add_prefix(name)] = value
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for child in formset.forms:
            data.update(form_data(child))
    return data


def edit(client, instance, change=None):
    viewset = type(instance).snippet_viewset
    form_class = viewset.get_edit_handler().get_form_class()
    data = form_data(form_class(instance=instance, for_user=client.user))
    if change:
        change(data)
    return client.post(reverse(viewset.get_url_name("edit"), args=[instance.pk]), data)


def errors_of(response):
    return response.content.decode() if response.status_code == 200 else ""


def stream_form_data(block, value, prefix) -> dict:
    """A StreamField value as the admin's editor posts it (the field names Wagtail's blocks read back)."""
    from wagtail import blocks

    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for index, child in enumerate(value):
            item = f"{prefix}-{index}"
            data.update({f"{item}-type": child.block_type, f"{item}-order": str(index), f"{item}-deleted": ""})
            data[f"{item}-id"] = child.id or ""
            data.update(stream_form_data(child.block, child.value, f"{item}-value"))
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(stream_form_data(child_block, value[name], f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks)
        data = {f"{prefix}-count": str(len(items))}
        for index, item in enumerate(items):
            entry = f"{prefix}-{index}"
            data.update({f"{entry}-deleted": "", f"{entry}-order": str(index), f"{entry}-id": item.id or ""})
            data.update(stream_form_data(block.child_block, item.value, f"{entry}-value"))
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    shown = block.field.widget.format_value(block.value_for_form(value))
    if isinstance(shown, list):  # a select's value: one choice
        shown = shown[0] if shown else ""
    return {prefix: shown or ""}


def page_form(page, user, data=None):
    """The admin's edit form of a page, unbound or bound to `data`."""
    form_class = type(page).get_edit_handler().get_form_class()
    return form_class(data, instance=page, for_user=user, parent_page=page.get_parent())


def page_form_data(page, user) -> dict:
    """What the browser posts for an unchanged page edit form, StreamFields included."""
    from wagtail.fields import StreamField

    data = form_data(page_form(page, user))
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField) and field.name in data:
            del data[field.name]
            data.update(stream_form_data(field.stream_block, getattr(page, field.name), field.name))
    return data
