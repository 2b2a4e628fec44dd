"""Search speed with 22 languages × 500 items in the index.

    .venv/bin/python -m benchmarks.search        (uses DATABASE_URL or the embedded server; changes are rolled back)

The seeded chapters are copied until each language has 500 rows, then a query per language, a two-character
Chinese query, a typo, a query in another script and a fallback query each run 30 times. Times are wall-clock on
the machine the script runs on; compare them with the `SELECT 1` round trip printed beside them.
"""

import os
import statistics

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import timing  # noqa: E402
from content import brochure_seed  # noqa: E402
from portal import languages  # noqa: E402
from portal.search import indexing, query  # noqa: E402
from portal.search.models import SearchEntry  # noqa: E402

PER_LANGUAGE = 500
RUNS = 30


class Rollback(Exception):
    pass


def fill_index() -> int:
    indexing.rebuild()
    originals = list(SearchEntry.objects.all())
    copies = []
    for entry in originals:
        for number in range(PER_LANGUAGE // 10 - 1):
            copies.append(
                SearchEntry(
                    kind="benchmark",
                    key=f"{entry.key}-{number}",
                    language=entry.language,
                    config=entry.config,
                    title=f"{entry.title} {number}",
                    body=entry.body,
                    url=f"{entry.url}copy-{number}/",
                    text=entry.text,
                    document=entry.document,
                )
            )
    SearchEntry.objects.bulk_create(copies, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_search_searchentry")
    return SearchEntry.objects.count()


def timed(function) -> list[float]:
    return timing.timed(function, RUNS)


def main():
    seed = brochure_seed.read()
    cases = []
    for code in languages.CODES:
        title = seed.texts[code].chapters["residence-card"]["title"]
        word = {"zh-hans": "居留", "th": "บัตรพำนัก"}.get(code) or max(title.split(), key=len).strip(".,:;?!")
        cases.append((code, word, f"{code}: a word of a chapter title"))
    cases += [
        ("zh-hans", "居留", "zh-hans: two characters"),
        ("nl", "verblijfkaart", "nl: typo"),
        ("nl", "بطاقة الإقامة", "nl page, Arabic query"),
        ("ti", "residence", "ti page, English query (fallback)"),
    ]
    try:
        with transaction.atomic():
            rows = fill_index()
            with connection.cursor() as cursor:
                round_trip = timed(lambda: cursor.execute("SELECT 1"))
            print(f"index rows: {rows}; SELECT 1 round trip p50 {statistics.median(round_trip):.2f} ms\n")
            print("| case | query | results | SQL queries | p50 ms | p95 ms |")
            print("| --- | --- | ---: | ---: | ---: | ---: |")
            all_times = []
            for code, text, label in cases:
                with CaptureQueriesContext(connection) as captured:
                    outcome = query.search(text, code)
                times = timed(lambda text=text, code=code: query.search(text, code))
                all_times += times
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"| {label} | {text} | {len(outcome.results)} | {len(captured)} | "
                    f"{statistics.median(times):.1f} | {p95:.1f} |"
                )
            print(
                f"\nall searches: p50 {statistics.median(all_times):.1f} ms, "
                f"p95 {statistics.quantiles(all_times, n=20)[-1]:.1f} ms, max {max(all_times):.1f} ms"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
