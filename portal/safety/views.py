from django.http import HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import never_cache

from portal.safety.exit_address import quick_exit_url


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


@never_cache
def quick_exit(request):
    """The quick exit without JavaScript: 303 to a neutral site, no referrer, nothing cached."""
    response = HttpResponseSeeOther(quick_exit_url())
    response["Referrer-Policy"] = "no-referrer"
    return response


def neutral_landing(request):
    return HttpResponse(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Weather</title>"
        "<main><h1>Weather</h1><p>Cloudy, 12 degrees.</p></main></html>"
    )
