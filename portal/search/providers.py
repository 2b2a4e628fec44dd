"""What the search index holds: each app registers a function that lists its searchable items."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    kind: str
    key: str
    language: str
    title: str
    body: str  # plain text
    url: str


# kind -> function(keys or None for all) -> documents; a key with no documents is removed from the index.
_PROVIDERS: dict[str, Callable[[Iterable[str] | None], Iterable[Document]]] = {}


def register(kind: str, documents: Callable[[Iterable[str] | None], Iterable[Document]]) -> None:
    _PROVIDERS[kind] = documents


def registered() -> dict:
    return dict(_PROVIDERS)
