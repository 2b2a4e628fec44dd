from django.shortcuts import render
from django.utils import translation
from django_ratelimit.decorators import ratelimit

from portal.safety.rate_limits import client_address, rate
from portal.search import query


@ratelimit(key=client_address, rate=rate("search"), block=True)
def search(request):
    """`/<lang>/search/?q=…`: a GET form, so Back works; the answer is never cached and the query never kept."""
    raw = request.GET.get("q", "")
    outcome = query.search(raw, translation.get_language()) if "q" in request.GET else None
    response = render(request, "search/results.html", {"outcome": outcome, "search_query": outcome and outcome.query})
    response["Cache-Control"] = "no-store"
    return response
