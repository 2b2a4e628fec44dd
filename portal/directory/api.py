"""Read-only HSDS 3.0 API at /hsds/ (the OpenAPI in hsds/openapi.json.gz): services, organizations,
service_at_locations and the taxonomy, paged as HSDS says, text in `?lang=` (default English).

Nothing here writes, sets a cookie or needs a session; bad parameters get a 400 with a JSON message.
"""

import datetime
import functools
import math
import uuid

from django.db.models import Q
from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET
from modeltranslation.utils import build_localized_fieldname

from portal import languages
from portal.directory import areas, interchange, queries, taxonomy
from portal.directory.models import Organization, ServiceAtLocation

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
ONE_TO_MANY = ("phones", "schedules", "service_areas", "service_at_locations", "languages", "contacts", "attributes")


class BadParameter(Exception):
    pass


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data, no credentials involved
    return response


def _problem(message):
    return _json({"error": message}, status=400)


def _int(request, name, default, low, high):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    if len(raw) > 9 or not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise BadParameter(f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _bool(request, name):
    raw = request.GET.get(name, "false").lower()
    if raw not in ("true", "false", "1", "0"):
        raise BadParameter(f"{name} must be true or false")
    return raw in ("true", "1")


def _uuid(raw, name):
    try:
        return uuid.UUID(raw)
    except (ValueError, AttributeError, TypeError):
        raise BadParameter(f"{name} must be a UUID") from None


def _moment(raw):
    try:
        moment = parse_datetime(raw) if len(raw) < 40 else None
        if moment is None:
            moment = datetime.datetime.combine(datetime.date.fromisoformat(raw), datetime.time())
    except ValueError:
        raise BadParameter("modified_after must be a date or date-time (ISO 8601)") from None
    return moment


def _lang(request):
    code = request.GET.get("lang", languages.DEFAULT)
    if code not in languages.BY_CODE:
        raise BadParameter(f"lang must be one of {', '.join(languages.CODES)}")
    return code


def _paged(request, items, render):
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    page = _int(request, "page", 1, 1, 1_000_000)
    total = items.count()
    pages = max(1, math.ceil(total / per_page))
    contents = [render(item) for item in items[(page - 1) * per_page : page * per_page]]
    return _json(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def _answer(view):
    @require_GET
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameter as problem:
            return _problem(str(problem))

    return wrapped


@_answer
def root(request):
    return _json(
        {
            "version": "3.0",
            "profile": request.build_absolute_uri("/hsds/profile"),
            "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
        }
    )


@_answer
def profile(request):
    """What this API adds to HSDS 3.0: the taxonomies, area codes and the translations extension."""
    return _json(
        {
            "description": interchange.__doc__.strip(),
            "taxonomies": {
                taxonomy.CATEGORY_TAXONOMY: list(taxonomy.CATEGORIES),
                taxonomy.ATTRIBUTE_TAXONOMY: list(taxonomy.ATTRIBUTES),
                taxonomy.PLACEMENT_TAXONOMY: ["national-line"],
                taxonomy.PROVENANCE_TAXONOMY: ["source", "unverified"],
            },
            "service_area_codes": list(areas.AREAS),
            "languages": list(languages.CODES),
        }
    )


def _service_filters(request):
    queryset = queries.active()
    if request.GET.get("search"):
        words = request.GET["search"][:200]
        if "\x00" in words:
            raise BadParameter("search must be text")
        lang = _lang(request)
        queryset = queryset.filter(
            Q(**{build_localized_fieldname("name", lang) + "__icontains": words})
            | Q(**{build_localized_fieldname("description", lang) + "__icontains": words})
        )
    if request.GET.get("organization_id"):
        queryset = queryset.filter(organization__hsds_id=_uuid(request.GET["organization_id"], "organization_id"))
    if request.GET.get("taxonomy_term_id"):
        term = _uuid(request.GET["taxonomy_term_id"], "taxonomy_term_id")
        categories = [
            key for key in taxonomy.CATEGORIES if interchange.term_id(taxonomy.CATEGORY_TAXONOMY, key) == term
        ]
        attributes = [
            key for key in taxonomy.ATTRIBUTES if interchange.term_id(taxonomy.ATTRIBUTE_TAXONOMY, key) == term
        ]
        if not categories and not attributes:
            raise BadParameter("taxonomy_term_id is not a term of this directory (see /hsds/taxonomy_terms)")
        queryset = (
            queryset.filter(categories__contains=categories)
            if categories
            else queryset.filter(attributes__contains=attributes)
        )
    if request.GET.get("modified_after"):
        moment = _moment(request.GET["modified_after"])
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)
        queryset = queryset.filter(last_modified__gte=moment)
    return queryset.order_by("pk")


@_answer
def services(request):
    lang, full, minimal = _lang(request), _bool(request, "full"), _bool(request, "minimal")
    queryset = queries.with_details(_service_filters(request))
    if minimal:
        return _paged(
            request,
            queryset,
            lambda service: {
                "id": str(service.hsds_id),
                "last_modified": interchange.timestamp(service.last_modified),
            },
        )

    def render(service):
        record = interchange.service_record(service, lang, with_translations=False)
        return record if full else {key: value for key, value in record.items() if key not in ONE_TO_MANY}

    return _paged(request, queryset, render)


@_answer
def service(request, hsds_id):
    found = queries.with_details(queries.active()).filter(hsds_id=hsds_id).first()
    if found is None:
        return _json({"error": "no such service"}, status=404)
    return _json(interchange.service_record(found, _lang(request), with_translations=False))


@_answer
def organizations(request):
    lang = _lang(request)
    return _paged(
        request,
        Organization.objects.order_by("pk"),
        lambda item: interchange.organization_record(item, lang, with_translations=False),
    )


@_answer
def organization(request, hsds_id):
    found = Organization.objects.filter(hsds_id=hsds_id).first()
    if found is None:
        return _json({"error": "no such organization"}, status=404)
    record = interchange.organization_record(found, _lang(request), with_translations=False)
    record["services"] = [
        {"id": str(item.hsds_id), "name": item.name} for item in found.services.filter(status="active")
    ]
    return _json(record)


def _service_at_location_record(link, lang, full):
    record = {
        "id": str(link.hsds_id),
        "service_id": str(link.service.hsds_id),
        "location_id": str(link.location.hsds_id),
        "location": interchange.location_record(link.location),
    }
    if full:
        record["service"] = interchange.service_record(link.service, lang, with_translations=False)
    return record


def _links():
    return ServiceAtLocation.objects.filter(service__status="active").select_related(
        "location", "location__organization", "service", "service__organization"
    )


@_answer
def service_at_locations(request):
    lang, full = _lang(request), _bool(request, "full")
    queryset = _links()
    postcode = request.GET.get("postcode", "")
    if postcode:
        area = areas.for_postcode(postcode[:10])
        if area is None:
            raise BadParameter("postcode must be a Belgian postcode (4 digits, 1000–9999)")
        queryset = queryset.filter(service__areas__overlap=areas.matching(area.code))
    if request.GET.get("organization_id"):
        queryset = queryset.filter(
            service__organization__hsds_id=_uuid(request.GET["organization_id"], "organization_id")
        )
    if full:
        queryset = queryset.prefetch_related(
            *[f"service__{name}" for name in ("phones", "schedules", "languages", "contacts")],
            "service__service_at_locations__location",
        )
    return _paged(request, queryset.order_by("pk"), lambda link: _service_at_location_record(link, lang, full))


@_answer
def service_at_location(request, hsds_id):
    found = _links().filter(hsds_id=hsds_id).first()
    if found is None:
        return _json({"error": "no such service_at_location"}, status=404)
    return _json(_service_at_location_record(found, _lang(request), full=True))


@_answer
def taxonomy_terms(request):
    terms = [
        interchange.term(taxonomy.CATEGORY_TAXONOMY, key, str(label)) for key, label in taxonomy.CATEGORIES.items()
    ]
    terms += [
        interchange.term(taxonomy.ATTRIBUTE_TAXONOMY, key, str(label)) for key, label in taxonomy.ATTRIBUTES.items()
    ]
    return _json(
        {
            "total_items": len(terms),
            "total_pages": 1,
            "page_number": 1,
            "size": len(terms),
            "first_page": True,
            "last_page": True,
            "empty": not terms,
            "contents": terms,
        }
    )
