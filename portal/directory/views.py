"""`/<lang>/help/`: the national lines first, then the services that match the reader's filters."""

import datetime
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from portal.directory import areas, hours, queries
from portal.directory.cards import cards
from portal.directory.forms import FilterForm
from portal.pagecache.policy import cached_view

PAGE_SIZE = 10  # a phone screen below the national lines; each further page is one GET (same queries)


@cached_view(hours_shown=True, parameters=FilterForm.base_fields)  # "open now" changes by the minute
def directory(request):
    form = FilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters()  # only the valid ones; none for a first visit
    cleaned = getattr(form, "cleaned_data", {})
    page = queries.page_of(queries.search(**filters), cleaned.get("page") or 1, PAGE_SIZE)
    context = {
        "form": form,
        "filtered": form.is_bound and any(filters.values()),
        "national": national_cards(),
        "results": cards(page.items),
        "page": page,
        "total": page.total,
        "area": areas.AREAS.get(filters["area"]) if filters["area"] else None,
        "postcode": cleaned.get("postcode") or "",
        "page_query": _page_query(cleaned),
    }
    return render(request, "directory/list.html", context, status=200 if valid else 400)


_national_cache: dict = {}


def national_cards() -> list[dict]:
    """The national lines' cards, the same on every directory page: built once per language, per minute (their
    open/closed label) and per directory version, in this process."""
    moment = datetime.datetime.now(hours.BRUSSELS)
    key = (translation.get_language(), queries.version(), moment.strftime("%Y-%m-%dT%H:%M"))
    if key not in _national_cache:
        if len(_national_cache) > 200:
            _national_cache.clear()
        _national_cache[key] = cards(queries.national_lines(moment))
    return _national_cache[key]


@cached_view(hours_shown=True)
def service_detail(request, hsds_id):
    service = queries.for_reader(queries.annotated(queries.active())).filter(hsds_id=hsds_id).first()
    if service is None:
        raise Http404(_("This help service is not in the directory (any more)."))
    return render(request, "directory/detail.html", {"item": cards([service])[0]})


def _page_query(cleaned) -> str:
    """The valid filters as a query string without `page`, for the page links (invalid input is not echoed)."""
    pairs = []
    for name, value in cleaned.items():
        if name == "page" or value in (None, "", False, []):
            continue
        values = value if isinstance(value, list) else ["on" if value is True else value]
        pairs += [(name, item) for item in values]
    return urlencode(pairs)
