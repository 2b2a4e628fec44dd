from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from portal import languages


@hooks.register("insert_editor_js")
def right_to_left_inputs():
    """Translated inputs of right-to-left languages get dir="rtl" (wagtail-modeltranslation sets none)."""
    return format_html(
        '<script src="{}" data-rtl-languages="{}" defer></script>',
        static("admin/rtl-inputs.js"),
        " ".join(code.replace("-", "_") for code in languages.rtl_codes()),
    )
