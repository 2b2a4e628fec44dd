"""Soak test: a steady load for 10 minutes, looking for errors, slow drift and leaks. `make soak`.

    .venv/bin/python -m benchmarks.soak      (SOAK_SECONDS, default 600; SOAK_RATE requests/s)

Starts Redis and the portal under gunicorn with production settings (2 × cores + 1 workers and no --max-requests:
recycling workers would hide a leak), then sends requests at a constant rate, open loop: request i is due at
i / rate seconds whether or not earlier ones have been answered, and its latency counts from when it was due, so a
server that falls behind shows it. The rate is SOAK_RATE, else half of the uncached chapter's capacity measured with
wrk for 10 s first. The mix: 70% chapters (every chapter, several languages, with a Cookie so the page cache steps
aside), 20% directory lists (filters, languages, also uncached), 10% questionnaire (start and first steps).

Prints per minute: requests, 5xx, other failures, p50/p95, and the workers' memory (VmRSS); then PASS or FAIL against
no 5xx, p95 of the last minute at most 20% above the first, and the workers' memory growing under 10% from the first
to the last minute. Exits 1 on FAIL. Uses DATABASE_URL, else the embedded server; migrated and seeded (`make soak`).
"""

import dataclasses
import datetime
import http.client
import itertools
import math
import os
import random
import statistics
import sys
import threading
import time
from urllib.parse import urlencode

from benchmarks import load, stack

LANGUAGES = ("nl", "fr", "en", "ar", "ti", "uk", "zh-hans", "tr")
DIRECTORY_QUERIES = (
    {"category": "shelter", "postcode": "1000"},
    {},
    {"area": "BE-VAN"},
    {"category": "legal-aid", "language": "ar"},
    {"postcode": "9000", "attributes": "free"},
    {"category": "helpline"},
    {"area": "BE-WHT", "open_now": "on"},
    {"category": "psychological", "page": "2"},
)
MIX = (("chapter", 70), ("directory", 20), ("questionnaire", 10))
THREADS = 64  # in flight at most; at half capacity a handful are busy, the rest wait for their due time
LATE_MS = 50  # a request sent this much after its due time means the generator could not keep up
MEMORY_EVERY = 5  # seconds between memory samples
P95_DRIFT = 0.20
MEMORY_GROWTH = 0.10


@dataclasses.dataclass(frozen=True)
class Request:
    kind: str
    path: str
    method: str = "GET"
    body: str = ""
    headers: tuple = ()


@dataclasses.dataclass(frozen=True)
class Sample:
    due: float  # seconds from the start
    kind: str
    status: int  # 0: no answer (connection error or timeout)
    latency_ms: float  # from the due time to the end of the response
    late: bool


def requests_by_kind(port: int) -> dict[str, list[Request]]:
    bypass = tuple(load.BYPASS.items())
    chapters = [
        Request("chapter", f"/{code}/{slug}/", headers=bypass) for code in LANGUAGES for slug in stack.chapter_slugs()
    ]
    directory = [
        Request("directory", f"/{code}/help/" + (f"?{urlencode(query)}" if query else ""), headers=bypass)
        for code in ("nl", "fr", "en", "ar")
        for query in DIRECTORY_QUERIES
    ]
    questionnaire = []
    for code in ("nl", "fr", "en", "ar"):
        questionnaire.append(Request("questionnaire", f"/{code}/questionnaire/"))
        for body, _answer in load.first_steps(port, code):
            questionnaire.append(Request("questionnaire", f"/{code}/questionnaire/", "POST", body))
    return {"chapter": chapters, "directory": directory, "questionnaire": questionnaire}


def plan(by_kind: dict[str, list[Request]], count: int, seed: int = 2026) -> list[Request]:
    """A fixed, shuffled sequence in the MIX proportions (the same every run)."""
    rng = random.Random(seed)  # noqa: S311  (a load mix, not a secret)
    kinds = rng.choices([kind for kind, _weight in MIX], weights=[weight for _kind, weight in MIX], k=count)
    return [rng.choice(by_kind[kind]) for kind in kinds]


def check_all(port: int, by_kind: dict[str, list[Request]]) -> None:
    """Every URL of the mix answers 200 before the soak starts (a 404 would make the soak measure nothing)."""
    connection = http.client.HTTPConnection(stack.HOST, port, timeout=30)
    try:
        for request in itertools.chain.from_iterable(by_kind.values()):
            status = send(connection, request)
            if status != 200:
                raise stack.StackError(f"{request.method} {request.path} answered {status}")
    finally:
        connection.close()


def send(connection: http.client.HTTPConnection, request: Request) -> int:
    headers = dict(request.headers)
    body = request.body.encode() if request.body else None
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(request.method, request.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        connection.close()  # the next request opens a new connection
        return 0


def generate(port: int, requests: list[Request], rate: float, seconds: float, stop: threading.Event, on_wait=None):
    """Send `requests` in turn at `rate` per second for `seconds`, open loop; returns the samples.

    `on_wait(elapsed)` is called about once a second from this thread while the workers run (memory sampling).
    """
    total = int(rate * seconds)
    start = time.monotonic() + 0.5
    counter = itertools.count()
    lock = threading.Lock()
    samples: list[Sample] = []

    def worker():
        connection = http.client.HTTPConnection(stack.HOST, port, timeout=30)
        try:
            while not stop.is_set():
                with lock:
                    index = next(counter)
                if index >= total:
                    return
                due = start + index / rate
                if stop.wait(max(0.0, due - time.monotonic())):
                    return
                late = (time.monotonic() - due) * 1000 > LATE_MS
                request = requests[index % len(requests)]
                status = send(connection, request)
                samples.append(Sample(due - start, request.kind, status, (time.monotonic() - due) * 1000, late))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        while any(thread.is_alive() for thread in threads):
            threads[0].join(timeout=1)  # bounded: every request has a 30 s timeout
            if on_wait is not None:
                on_wait(time.monotonic() - start)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
    return samples


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


@dataclasses.dataclass
class Minute:
    number: int
    samples: list
    memory: dict  # pid -> KB at the last sample of the minute

    @property
    def latencies(self):
        return [s.latency_ms for s in self.samples if s.status]

    @property
    def server_errors(self):
        return sum(1 for s in self.samples if s.status >= 500)

    @property
    def failures(self):
        return sum(1 for s in self.samples if s.status == 0)


def measure_rate(directory, port: int) -> float:
    case = load.Case("chapter, uncached", f"/nl/{load.CHAPTER}/", headers=load.BYPASS)
    load.warm_up(port, case, times=15)
    result = load.run_wrk(directory, port, case, 10, load.CONNECTIONS)
    capacity = result["requests"] / (result["duration_us"] / 1e6)
    print(f"uncached chapter capacity: {capacity:.1f} req/s at {load.CONNECTIONS} connections; half of it", flush=True)
    return capacity / 2


def megabytes(kb: float) -> str:
    return f"{kb / 1024:.1f}"


def report(minutes: list[Minute], rate: float, seconds: int, workers: int, load_before: str) -> tuple[str, bool]:
    lines = [
        f"Soak {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: {seconds} s at {rate:.1f} requests/s "
        f"(open loop), gunicorn {workers} sync workers without --max-requests, {os.cpu_count()} CPUs "
        f"({stack.cpu_model()}), 1-minute load average {load_before} before. Mix: 70% chapters, 20% directory "
        "lists (both with a Cookie: uncached), 10% questionnaire. Latency counts from when each request was due.",
        "",
        "| minute | requests | req/s | 5xx | no answer | sent late | p50 ms | p95 ms | workers' RSS MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for minute in minutes:
        length = min(60, seconds - 60 * minute.number)
        lines.append(
            f"| {minute.number + 1} | {len(minute.samples)} | {len(minute.samples) / length:.1f} | "
            f"{minute.server_errors} | {minute.failures} | {sum(s.late for s in minute.samples)} | "
            f"{percentile(minute.latencies, 0.5):.1f} | {percentile(minute.latencies, 0.95):.1f} | "
            f"{megabytes(sum(minute.memory.values()))} |"
        )
    # A last, partial minute is shown but not compared: fewer requests make a different p95.
    full = [minute for minute in minutes if 60 * (minute.number + 1) <= seconds] or minutes
    first, last = full[0], full[-1]
    lines += [
        "",
        f"| worker | RSS MB, minute 1 | RSS MB, minute {last.number + 1} | growth |",
        "| --- | ---: | ---: | ---: |",
    ]
    for pid in sorted(set(first.memory) | set(last.memory)):
        before, after = first.memory.get(pid), last.memory.get(pid)
        growth = f"{(after - before) / before:+.1%}" if before and after else "restarted"
        lines.append(f"| {pid} | {megabytes(before or 0)} | {megabytes(after or 0)} | {growth} |")
    total_before, total_after = sum(first.memory.values()), sum(last.memory.values())
    memory_growth = (total_after - total_before) / total_before if total_before else math.inf
    lines.append(f"| all | {megabytes(total_before)} | {megabytes(total_after)} | {memory_growth:+.1%} |")

    errors = sum(m.server_errors for m in minutes)
    failures = sum(m.failures for m in minutes)
    p95_first, p95_last = percentile(first.latencies, 0.95), percentile(last.latencies, 0.95)
    drift = (p95_last - p95_first) / p95_first
    same_workers = set(first.memory) == set(last.memory)
    checks = [
        ("no 5xx and every request answered", f"{errors} 5xx, {failures} without an answer", errors + failures == 0),
        (
            f"p95 drift under {P95_DRIFT:.0%} (minute 1 → {last.number + 1})",
            f"{p95_first:.1f} → {p95_last:.1f} ms ({drift:+.1%})",
            drift < P95_DRIFT,
        ),
        (
            f"workers' memory growth under {MEMORY_GROWTH:.0%} (minute 1 → {last.number + 1}), same workers",
            f"{megabytes(total_before)} → {megabytes(total_after)} MB ({memory_growth:+.1%})"
            + ("" if same_workers else ", a worker was restarted"),
            memory_growth < MEMORY_GROWTH and same_workers,
        ),
    ]
    if len(full) < 2:
        lines += ["", "Only one minute: the first and last minute are the same, drift and growth say nothing."]
    lines += ["", "| check | measured | |", "| --- | --- | --- |"]
    lines += [f"| {check} | {value} | {'PASS' if ok else 'FAIL'} |" for check, value, ok in checks]
    passed = all(ok for _check, _value, ok in checks)
    lines += ["", "PASS" if passed else "FAIL"]
    return "\n".join(lines) + "\n", passed


def main() -> int:
    seconds = int(os.environ.get("SOAK_SECONDS", "600"))
    warm_up_seconds = int(os.environ.get("SOAK_WARMUP_SECONDS", "30"))
    workers = stack.workers_for_cores()
    load_before = stack.load_average()
    stop = threading.Event()
    try:
        with stack.stop_on_sigterm(), stack.work_dir("portal-soak-") as directory:
            database = stack.database_url()
            with stack.Redis(directory) as redis:
                environment = stack.production_environment(database, redis.url)
                stack.check_cache(environment)
                print("collecting static files…", flush=True)
                stack.collect_static(environment)
                with stack.Gunicorn(directory, environment, workers, max_requests=None) as app:
                    by_kind = requests_by_kind(app.port)
                    check_all(app.port, by_kind)
                    rate = float(os.environ.get("SOAK_RATE") or measure_rate(directory, app.port))
                    sequence = plan(by_kind, 20_000)
                    print(f"warm-up: {warm_up_seconds} s at {rate:.1f} requests/s", flush=True)
                    generate(app.port, sequence, rate, warm_up_seconds, stop)
                    stop = threading.Event()
                    count = math.ceil(seconds / 60)
                    memory: dict[int, dict] = {}  # minute -> the workers' RSS at the latest sample in that minute
                    last_sample = [-math.inf]

                    def sample_memory(elapsed):
                        if elapsed - last_sample[0] < MEMORY_EVERY:
                            return
                        last_sample[0] = elapsed
                        minute = min(count - 1, int(max(0.0, elapsed) // 60))
                        if minute not in memory and minute > 0:
                            rss = sum(memory.get(minute - 1, {}).values())
                            print(f"minute {minute}: workers' RSS {megabytes(rss)} MB", flush=True)
                        memory[minute] = app.worker_rss_kb()

                    print(f"soak: {seconds} s at {rate:.1f} requests/s", flush=True)
                    samples = generate(app.port, sequence, rate, seconds, stop, on_wait=sample_memory)
                    last_sample[0] = -math.inf
                    sample_memory(seconds - 1)  # the end of the last minute
    except stack.StackError as error:
        sys.exit(f"error: {error}")
    except KeyboardInterrupt:
        stop.set()
        sys.exit("interrupted: everything started was stopped")
    minutes = [Minute(n, [s for s in samples if int(s.due // 60) == n], memory.get(n, {})) for n in range(count)]
    text, passed = report(minutes, rate, seconds, workers, load_before)
    print()
    print(text)
    median = statistics.median(s.latency_ms for s in samples) if samples else math.nan
    print(f"all {len(samples)} requests: p50 {median:.1f} ms")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
