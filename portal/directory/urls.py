from django.urls import path

from portal.directory import views

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<uuid:hsds_id>/", views.service_detail, name="directory_service"),
]
