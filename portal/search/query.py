"""Reading the index: full text first, substrings only when needed (at most two SQL queries), own language first."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal import languages

MAX_LENGTH = 200
LIMIT = 10
START, STOP = "\u27e6", "\u27e7"  # highlight markers that cannot come from our plain-text bodies' HTML escaping
# Scripts written without spaces between words: a word is found as a substring, not as a token.
UNSPACED = ("CJK", "THAI", "HIRAGANA", "KATAKANA")
UNSPACED_LANGUAGES = [language.code for language in languages.LANGUAGES if language.script in ("Hans", "Thai")]

# Full text: one branch per text-search configuration, each with a constant tsquery so that the GIN index serves it.
FTS_BRANCH = """
    SELECT id, language, title, url, config,
           ts_rank_cd(document, websearch_to_tsquery(%(config_{n})s::regconfig, {terms})) AS rank
    FROM portal_search_searchentry
    WHERE config = %(config_{n})s AND document @@ websearch_to_tsquery(%(config_{n})s::regconfig, {terms})"""
CONFIGS = sorted({language.search_config for language in languages.LANGUAGES})
FTS_SQL = """
WITH matches AS ({branches}),
found AS (
    SELECT id, language, title, url, config, rank,
           COALESCE(array_position(%(order)s::text[], language::text), 99) AS priority
    FROM matches
    ORDER BY priority, rank DESC, title
    LIMIT %(limit)s
)
SELECT found.language, found.title, found.url,
       ts_headline(found.config::regconfig, entry.body,
                   websearch_to_tsquery(found.config::regconfig,
                                        CASE WHEN found.config = 'simple' THEN unaccent(%(query)s) ELSE %(query)s END),
                   %(headline)s),
       ''
FROM found JOIN portal_search_searchentry entry ON entry.id = found.id
ORDER BY found.priority, found.rank DESC, found.title
""".format(  # noqa: S608 (built from our own constants, never from input)
    branches="\n    UNION ALL".join(
        # Languages without a stemmer are indexed unaccented (see indexing.py), so their query is too.
        FTS_BRANCH.format(n=n, terms="unaccent(%(query)s)" if config == "simple" else "%(query)s")
        for n, config in enumerate(CONFIGS)
    )
)

# Substrings find words inside compounds (verblijfskaart) and in scripts without spaces (居留); typos are forgiven in
# titles. Only the reader's languages are searched this way, which keeps the trigram rechecks few.
SUBSTRING_SQL = """
SELECT language, title, url, NULL, body
FROM portal_search_searchentry
WHERE language = ANY(%(languages)s) AND (text ILIKE %(like)s OR (%(fuzzy)s AND %(query)s <%% title))
ORDER BY COALESCE(array_position(%(languages)s::text[], language::text), 99), title ILIKE %(like)s DESC, title
LIMIT %(limit)s
"""


@dataclass
class Result:
    language: languages.Language
    title: str
    url: str
    snippet: SafeString


@dataclass
class Outcome:
    query: str
    problem: str = ""  # "empty", "too-long" or "no-words": the page explains it
    results: list = field(default_factory=list)
    other_languages: bool = False  # nothing in the reader's language: results come from other languages


def clean(raw: str) -> tuple[str, str]:
    """The query as we search it, and a problem name if there is nothing sensible to search."""
    text = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in raw)  # controls, NUL
    text = " ".join(text.split())
    if not text:
        return "", "empty"
    if len(text) > MAX_LENGTH:
        return text[:MAX_LENGTH], "too-long"
    if not any(char.isalnum() for char in text):
        return text, "no-words"
    return text, ""


def _unspaced(text: str) -> bool:
    return any(unicodedata.name(char, "").startswith(UNSPACED) for char in text)


def _snippet(body: str, query: str, headline: str | None) -> SafeString:
    if headline:
        html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(html)  # noqa: S308 (escaped above; only our own <mark> added)
    position = body.lower().find(query.lower())
    if position < 0:
        return mark_safe(escape(body[:160]) + ("…" if len(body) > 160 else ""))  # noqa: S308
    start = max(0, position - 60)
    end = position + len(query)
    before, found, after = body[start:position], body[position:end], body[end : end + 100]
    return mark_safe(  # noqa: S308 (every part escaped)
        ("…" if start else "") + escape(before) + "<mark>" + escape(found) + "</mark>" + escape(after) + "…"
    )


def search(raw: str, language_code: str) -> Outcome:
    query, problem = clean(raw)
    if problem in ("empty", "no-words"):
        return Outcome(query=query, problem=problem)
    order = list(languages.chain(language_code))
    parameters = {
        "query": query,
        "order": order,
        "limit": LIMIT,
        "headline": f"MaxFragments=1, MaxWords=28, MinWords=12, StartSel={START}, StopSel={STOP}",
    }
    parameters.update({f"config_{number}": config for number, config in enumerate(CONFIGS)})
    with connection.cursor() as cursor:
        cursor.execute(FTS_SQL, parameters)
        rows = cursor.fetchall()
        # Scripts without spaces always need the substring search: a word is rarely a token of its own there.
        if _unspaced(query) or (len(query) >= 3 and not any(row[0] == language_code for row in rows)):
            cursor.execute(
                SUBSTRING_SQL,
                {
                    "query": query,
                    "like": "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%",
                    "fuzzy": len(query) >= 4,
                    "languages": order
                    + [code for code in UNSPACED_LANGUAGES if _unspaced(query) and code not in order],
                    "limit": LIMIT,
                },
            )
            rows = cursor.fetchall() + rows
    by_url = {}
    for row in rows:  # one row per URL, the first one kept
        by_url.setdefault(row[2], row)
    rows = list(by_url.values())
    own = [row for row in rows if row[0] == language_code]
    chosen = own or rows
    results = [
        Result(languages.get(code), title, url, _snippet(body, query, headline))
        for code, title, url, headline, body in chosen[:LIMIT]
    ]
    return Outcome(query=query, problem=problem, results=results, other_languages=bool(rows) and not own)
