"""What a reader sees of a service, in her language: built once per service for the templates."""

import datetime

from django.conf.locale import LANG_INFO
from django.utils import translation

from portal import languages
from portal.directory import areas, hours, taxonomy
from portal.i18n import translated_field
from portal.translations import notices


def language_name(code: str) -> str:
    if code in languages.BY_CODE:
        return languages.BY_CODE[code].native_name
    return LANG_INFO.get(code, {}).get("name_local", code)


def cards(services) -> list[dict]:
    """The cards of a list of services, each with what its reader is told about its translation (two queries for the
    whole list: the same for 1 and 200 services)."""
    services = list(services)
    found = notices.for_readers("service", [service.pk for service in services], translation.get_language())
    return [card(service, found.get(service.pk)) for service in services]


def card(service, notice) -> dict:
    """A service with annotations from queries.annotated() and relations from queries.with_details(); `notice` from
    notices.for_readers (see cards())."""
    schedules = list(service.schedules.all())
    today = datetime.datetime.now(hours.BRUSSELS).date()
    spoken = {item.code: item for item in service.languages.all()}
    for phone in service.phones.all():
        for code in phone.languages:
            spoken.setdefault(code, None)
    return {
        "service": service,
        "name": translated_field(service, "name"),
        "description": translated_field(service, "description"),
        "eligibility": translated_field(service, "eligibility_description"),
        "how_to_apply": translated_field(service, "application_process"),
        "fees": translated_field(service, "fees_description"),
        "alert": translated_field(service, "alert"),
        "organization_description": translated_field(service.organization, "description"),
        "categories": [str(taxonomy.CATEGORIES[key]) for key in service.categories if key in taxonomy.CATEGORIES],
        "attributes": [str(taxonomy.ATTRIBUTES[key]) for key in service.attributes if key in taxonomy.ATTRIBUTES],
        "areas": ", ".join(str(areas.AREAS[code].name) for code in service.areas if code in areas.AREAS),
        "languages": [
            {"name": language_name(code), "note": translated_field(item, "note") if item else None}
            for code, item in spoken.items()
        ],
        "hours": hours.lines(schedules, today),
        "hour_notes": [note for note in (translated_field(s, "description") for s in schedules) if note],
        "is_open": getattr(service, "is_open", None),
        "has_hours": any(schedule.opens_at is not None for schedule in schedules),
        "always_open": hours.is_always_open(schedules, today),
        "phones": list(service.phones.all()),
        "places": [link.location for link in service.service_at_locations.all()],
        "needs_check": service.needs_check,
        "checked_on": service.assured_date,
        "translation_notice": notice,
        "original_url": f"/{notice.original.code}/help/{service.hsds_id}/" if notice else "",
    }
