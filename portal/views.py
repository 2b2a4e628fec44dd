import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from portal import languages
from portal.safety.exit_address import quick_exit_url


@require_GET
@vary_on_headers("Accept-Language")
def language_chooser(request):
    """`/`: the 22 languages by native name. Suggests the browser's language; never redirects, no cookie."""
    suggested = languages.best_match(request.headers.get("Accept-Language", ""))
    return render(
        request,
        "portal/language_chooser.html",
        {
            "languages": languages.LANGUAGES,
            "suggested": languages.get(suggested) if suggested else None,
        },
    )


def page_not_found(request, exception=None):
    """404 in the chooser's style: when the prefix is not one of ours, offer the 22 languages."""
    code = languages.path_language(request.path_info)
    with translation.override(code or languages.DEFAULT):
        body = loader.render_to_string(
            "404.html",
            {"languages": languages.LANGUAGES, "known_language": bool(code)},
            request,
        )
    return HttpResponse(body, status=404)


def _error(request, status, heading, template="error.html", extra=None):
    """A readable error page in the reader's language (from the URL prefix), never a bare status line. No context
    processors and no database: it must render when those fail."""
    code = languages.path_language(getattr(request, "path_info", "") or "") or languages.DEFAULT
    language = languages.get(code)
    with translation.override(code):
        context = {"current_language": language, "heading": heading(), **(extra or {})}
        body = loader.render_to_string(template, context)
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    return _error(
        request, 400, lambda: gettext("This request could not be read. Go back, or start again from the start page.")
    )


def permission_denied(request, exception=None):
    return _error(request, 403, lambda: gettext("Access refused"))


def server_error(request):
    # No template context processors, no database: this must render when everything else fails.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    body = loader.get_template("500.html").render({"languages": languages.LANGUAGES})
    return HttpResponse(body, status=500)


def database_unavailable(request):
    """503 when the database does not answer, with the quick exit and the numbers that always work. The next
    request tries the database again, so the site recovers by itself when it comes back."""
    response = _error(
        request,
        503,
        lambda: gettext("This page cannot be shown right now. Try again in a few minutes."),
        "503.html",
        {"quick_exit_url": quick_exit_url()},
    )
    response["Retry-After"] = "60"
    return response


@require_GET
def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /admin/\nSitemap: /sitemap.xml\n", content_type="text/plain")
