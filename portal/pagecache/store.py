"""Whole public pages kept in the Django cache (Redis in production), and purged by path.

A page is stored under its origin, path and query string, together with the two generation tokens that were current
when its rendering began: one for the whole site and one for its path. A lookup reads the entry and both current
tokens in one round trip and serves the entry only if its tokens are still current. Purging a path replaces its
token, so every stored variant of it (a directory list with any filters) is stale in one write; purging everything
replaces the site's token. A page rendered while it was purged carries the old token: it is never served.
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


class Lookup:
    """One request's view of the cache: its entry's key, the tokens current when it began, and what was stored."""

    def __init__(self, origin: str, path: str, query: str):
        self.key = "page:" + _digest("\n".join([origin, path, query]))
        path_key = _path_token_key(path)
        found = _cache().get_many([self.key, SITE_GENERATION_KEY, path_key])  # one round trip
        self.tokens = (found.get(SITE_GENERATION_KEY, "-"), found.get(path_key, "-"))
        entry = found.get(self.key)
        # (tokens, status, headers, content): served only while no purge happened since it was stored.
        self.entry = entry[1:] if entry and entry[0] == self.tokens else None

    def put(self, status: int, headers: list, content: bytes, seconds: int) -> None:
        _cache().set(self.key, (self.tokens, status, headers, content), seconds)


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
