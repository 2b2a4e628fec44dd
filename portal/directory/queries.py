"""Reading the directory: the public functions other apps and the views use."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Value, Window
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from portal import languages
from portal.directory import areas, hours
from portal.directory.models import Organization, Phone, Schedule, Service, ServiceAtLocation, ServiceLanguage


def columns(model, codes=None, prefix="") -> list[str]:
    """The fields to load: shared facts, and translations only in `codes` (all languages when None).

    A reader's page needs its language and fallbacks, not 22 columns per text: loading only those
    makes a list of 50 services several times cheaper to build.
    """
    skip = set()
    if codes is not None:
        for name in translator.get_options_for_model(model).fields:
            # The untranslated name too: modeltranslation's only() would add every language back for it.
            skip |= {name} | {build_localized_fieldname(name, code) for code in languages.CODES if code not in codes}
    return [prefix + field.name for field in model._meta.concrete_fields if field.name not in skip]


def with_details(queryset, codes=None, contacts=True):
    """Everything a service card, the API and the export show, in a fixed number of queries."""

    def only(model):
        return model.objects.only(*columns(model, codes))

    if contacts:
        queryset = queryset.prefetch_related("contacts")
    return (
        queryset.select_related("organization")
        .only(*columns(Service, codes), *columns(Organization, codes, "organization__"))
        .prefetch_related(
            Prefetch("phones", queryset=only(Phone)),
            Prefetch("schedules", queryset=only(Schedule)),
            Prefetch("languages", queryset=only(ServiceLanguage)),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location", "location__organization"),
            ),
        )
    )


def for_reader(queryset):
    """What a reader's page shows (contacts are for editors and the API), in her language and its fallbacks only."""
    from django.utils import translation

    code = translation.get_language()
    return with_details(queryset, languages.chain(code if code in languages.BY_CODE else languages.DEFAULT), False)


def annotated(queryset, moment: datetime.datetime | None = None):
    """Adds `is_open`: whether the service is open at `moment` (default now), computed by PostgreSQL."""
    return queryset.annotate(is_open=hours.open_now(moment))


def version() -> tuple:
    """Changes whenever a service is added, changed or removed: a key for caches of what readers see."""
    return tuple(Service.objects.aggregate(Max("last_modified"), Count("id")).values())


def active():
    return Service.objects.filter(status="active")


def national_lines(moment=None):
    """The lines shown first on every directory page (112, 101, 1712, 0800 30 030, …)."""
    return for_reader(annotated(active().filter(national_line__isnull=False), moment)).order_by("national_line")


def search(*, area=None, category=None, language=None, attributes=(), open_now=False, always_open=False, moment=None):
    """Active services for a reader's filters, national lines excluded (they are shown above the list)."""
    queryset = annotated(active().filter(national_line__isnull=True), moment)
    if area:
        queryset = queryset.filter(areas__overlap=areas.matching(area))
    if category:
        queryset = queryset.filter(categories__contains=[category])
    if language:
        spoken = Exists(ServiceLanguage.objects.filter(service=OuterRef("pk"), code=language))
        on_the_phone = Exists(Phone.objects.filter(service=OuterRef("pk"), languages__contains=[language]))
        queryset = queryset.filter(spoken | on_the_phone)
    if attributes:
        queryset = queryset.filter(attributes__contains=list(attributes))
    if open_now:
        queryset = queryset.filter(is_open=True)
    if always_open:
        queryset = queryset.filter(hours.always_open())
    return for_reader(queryset).order_by(by_name(), "pk")


def by_name(code=None):
    """Order by the name in the reader's language, else along its fallback chain."""
    from django.utils import translation

    code = code or translation.get_language()
    chain = languages.chain(code if code in languages.BY_CODE else languages.DEFAULT)
    names = [NullIf(build_localized_fieldname("name", candidate), Value("")) for candidate in chain]
    return Coalesce(*names, "name_en").asc()


def count_for(categories, area=None) -> int:
    """How many services help with any of `categories` (for links from the questionnaire)."""
    queryset = active().filter(categories__overlap=list(categories))
    if area:
        queryset = queryset.filter(areas__overlap=areas.matching(area))
    return queryset.count()


@dataclass
class ResultPage:
    """One page of results and the total, from a single query (COUNT(*) OVER () beside the rows)."""

    items: list
    number: int
    total: int
    size: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(queryset, number: int, size: int) -> ResultPage:
    """Page `number` of `queryset`; a number past the end gives the last page."""
    counted = queryset.annotate(found=Window(Count("pk")))
    items = list(counted[(number - 1) * size : number * size])
    if items:
        return ResultPage(items, number, items[0].found, size)
    total = queryset.count()
    last = max(1, -(-total // size))
    if number > last and total:
        return page_of(queryset, last, size)
    return ResultPage([], 1, total, size)


def by_category(categories, area=None, each=3) -> dict[str, list]:
    """For other apps (referral pages): up to `each` services per category, national lines first, in one query
    and its prefetches, in the reader's language."""
    queryset = annotated(active().filter(categories__overlap=list(categories)))
    if area:
        queryset = queryset.filter(areas__overlap=areas.matching(area))
    services = list(for_reader(queryset).order_by(F("national_line").asc(nulls_last=True), by_name(), "pk"))
    found = {category: [] for category in categories}
    for service in services:
        for category in service.categories:
            if category in found and len(found[category]) < each:
                found[category].append(service)
    return found
