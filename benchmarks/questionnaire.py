"""Questionnaire step speed: the budget is at most 5 SQL queries and under 20 ms per step.

    .venv/bin/python -m benchmarks.questionnaire     (uses DATABASE_URL or the embedded server; reads only)

Each case is a real POST through Django's test client (middleware, view, template), run 100 times after a warm-up;
beside them, the `SELECT 1` round trip and a brochure chapter page, to compare within one run.
"""

import gzip
import os
import statistics

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks import timing  # noqa: E402
from portal.questionnaire import tree as tree_module  # noqa: E402
from portal.questionnaire import validation  # noqa: E402
from portal.questionnaire.walk import paths  # noqa: E402

RUNS = 100


def timed(function, runs=RUNS) -> list[float]:
    return timing.timed(function, runs, warm_up=True)


def row(label, times, queries, content: bytes):
    p95 = statistics.quantiles(times, n=20)[-1]
    sizes = f"{len(content) / 1024:.1f} KB | {len(gzip.compress(content)) / 1024:.1f} KB"
    print(f"| {label} | {queries} | {sizes} | {statistics.median(times):.1f} | {p95:.1f} |")


def main():
    client = Client(HTTP_HOST="localhost")
    tree = tree_module.load()
    steps = next(path.steps for path in paths(tree) if path.outcome == "belgian")
    version = tree.version

    def form(answers, **extra):
        return {"answer": [f"{q}={c}" for q, c in answers], "v": version, **extra}

    cases = [
        ("en: first question (GET)", "get", "/en/questionnaire/", None),
        ("en: question 5 (POST)", "post", "/en/questionnaire/", form(steps[:4], step=steps[3][0])),
        ("en: outcome, 10 answers (POST)", "post", "/en/questionnaire/", form(steps)),
        ("ar: outcome, 10 answers (POST)", "post", "/ar/questionnaire/", form(steps)),
        ("nl: question 8 (POST)", "post", "/nl/questionnaire/", form(steps[:7], step=steps[6][0])),
        ("tampered answers (POST, 400)", "post", "/en/questionnaire/", form(steps[:3]) | {"answer": ["x=y"] * 60}),
        ("reference: chapter page", "get", "/en/residence-card/", None),
    ]
    with connection.cursor() as cursor:
        round_trip = timed(lambda: cursor.execute("SELECT 1"))
    print(f"SELECT 1 round trip p50 {statistics.median(round_trip):.2f} ms\n")
    print("| case | SQL queries | HTML | gzip | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, method, url, data in cases:
        call = (
            (lambda url=url: client.get(url))
            if method == "get"
            else (lambda url=url, data=data: client.post(url, data))
        )
        call()  # warm: a process reads the tree once per language, then only when it changes
        executed = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, seen=executed: seen.append(sql) or execute(sql, *args)
        ):
            response = call()
        row(label, timed(call), len(executed), response.content)
    print()
    print("| tree work (no HTTP) | runs | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for label, function, runs in (
        ("load the tree (3 queries)", lambda: tree_module.load(with_outcomes=False), RUNS),
        (f"enumerate every path ({sum(1 for _ in paths(tree))})", lambda: list(paths(tree)), 20),
        ("validate the whole tree (admin save)", lambda: validation.check(tree_module.load()), 20),
    ):
        times = timed(function, runs)
        print(f"| {label} | {runs} | {statistics.median(times):.1f} | {statistics.quantiles(times, n=20)[-1]:.1f} |")


if __name__ == "__main__":
    main()
