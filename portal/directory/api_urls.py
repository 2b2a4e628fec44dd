from django.urls import path

from portal.directory import api

urlpatterns = [
    path("", api.root, name="hsds_root"),
    path("profile", api.profile, name="hsds_profile"),
    path("services", api.services, name="hsds_services"),
    path("services/<uuid:hsds_id>", api.service, name="hsds_service"),
    path("organizations", api.organizations, name="hsds_organizations"),
    path("organizations/<uuid:hsds_id>", api.organization, name="hsds_organization"),
    path("service_at_locations", api.service_at_locations, name="hsds_service_at_locations"),
    path("service_at_locations/<uuid:hsds_id>", api.service_at_location, name="hsds_service_at_location"),
    path("taxonomy_terms", api.taxonomy_terms, name="hsds_taxonomy_terms"),
]
