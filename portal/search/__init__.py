"""Search in each of the 22 languages, on our own PostgreSQL index (one row per item and language).

Other apps talk to it through `portal.search.providers.register` (what to index) and `portal.search.indexing`
(`reindex`, `rebuild`); the public page is `views.search`.
"""
