from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from portal import languages
from portal.translations import editor_languages


@hooks.register("insert_editor_js")
def right_to_left_inputs():
    """Translated inputs of right-to-left languages get dir="rtl" (wagtail-modeltranslation sets none)."""
    return format_html(
        '<script src="{}" data-rtl-languages="{}" defer></script>',
        static("admin/rtl-inputs.js"),
        " ".join(code.replace("-", "_") for code in languages.rtl_codes()),
    )


@hooks.register("register_admin_urls")
def editor_languages_urls():
    return [path("editor-languages.js", editor_languages.script, name="editor_languages_script")]


@hooks.register("insert_editor_js")
def editor_languages_first():
    """The editor's languages first and shown in the edit forms (this hook renders without the request: the
    languages come from a script of their own, read by editor-languages.js)."""
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script><link rel="stylesheet" href="{}">',
        reverse("editor_languages_script"),
        static("admin/editor-languages.js"),
        static("admin/editor-languages.css"),
    )
