"""Writing the index. The tsvector is computed by PostgreSQL with each row's own configuration."""

from django.db import connection, transaction

from portal import languages
from portal.search.models import SearchEntry
from portal.search.providers import Document, registered

# Languages without a PostgreSQL stemmer are indexed with `simple` and unaccent, so "e" finds "é".
DOCUMENT_SQL = """
UPDATE portal_search_searchentry SET document =
    setweight(to_tsvector(config::regconfig, CASE WHEN config = 'simple' THEN unaccent(title) ELSE title END), 'A')
 || setweight(to_tsvector(config::regconfig, CASE WHEN config = 'simple' THEN unaccent(body) ELSE body END), 'B')
WHERE id = ANY(%s)
"""


def _entry(document: Document) -> SearchEntry:
    return SearchEntry(
        kind=document.kind,
        key=document.key,
        language=document.language,
        config=languages.get(document.language).search_config,
        title=document.title,
        body=document.body,
        url=document.url,
        text=f"{document.title}\n{document.body}",
    )


def _write(entries: list[SearchEntry]) -> int:
    created = SearchEntry.objects.bulk_create(entries)
    with connection.cursor() as cursor:
        cursor.execute(DOCUMENT_SQL, [[entry.pk for entry in created]])
    return len(created)


@transaction.atomic
def reindex(kind: str, keys: list[str]) -> int:
    """Replace the rows of these items (all their languages) with what the provider says now."""
    keys = [str(key) for key in keys]
    SearchEntry.objects.filter(kind=kind, key__in=keys).delete()
    provider = registered().get(kind)
    if provider is None:
        return 0
    return _write([_entry(document) for document in provider(keys)])


@transaction.atomic
def rebuild() -> int:
    """Empty the index and fill it again from every provider."""
    SearchEntry.objects.all().delete()
    return sum(_write([_entry(document) for document in provider(None)]) for provider in registered().values())
