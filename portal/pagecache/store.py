"""Whole public pages kept in the Django cache (Redis in production), and purged by path.

A page is stored under its path and query string together with two generation tokens: one for the whole site and
one for its path. Purging a path replaces its token, so every stored variant of it (a directory list with any
filters) is gone in one write; purging everything replaces the site's token. Old entries are never read again and
expire on their own.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches

SITE_GENERATION_KEY = "page:generation"
logger = logging.getLogger(__name__)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _path_token_key(path: str) -> str:
    return "page:generation:" + _digest(path)


def key_for(origin: str, path: str, query: str) -> str:
    """The key of this page under the current tokens. `origin` (scheme and host) keeps apart pages that could hold
    absolute addresses. Read once per request and used for both the lookup and the store: a purge while the page
    is being rendered then leaves what was rendered under the old token, never read again."""
    tokens = _cache().get_many([SITE_GENERATION_KEY, _path_token_key(path)])
    generations = [tokens.get(SITE_GENERATION_KEY, "-"), tokens.get(_path_token_key(path), "-")]
    return "page:" + _digest("\n".join([*generations, origin, path, query]))


def get(key: str):
    """The stored (status, headers, content) of a page, or None (also when the cache does not answer)."""
    return _cache().get(key)


def put(key: str, entry, seconds: int) -> None:
    _cache().set(key, entry, seconds)


def purge(paths) -> set[str]:
    """Forget every stored variant of these paths. Returns the set purged."""
    paths = set(paths)
    if paths:
        token = uuid.uuid4().hex
        # Longer than any page is kept, so that an evicted token cannot bring an older entry back.
        _cache().set_many({_path_token_key(path): token for path in paths}, settings.PAGE_CACHE_SECONDS * 2)
        _check_written(_path_token_key(next(iter(paths))), token)
    return paths


def purge_all() -> None:
    token = uuid.uuid4().hex
    _cache().set(SITE_GENERATION_KEY, token, None)
    _check_written(SITE_GENERATION_KEY, token)


def _check_written(key: str, token: str) -> None:
    # Cache errors are ignored so that readers are served; a purge that did not land must at least be seen.
    if _cache().get(key) != token:
        logger.error(
            "A page-cache purge did not reach the cache: pages may be stale for up to %s s.",
            settings.PAGE_CACHE_SECONDS,
        )
