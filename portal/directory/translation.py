"""Translated fields: what a reader reads. Numbers, addresses, hours and keys are shared facts."""

from modeltranslation.translator import TranslationOptions, register

from portal.directory.models import Organization, Phone, Schedule, Service, ServiceLanguage
from portal.translations import units

SERVICE_TEXTS = (
    "name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "alert",
    "translation_state",
)


@register(Organization)
class OrganizationTR(TranslationOptions):
    fields = ("description",)


@register(Service)
class ServiceTR(TranslationOptions):
    fields = SERVICE_TEXTS


@register(Phone)
class PhoneTR(TranslationOptions):
    fields = ("description",)


@register(Schedule)
class ScheduleTR(TranslationOptions):
    fields = ("description",)


@register(ServiceLanguage)
class ServiceLanguageTR(TranslationOptions):
    fields = ("note",)


units.register(
    units.Kind(
        "service",
        "Help service",
        Service,
        tuple(name for name in SERVICE_TEXTS if name != "translation_state"),
        queryset=lambda: Service.objects.order_by("name"),
        position=5,
    )
)
