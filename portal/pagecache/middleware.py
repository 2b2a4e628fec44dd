"""Serve anonymous readers' GETs from the page cache, before sessions, authentication or the database are touched.

Placed right after SecurityMiddleware, so a stored response already carries every header the inner middleware
added (the content security policy, Content-Language, no-referrer) and a cached page needs no SQL at all: it is
still served while the database is down.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from portal.pagecache import store
from portal.safety.middleware import ADMIN_PREFIXES

KEPT_HEADERS_EXCLUDED = {"set-cookie", "x-cache", "date"}


def _eligible(request) -> bool:
    # A request with any cookie is an editor (or a test of the uncached path): readers never get one from us.
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")  # HEAD: monitors see what readers get, also with the database down
        and not request.META.get("HTTP_COOKIE")
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(ADMIN_PREFIXES)
        and not getattr(request, "is_dummy", False)  # Wagtail's preview: a draft at the page's own address
    )


def _only_parameters(query: str, allowed: frozenset) -> bool:
    return all(name in allowed for name, _ in parse_qsl(query, keep_blank_values=True))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        origin, path, query = (
            f"{request.scheme}://{request.get_host()}",
            request.path_info,
            request.META.get("QUERY_STRING", ""),
        )
        lookup = store.Lookup(origin, path, query)
        if lookup.entry is not None:
            status, headers, content = lookup.entry
            response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        policy = getattr(response, "page_cache", None)
        if (
            policy
            and request.method == "GET"
            and _only_parameters(query, policy[1])
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            seconds = policy[0]
            # nginx or a CDN may keep it briefly too; browsers check again each time.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=min(seconds, settings.PAGE_CACHE_SHARED_SECONDS)
            )
            headers = [
                (name, value) for name, value in response.headers.items() if name.lower() not in KEPT_HEADERS_EXCLUDED
            ]
            lookup.put(response.status_code, headers, response.content, seconds)
            response.headers["X-Cache"] = "miss"
        return response
