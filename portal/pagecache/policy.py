"""Which responses may be kept whole, and for how long: views opt in; everything else is never stored.

Content, referral and directory pages opt in. The questionnaire, search results, previews and the admin never do:
an answer or a query must not outlive the request.
"""

import functools

from django.conf import settings


def mark(response, hours_shown: bool = False, parameters: frozenset = frozenset()):
    """Let the page cache keep this response: PAGE_CACHE_SECONDS, or PAGE_CACHE_SHORT_SECONDS when it shows opening
    hours ("open now" changes by the minute). `parameters`: the query parameters that select what is shown (a
    directory list's filters); each such query is kept apart. A request whose query names anything else is not
    kept at all: it cannot change the page, and must not fill the cache."""
    seconds = settings.PAGE_CACHE_SHORT_SECONDS if hours_shown else settings.PAGE_CACHE_SECONDS
    response.page_cache = (seconds, frozenset(parameters))
    return response


def cached_view(hours_shown: bool = False, parameters=frozenset()):
    """Decorator form of `mark` for function views."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            return mark(view(request, *args, **kwargs), hours_shown, parameters)

        return wrapper

    return decorator
