from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.directory import admin_views
from portal.directory.models import Location, Organization, Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "help"
    menu_label = "Services"
    list_display = ["name", "organization", "verified", "assured_date", "national_line", "status"]
    list_filter = ["verified", "status"]
    search_fields = None


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "website"]
    search_fields = None


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = "Places"
    list_display = ["name", "postal_code", "city", "area"]
    search_fields = None


class DirectoryGroup(SnippetViewSetGroup):
    items = (ServiceViewSet, OrganizationViewSet, LocationViewSet)
    menu_icon = "help"
    menu_label = "Help services"
    menu_name = "directory"

    def get_submenu_items(self):
        return super().get_submenu_items() + [
            MenuItem("To check (12 months)", reverse("directory_to_check"), icon_name="warning", order=900),
        ]


register_snippet(DirectoryGroup)


@hooks.register("register_admin_urls")
def directory_admin_urls():
    return [path("directory/to-check/", admin_views.to_check, name="directory_to_check")]
