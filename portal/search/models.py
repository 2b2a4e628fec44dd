from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One searchable item in one language. Written only by `portal.search.indexing`."""

    kind = models.CharField(max_length=30)  # which provider made it, e.g. "page"
    key = models.CharField(max_length=100)  # the provider's own id of the item
    language = models.CharField(max_length=10)
    config = models.CharField(max_length=30)  # PostgreSQL text-search configuration, from portal.languages
    title = models.TextField()
    body = models.TextField()
    url = models.CharField(max_length=300)
    text = models.TextField()  # title and body together, for substring and typo matching (trigram index)
    document = SearchVectorField(null=True)  # title weighted A, body B, in the language's configuration

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key", "language"], name="search_entry_unique")]
        # fastupdate off: a pending list would make every search scan the recent writes one by one.
        indexes = [
            GinIndex(fields=["document"], name="search_entry_document", fastupdate=False),
            GinIndex(fields=["text"], name="search_entry_trigram", opclasses=["gin_trgm_ops"], fastupdate=False),
            GinIndex(fields=["title"], name="search_entry_title_trigram", opclasses=["gin_trgm_ops"], fastupdate=False),
            models.Index(fields=["language"], name="search_entry_language"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.key} [{self.language}] {self.title}"
