"""Redis as the Django cache, with a breaker: when Redis stops answering, this process skips it for a few seconds
instead of waiting for a time-out on every call (a page can make a dozen cache calls), and says so once in the log.

django-redis's IGNORE_EXCEPTIONS turns each failed call into a miss; the breaker makes the calls after the first
failure fail at once, so a Redis that hangs costs one time-out per RETRY_SECONDS, not one per call.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)
RETRY_SECONDS = 10.0


class _Breaker:
    def __init__(self):
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self, error) -> None:
        with self.lock:
            if not self.is_open():
                logger.warning("Redis does not answer (%s): pages are served uncached for %.0f s", error, RETRY_SECONDS)
            self.open_until = time.monotonic() + RETRY_SECONDS


breaker = _Breaker()  # one per process: every thread of a worker learns at once that Redis is away


class _GuardedClient:
    """Stands in front of django-redis's client: refuses calls while the breaker is open, trips it on a failure."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if breaker.is_open():
                raise ConnectionInterrupted(connection=None)
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                breaker.trip(error)
                raise

        return call


class ResilientRedisCache(RedisCache):
    @property
    def client(self):
        return _GuardedClient(super().client)
