from django.contrib import messages
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from portal import languages
from portal.translations import states, units


@hooks.register("register_admin_urls")
def translations_admin_urls():
    return [
        path("translations/", include(("portal.translations.admin_urls", "translations"), namespace="translations"))
    ]


@hooks.register("register_admin_menu_item")
def translations_menu():
    return SubmenuMenuItem(
        "Translations",
        Menu(
            items=[
                MenuItem("All languages", reverse("translations:dashboard"), icon_name="table", order=1),
                MenuItem("My languages", reverse("translations:my_languages"), icon_name="user", order=2),
                MenuItem("Import a translator's file", reverse("translations:import"), icon_name="upload", order=3),
            ]
        ),
        icon_name="globe",
        name="translations",
        order=250,
    )


def _tell_outdated(request, unit):
    """After a save or publish: which languages the change made outdated, by name, so the editor can ask for them."""
    if units.kind_of(unit) is None:
        return
    outdated = states.made_outdated(unit)
    if outdated:
        names = ", ".join(languages.get(code).english_name for code in outdated)
        messages.warning(
            request,
            f"This change to the source text made {len(outdated)} translations outdated: {names}. "
            "They are marked outdated on the Translations dashboard until they are updated or confirmed.",
        )


@hooks.register("after_publish_page")
def after_publish_page(request, page):
    _tell_outdated(request, page.specific)


@hooks.register("after_edit_snippet")
def after_edit_snippet(request, instance):
    _tell_outdated(request, instance)
