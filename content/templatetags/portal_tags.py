from django import template
from django.utils.html import format_html

from content import official_terms as official_terms_module
from portal.i18n import translated_field

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, instance, field):
    """`{% translated page "summary" as summary %}`: the text in the reader's language or its fallback."""
    return translated_field(instance, field, context.get("current_language").code)


@register.simple_tag
def icon(name, css_class="icon"):
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="/static/img/icons.svg#{}"></use></svg>',
        css_class,
        name,
    )


@register.filter
def official_terms(html, language_code):
    """Marks the Dutch and French official terms in a body of another language with their own `lang`."""
    return official_terms_module.mark(html, language_code)


@register.simple_tag
def lang_attrs(item):
    """` lang=".." dir=".."` for a text shown in a fallback language (a `Translated`), else nothing."""
    if getattr(item, "is_fallback", False):
        return format_html(' lang="{}" dir="{}"', item.language.code, item.language.direction)
    return ""
