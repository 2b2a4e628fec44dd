"""HSDS 3.0 JSON in and out: the only way records enter in bulk (import_hsds, load_content) and leave
(export_hsds, the /hsds/ API).

Belgium profile on top of HSDS 3.0:
- categories, reader attributes, the national-line position and provenance are `attributes` whose
  `taxonomy_term.taxonomy` is one of taxonomy.py's *_TAXONOMY names and whose `code` is a key;
- `service_areas[].name` is an ISO 3166-2:BE code from areas.py (BE for all of Belgium);
- schedules are WEEKLY with BYDAY, times in Europe/Brussels;
- the main text fields are English; `translations` on a service, organization, phone, schedule or
  language holds the other languages: {"nl": {"description": "..."}, ...}.

An import checks every record first and writes in one transaction: one problem anywhere and nothing is
written. Records are matched by HSDS id, so importing the same file twice changes nothing.
"""

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from modeltranslation.utils import build_localized_fieldname

from portal import languages
from portal.directory import schema, taxonomy
from portal.directory.areas import AREAS
from portal.directory.models import (
    DAYS,
    DAYS_BY_CODE,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
)
from portal.directory.translation import SERVICE_TEXTS

MAX_RECORDS = 5000
MAX_BYTES = 50 * 1024 * 1024
TIME = re.compile(r"^([01]\d|2[0-3]|24(?=:00)):([0-5]\d)(:[0-5]\d)?$")
SERVICE_FIELDS = ("eligibility_description", "application_process", "fees_description", "alert")
CHILD_TEXTS = {  # the translated fields of each kind of record
    "service": SERVICE_TEXTS,
    "organization": ("description",),
    "phone": ("description",),
    "schedule": ("description",),
    "language": ("note",),
}


class ImportRefused(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was written; first: {problems[0] if problems else None}")


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # newer in the database than in the file (load_content only)
    ids: list = field(default_factory=list)

    def __str__(self):
        return f"{self.created} services created, {self.updated} updated, {self.unchanged} unchanged" + (
            f", {self.kept} kept because editors changed them after the file" if self.kept else ""
        )


# --- reading -----------------------------------------------------------------------------------------


def parse_file(raw: bytes | str) -> list:
    """The service records of an HSDS JSON file: a list of services, or a paged answer with `contents`."""
    if len(raw) > MAX_BYTES:
        raise ImportRefused([f"file: larger than {MAX_BYTES // 1024 // 1024} MB"])
    try:
        data = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRefused([f"file: not valid JSON ({error})"]) from None
    except RecursionError:
        raise ImportRefused(["file: nested too deeply to be HSDS"]) from None
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if not isinstance(data, list):
        raise ImportRefused(["file: expected a JSON list of HSDS services (or an object with `contents`)"])
    if len(data) > MAX_RECORDS:
        raise ImportRefused([f"file: {len(data)} records, more than the {MAX_RECORDS} one import accepts"])
    return data


def _no_constants(name):
    raise ValueError(f"{name} is not a number JSON allows")


def _text_problems(value, where) -> list[str]:
    """NUL characters anywhere (PostgreSQL cannot store them in text)."""
    if isinstance(value, str):
        return [f"{where}: contains a NUL character"] if "\x00" in value else []
    if isinstance(value, dict):
        return [problem for key, item in value.items() for problem in _text_problems(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [problem for index, item in enumerate(value) for problem in _text_problems(item, f"{where}.{index}")]
    return []


def _parse_time(value, where, problems):
    if value in (None, ""):
        return None
    match = TIME.match(str(value))
    if not match:
        problems.append(f"{where}: '{value}' is not a time (HH:MM)")
        return None
    return datetime.time(int(match[1]) % 24, int(match[2]))  # 24:00, the end of a day, is 00:00


def _parse_date(value, where, problems):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: '{value}' is not a date (YYYY-MM-DD)")
        return None


def _translations(record, kind, where, problems) -> dict:
    """{code: {field: text}} from the profile's `translations`, checked."""
    value = record.get("translations") or {}
    if not isinstance(value, dict):
        problems.append(f"{where}.translations: must be an object keyed by language code")
        return {}
    allowed = CHILD_TEXTS[kind]
    out = {}
    for code, texts in value.items():
        if code not in languages.BY_CODE:
            problems.append(f"{where}.translations: unknown language '{code}'")
            continue
        if not isinstance(texts, dict):
            problems.append(f"{where}.translations.{code}: must be an object of texts")
            continue
        for name, text in texts.items():
            if name not in allowed:
                problems.append(f"{where}.translations.{code}.{name}: not a translated field ({', '.join(allowed)})")
            elif not isinstance(text, str):
                problems.append(f"{where}.translations.{code}.{name}: must be text")
        out[code] = {name: text for name, text in texts.items() if name in allowed and isinstance(text, str)}
    return out


def _attributes(record, where, problems) -> dict:
    found = {"categories": [], "attributes": [], "national_line": None, "source": "", "verified": True}
    for index, attribute in enumerate(record.get("attributes") or []):
        term_data = attribute.get("taxonomy_term") or {}
        code, kind, here = term_data.get("code"), term_data.get("taxonomy"), f"{where}.attributes.{index}"
        if kind == taxonomy.CATEGORY_TAXONOMY:
            if code not in taxonomy.CATEGORIES:
                problems.append(f"{here}: unknown category '{code}' (known: {', '.join(taxonomy.CATEGORIES)})")
            elif code not in found["categories"]:
                found["categories"].append(code)
        elif kind == taxonomy.ATTRIBUTE_TAXONOMY:
            if code not in taxonomy.ATTRIBUTES:
                problems.append(f"{here}: unknown attribute '{code}' (known: {', '.join(taxonomy.ATTRIBUTES)})")
            elif code not in found["attributes"]:
                found["attributes"].append(code)
        elif kind == taxonomy.PLACEMENT_TAXONOMY and code == "national-line":
            value = str(attribute.get("value", ""))
            if not (value.isascii() and value.isdigit() and len(value) <= 3 and int(value) > 0):
                problems.append(f"{here}: national-line needs a position from 1 to 999 as its value")
            else:
                found["national_line"] = int(value)
        elif kind == taxonomy.PROVENANCE_TAXONOMY and code == "source":
            found["source"] = str(attribute.get("value") or "")
        elif kind == taxonomy.PROVENANCE_TAXONOMY and code == "unverified":
            found["verified"] = False
        else:
            problems.append(f"{here}: unknown taxonomy term '{kind}/{code}'")
    if not found["categories"]:
        problems.append(f"{where}.attributes: at least one category ({taxonomy.CATEGORY_TAXONOMY}) is needed")
    if not found["source"]:
        problems.append(f"{where}.attributes: a source ({taxonomy.PROVENANCE_TAXONOMY}/source) is needed")
    return found


def _location(record, where, problems) -> dict:
    addresses = record.get("addresses") or []
    address = next(
        (item for item in addresses if item.get("address_type") == "physical"), addresses[0] if addresses else {}
    )
    postal_code, area = str(address.get("postal_code") or ""), address.get("state_province") or ""
    if postal_code and not re.fullmatch(r"\d{4}", postal_code):
        problems.append(f"{where}.addresses: '{postal_code}' is not a Belgian postcode (4 digits)")
    if area and area not in AREAS:
        problems.append(f"{where}.addresses: state_province '{area}' is not a Belgian province code")
    accessibility = " ".join(str(item.get("description") or "") for item in record.get("accessibility") or [])
    latitude, longitude = record.get("latitude"), record.get("longitude")
    if (latitude is None) != (longitude is None):
        problems.append(f"{where}: latitude and longitude go together")
    elif latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        problems.append(f"{where}: latitude or longitude out of range")
    return {
        "hsds_id": record["id"],
        "name": record.get("name") or address.get("city") or "",
        "address_1": address.get("address_1") or "",
        "city": address.get("city") or "",
        "postal_code": postal_code,
        "area": area,
        "latitude": latitude,
        "longitude": longitude,
        "accessibility": accessibility.strip(),
        "organization_id": record.get("organization_id"),
    }


def _schedule(record, where, problems) -> dict:
    opens, closes = (_parse_time(record.get(name), f"{where}.{name}", problems) for name in ("opens_at", "closes_at"))
    if (opens is None) != (closes is None):
        problems.append(f"{where}: opens_at and closes_at go together")
    days = []
    if opens is not None:
        if record.get("freq") not in ("WEEKLY", None):
            problems.append(f"{where}.freq: only WEEKLY opening hours are supported")
        for code in str(record.get("byday") or ",".join(DAYS)).split(","):
            code = code.strip().upper()
            if code not in DAYS_BY_CODE:
                problems.append(f"{where}.byday: '{code}' is not a day (MO … SU)")
            elif DAYS_BY_CODE[code] not in days:
                days.append(DAYS_BY_CODE[code])
    elif not record.get("description"):
        problems.append(f"{where}: a schedule needs opening times or a description")
    valid_from = _parse_date(record.get("valid_from"), f"{where}.valid_from", problems)
    valid_to = _parse_date(record.get("valid_to"), f"{where}.valid_to", problems)
    if valid_from and valid_to and valid_to < valid_from:
        problems.append(f"{where}: valid_to is before valid_from")
    return {
        "hsds_id": record["id"],
        "days": sorted(days),
        "opens_at": opens,
        "closes_at": closes,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "description": record.get("description") or "",
        "translations": _translations(record, "schedule", where, problems),
    }


def _language_code(record, where, problems):
    code = str(record.get("code") or "").lower()
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", code):
        problems.append(f"{where}.code: '{record.get('code')}' is not an ISO 639 language code")
    return "zh-hans" if code == "zh" else code


def check_service(record, index, seen_ids) -> tuple[dict | None, list[str]]:
    """One HSDS service → plain values for the models, and every problem found in it."""
    if not isinstance(record, dict):
        return None, [f"record #{index + 1}: not an object"]
    where = f"service {record.get('id') or '#' + str(index + 1)}"
    problems = [f"{where}: {problem}" for problem in schema.errors("service", record)] or _text_problems(record, where)
    if problems:
        return None, problems
    for child in [record, record.get("organization") or {}] + [
        item
        for name in ("phones", "schedules", "languages", "service_at_locations", "contacts", "service_areas")
        for item in record.get(name) or []
    ]:
        if child.get("id") and child["id"] in seen_ids and child is not record.get("organization"):
            problems.append(f"{where}: id {child['id']} appears more than once in the file")
        seen_ids.add(child.get("id"))
    organization = record.get("organization")
    if organization and record.get("organization_id") and record["organization_id"] != organization.get("id"):
        problems.append(f"{where}.organization_id: differs from organization.id")
    if not organization:
        problems.append(f"{where}.organization: the organization object is needed")
        organization = {"id": record.get("organization_id"), "name": "", "description": ""}
    found = _attributes(record, where, problems)
    areas = []
    for item in record.get("service_areas") or []:
        if item.get("name") not in AREAS:
            problems.append(f"{where}.service_areas: '{item.get('name')}' is not an area code ({', '.join(AREAS)})")
        elif item["name"] not in areas:
            areas.append(item["name"])
    if record.get("status") not in ("active", "inactive", "defunct", "temporarily closed"):
        problems.append(f"{where}.status: unknown status")
    try:
        modified = parse_datetime(record["last_modified"]) if record.get("last_modified") else None
    except ValueError:
        modified = None
    values = {
        "hsds_id": record["id"],
        "organization": {
            "hsds_id": organization.get("id"),
            "name": organization.get("name") or "",
            "description": organization.get("description") or "",
            "website": organization.get("website") or "",
            "email": organization.get("email") or "",
            "translations": _translations(organization, "organization", f"{where}.organization", problems),
        },
        "name": record["name"],
        "description": record.get("description") or "",
        **{name: record.get(name) or "" for name in SERVICE_FIELDS},
        "url": record.get("url") or "",
        "email": record.get("email") or "",
        "status": record.get("status"),
        "categories": found["categories"],
        "attributes": found["attributes"],
        "areas": areas or ["BE"],
        "national_line": found["national_line"],
        "verified": found["verified"],
        "source": found["source"],
        "assured_date": _parse_date(record.get("assured_date"), f"{where}.assured_date", problems),
        "assurer_email": record.get("assurer_email") or "",
        "last_modified": modified if modified and modified.tzinfo else None,
        "translations": _translations(record, "service", where, problems),
        "phones": [
            {
                "hsds_id": phone["id"],
                "number": phone["number"],
                "type": phone.get("type") or "voice",
                "description": phone.get("description") or "",
                "languages": [
                    _language_code(item, f"{where}.phones.{position}.languages", problems)
                    for item in phone.get("languages") or []
                ],
                "translations": _translations(phone, "phone", f"{where}.phones.{position}", problems),
            }
            for position, phone in enumerate(record.get("phones") or [])
        ],
        "schedules": [
            _schedule(item, f"{where}.schedules.{position}", problems)
            for position, item in enumerate(record.get("schedules") or [])
        ],
        "languages": [
            {
                "hsds_id": item["id"],
                "code": _language_code(item, f"{where}.languages.{position}", problems),
                "note": item.get("note") or "",
                "translations": _translations(item, "language", f"{where}.languages.{position}", problems),
            }
            for position, item in enumerate(record.get("languages") or [])
        ],
        "locations": [],
        "contacts": [
            {
                "hsds_id": item["id"],
                "name": item.get("name") or "",
                "title": item.get("title") or "",
                "email": item.get("email") or "",
            }
            for item in record.get("contacts") or []
        ],
    }
    for position, link in enumerate(record.get("service_at_locations") or []):
        location = link.get("location")
        if not location:
            problems.append(f"{where}.service_at_locations.{position}: the location object is needed")
            continue
        values["locations"].append(
            {
                "hsds_id": link["id"],
                "location": _location(location, f"{where}.service_at_locations.{position}.location", problems),
            }
        )
    if values["last_modified"] is None and record.get("last_modified"):
        problems.append(f"{where}.last_modified: needs a valid date, time and time zone")
    if not problems:
        problems += _model_problems(values, where)
    return values, problems


def _model_problems(values, where) -> list[str]:
    """What the models themselves refuse (lengths, phone numbers, codes), found before anything is written."""
    organization = values["organization"]
    checks = [
        (
            f"{where}.organization",
            Organization(name=organization["name"], website=organization["website"], email=organization["email"]),
        )
    ]
    service = Service(**{name: values[name] for name in SCALARS})
    _set_texts(service, values, "service")  # by language column: the active language must not matter
    checks.append((where, service))
    children = _build_children(values, None)
    checks += [
        (f"{where}.{name}.{position}", item) for name, items in children.items() for position, item in enumerate(items)
    ]
    checks += [
        (f"{where}.service_at_locations.{position}.location", _location_instance(item["location"]))
        for position, item in enumerate(values["locations"])
    ]
    problems = []
    for label, instance in checks:
        try:
            instance.full_clean(exclude=["service", "organization", "location"], validate_unique=False)
        except ValidationError as error:
            problems += [f"{label}.{name}: {'; '.join(messages)}" for name, messages in error.message_dict.items()]
    return problems


# --- writing -----------------------------------------------------------------------------------------


def _set_texts(instance, values, kind):
    """English from the main fields; other languages from `translations`, leaving absent ones as they are."""
    for name in CHILD_TEXTS[kind]:
        if name in values:
            setattr(instance, build_localized_fieldname(name, languages.DEFAULT), values[name])
    for code, texts in values.get("translations", {}).items():
        for name, text in texts.items():
            setattr(instance, build_localized_fieldname(name, code), text)


def _snapshot(instance, names) -> dict:
    return {name: getattr(instance, name) for name in names}


def _translated_names(kind):
    return [build_localized_fieldname(name, code) for name in CHILD_TEXTS[kind] for code in languages.CODES]


CHILD_FIELDS = {
    "phones": ("hsds_id", "number", "type", "languages", *_translated_names("phone")),
    "schedules": ("hsds_id", "days", "opens_at", "closes_at", "valid_from", "valid_to", *_translated_names("schedule")),
    "languages": ("hsds_id", "code", *_translated_names("language")),
    "service_at_locations": ("hsds_id", "location_id"),
    "contacts": ("hsds_id", "name", "title", "email"),
}
LOCATION_FIELDS = ("name", "address_1", "city", "postal_code", "area", "latitude", "longitude", "accessibility")
SCALARS = (
    "url",
    "email",
    "status",
    "categories",
    "attributes",
    "areas",
    "national_line",
    "verified",
    "source",
    "assured_date",
    "assurer_email",
)


def _build(model, item, names, kind=None):
    instance = model(**{name: item[name] for name in names})
    if kind:
        _set_texts(instance, item, kind)
    return instance


def _location_instance(values) -> Location:
    location = Location.objects.filter(hsds_id=values["hsds_id"]).first() or Location(hsds_id=values["hsds_id"])
    for name in LOCATION_FIELDS:
        setattr(location, name, values[name])
    return location


def _build_children(values, organization, changes=None, keep_existing=False) -> dict:
    """The rows an import would write below a service, unsaved. Locations are shared between services: they are
    written here, unless `changes` is None (checking only)."""
    return {
        "phones": [
            _build(Phone, item, ("hsds_id", "number", "type", "languages"), "phone") for item in values["phones"]
        ],
        "schedules": [
            _build(Schedule, item, ("hsds_id", "days", "opens_at", "closes_at", "valid_from", "valid_to"), "schedule")
            for item in values["schedules"]
        ],
        "languages": [_build(ServiceLanguage, item, ("hsds_id", "code"), "language") for item in values["languages"]],
        "service_at_locations": [
            ServiceAtLocation(
                hsds_id=item["hsds_id"],
                location=_write_location(item["location"], organization, changes, keep_existing),
            )
            for item in values["locations"]
        ]
        if changes is not None
        else [],
        "contacts": [_build(Contact, item, ("hsds_id", "name", "title", "email")) for item in values["contacts"]],
    }


def _rows(children: dict) -> dict:
    return {
        name: [tuple(str(getattr(item, field)) for field in CHILD_FIELDS[name]) for item in items]
        for name, items in children.items()
    }


def _save_if_changed(instance, before, changes) -> object:
    """Full-clean and save a new or changed instance (`before`: its snapshot before the change); note it in
    `changes` so that the service it belongs to counts as updated."""
    if instance.pk is None or before != _snapshot(instance, before):
        instance.full_clean()
        instance.save()
        changes.append(instance)
    return instance


def _write_location(values, organization, changes, keep_existing=False) -> Location:
    location = Location.objects.filter(hsds_id=values["hsds_id"]).first()
    if location and keep_existing:
        return location
    location = location or Location(hsds_id=values["hsds_id"])
    before = _snapshot(location, LOCATION_FIELDS + ("organization_id",))
    for name in LOCATION_FIELDS:
        setattr(location, name, values[name])
    location.organization = organization
    return _save_if_changed(location, before, changes)


def _write_organization(values, changes, keep_existing=False) -> Organization:
    organization = Organization.objects.filter(hsds_id=values["hsds_id"]).first()
    if organization and keep_existing:
        return organization
    organization = organization or Organization(hsds_id=values["hsds_id"])
    before = _snapshot(organization, ["name", "website", "email", *_translated_names("organization")])
    organization.name, organization.website, organization.email = values["name"], values["website"], values["email"]
    _set_texts(organization, values, "organization")
    return _save_if_changed(organization, before, changes)


def _write_service(values, report, keep_newer):
    service = Service.objects.filter(hsds_id=values["hsds_id"]).first()
    if service and keep_newer and values["last_modified"] and service.last_modified > values["last_modified"]:
        report.kept += 1
        return
    # Editors' changes to shared organisations and places are kept by load_content (keep_newer), as services are.
    related_changes = []
    organization = _write_organization(values["organization"], related_changes, keep_existing=keep_newer)
    created = service is None
    service = service or Service(hsds_id=values["hsds_id"])
    names = ["organization_id", *SCALARS, *_translated_names("service")]
    before = None if created else _snapshot(service, names)
    old_rows = None if created else _rows({name: list(getattr(service, name).all()) for name in CHILD_FIELDS})
    service.organization = organization
    for name in SCALARS:
        setattr(service, name, values[name])
    _set_texts(service, values, "service")
    children = _build_children(values, organization, related_changes, keep_existing=keep_newer)
    unchanged = _snapshot(service, names) == before and _rows(children) == old_rows and not related_changes
    if not created and unchanged:
        report.unchanged += 1
        return
    service.last_modified = values["last_modified"] or timezone.now()
    if not created and related_changes:  # its organisation or a place changed: the service as published did too
        service.last_modified = timezone.now()
    service.full_clean()
    service.save(touch=False)
    for name, items in children.items():
        getattr(service, name).all().delete()
        for position, item in enumerate(items):
            item.service, item.sort_order = service, position
            item.full_clean()
            item.save()
    report.ids.append(str(service.hsds_id))
    if created:
        report.created += 1
    else:
        report.updated += 1


def import_records(records: list, *, keep_newer=False) -> Report:
    """Check every record, then write them all in one transaction, or raise ImportRefused and write nothing."""
    with translation.override(languages.DEFAULT):  # untranslated field names then mean English, as in the file
        return _import(records, keep_newer)


def _import(records, keep_newer) -> Report:
    checked, problems, seen = [], [], set()
    for index, record in enumerate(records):
        values, found = check_service(record, index, seen)
        problems += found
        if values:
            checked.append(values)
    if problems:
        raise ImportRefused(problems)
    report = Report()
    with transaction.atomic():
        for values in checked:
            try:
                _write_service(values, report, keep_newer)
            except ValidationError as error:
                problems += [
                    f"service {values['hsds_id']}: {name}: {'; '.join(messages)}"
                    for name, messages in error.message_dict.items()
                ]
        if problems:
            raise ImportRefused(problems)  # rolls back what this import wrote
    if report.created or report.updated:
        from portal.directory.signals import directory_changed

        directory_changed.send(sender=Service, ids=report.ids)
    return report


# --- writing HSDS ------------------------------------------------------------------------------------


def _texts(instance, kind, lang, with_translations) -> dict:
    """Main text fields in `lang` (along its fallback chain), plus `translations` for every other language."""
    from portal.i18n import translated_field

    out = {}
    for name in CHILD_TEXTS[kind]:
        if name == "translation_state":
            continue
        value = translated_field(instance, name, lang).value
        if value:
            out[name] = value
    if with_translations:
        translations = {}
        for code in languages.CODES:
            if code == lang:
                continue
            texts = {
                name: getattr(instance, build_localized_fieldname(name, code))
                for name in CHILD_TEXTS[kind]
                if getattr(instance, build_localized_fieldname(name, code), "")
            }
            if texts:
                translations[code] = texts
        if translations:
            out["translations"] = translations
    return out


def term_id(taxonomy_name, code) -> uuid.UUID:
    """Stable id of a taxonomy term, the same in every export and API answer."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:be-portal:{taxonomy_name}/{code}")


def term(taxonomy_name, code, description=""):
    return {
        "id": str(term_id(taxonomy_name, code)),
        "code": code,
        "name": code,
        "description": description or code,
        "taxonomy": taxonomy_name,
    }


def _attribute(service, taxonomy_name, code, value=None):
    term_record = term(taxonomy_name, code)
    attribute = {
        "id": str(uuid.uuid5(service.hsds_id, f"{taxonomy_name}/{code}")),
        "link_id": str(service.hsds_id),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term_record["id"],
        "taxonomy_term": term_record,
    }
    if value is not None:
        attribute["value"] = str(value)
    return attribute


def _language_record(item_id, code, owner_field, owner_id, extra=None) -> dict:
    from django.conf.locale import LANG_INFO

    hsds_code = "zh" if code == "zh-hans" else code
    record = {"id": str(item_id), owner_field: str(owner_id), "code": hsds_code}
    name = LANG_INFO.get(code, {}).get("name")
    if name:
        record["name"] = name
    return record | (extra or {})


def location_record(location) -> dict:
    record = {"id": str(location.hsds_id), "location_type": "physical", "name": location.name}
    if location.organization_id:
        record["organization_id"] = str(location.organization.hsds_id)
    if location.latitude is not None:
        record["latitude"], record["longitude"] = location.latitude, location.longitude
    if location.address_1 or location.city:
        record["addresses"] = [
            {
                "id": str(uuid.uuid5(location.hsds_id, "address")),
                "location_id": str(location.hsds_id),
                "address_1": location.address_1,
                "city": location.city,
                "state_province": location.area,
                "postal_code": location.postal_code,
                "country": "BE",
                "address_type": "physical",
            }
        ]
    if location.accessibility:
        record["accessibility"] = [
            {
                "id": str(uuid.uuid5(location.hsds_id, "accessibility")),
                "location_id": str(location.hsds_id),
                "description": location.accessibility,
            }
        ]
    return record


def organization_record(organization, lang=languages.DEFAULT, with_translations=True) -> dict:
    record = {"id": str(organization.hsds_id), "name": organization.name, "description": ""}
    record |= _texts(organization, "organization", lang, with_translations)
    for name in ("website", "email"):
        if getattr(organization, name):
            record[name] = getattr(organization, name)
    return record


def timestamp(moment) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def service_record(service, lang=languages.DEFAULT, with_translations=True) -> dict:
    """One service as HSDS 3.0 (compiled service schema), with its organization, places, phones and hours.
    Expects the relations prefetched (queries.with_details)."""
    sid = str(service.hsds_id)
    record = {
        "id": sid,
        "organization_id": str(service.organization.hsds_id),
        "name": service.name,
        "status": service.status,
        "last_modified": timestamp(service.last_modified),
    }
    record |= _texts(service, "service", lang, with_translations)
    for name in ("url", "email", "assurer_email"):
        if getattr(service, name):
            record[name] = getattr(service, name)
    if service.assured_date:
        record["assured_date"] = service.assured_date.isoformat()
    record["organization"] = organization_record(service.organization, lang, with_translations)
    record["phones"] = [
        {
            "id": str(phone.hsds_id),
            "service_id": sid,
            "number": phone.number,
            "type": phone.type,
            "languages": [
                _language_record(uuid.uuid5(phone.hsds_id, code), code, "phone_id", phone.hsds_id)
                for code in phone.languages
            ],
        }
        | _texts(phone, "phone", lang, with_translations)
        for phone in service.phones.all()
    ]
    record["schedules"] = []
    for schedule in service.schedules.all():
        item = {"id": str(schedule.hsds_id), "service_id": sid}
        if schedule.opens_at is not None:
            item |= {
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(DAYS[day] for day in schedule.days),
                "opens_at": f"{schedule.opens_at:%H:%M}",
                "closes_at": f"{schedule.closes_at:%H:%M}",
            }
        for name in ("valid_from", "valid_to"):
            if getattr(schedule, name):
                item[name] = getattr(schedule, name).isoformat()
        record["schedules"].append(item | _texts(schedule, "schedule", lang, with_translations))
    record["languages"] = [
        _language_record(item.hsds_id, item.code, "service_id", sid, _texts(item, "language", lang, with_translations))
        for item in service.languages.all()
    ]
    record["service_areas"] = [
        {
            "id": str(uuid.uuid5(service.hsds_id, f"area/{code}")),
            "service_id": sid,
            "name": code,
            "description": str(AREAS[code].name),
        }
        for code in service.areas
    ]
    record["service_at_locations"] = [
        {
            "id": str(link.hsds_id),
            "service_id": sid,
            "location_id": str(link.location.hsds_id),
            "location": location_record(link.location),
        }
        for link in service.service_at_locations.all()
    ]
    record["contacts"] = [
        {"id": str(contact.hsds_id), "service_id": sid}
        | {name: getattr(contact, name) for name in ("name", "title", "email") if getattr(contact, name)}
        for contact in service.contacts.all()
    ]
    attributes = [_attribute(service, taxonomy.CATEGORY_TAXONOMY, key) for key in service.categories]
    attributes += [_attribute(service, taxonomy.ATTRIBUTE_TAXONOMY, key) for key in service.attributes]
    if service.national_line:
        attributes.append(_attribute(service, taxonomy.PLACEMENT_TAXONOMY, "national-line", service.national_line))
    attributes.append(_attribute(service, taxonomy.PROVENANCE_TAXONOMY, "source", service.source))
    if not service.verified:
        attributes.append(_attribute(service, taxonomy.PROVENANCE_TAXONOMY, "unverified"))
    record["attributes"] = attributes
    return record


def export_records(queryset=None) -> tuple[list, list]:
    """Every service as HSDS with translations, and the schema problems of any record (none expected)."""
    from portal.directory.queries import with_details

    queryset = with_details(queryset if queryset is not None else Service.objects.all()).order_by("pk")
    records = [service_record(service) for service in queryset]
    problems = [
        f"service {record['id']}: {problem}" for record in records for problem in schema.errors("service", record)
    ]
    return records, problems
