"""Per-address rate limits for the public endpoints that do work (questionnaire steps, search), with django-ratelimit.
The rates are read at each request, so settings (and tests) can change them."""

from django.conf import settings
from django.shortcuts import render


def rate(name):
    def current(group, request):
        return settings.PORTAL_RATE_LIMITS[name]

    return current


def client_address(group, request):
    """The client's address: REMOTE_ADDR, or the first X-Forwarded-For hop when a trusted proxy (nginx) sets it."""
    if settings.PORTAL_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def too_many_requests(request, exception=None):
    """The 429 page, in the reader's language, with the emergency numbers like every page."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response
