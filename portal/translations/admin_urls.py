"""The Translations section of the admin (mounted at /admin/translations/ by wagtail_hooks)."""

from django.urls import path

from portal.translations import dashboard_views, editor_languages, import_views

urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("language/<str:code>/", dashboard_views.language, name="language"),
    *dashboard_views.action_urlpatterns,
    path("my-languages/", editor_languages.my_languages, name="my_languages"),
    path("import/", import_views.upload, name="import"),
    *import_views.extra_urlpatterns,
]
