"""Requests per second under load, on the production stack: `make bench` (or `.venv/bin/python -m benchmarks.load`).

Starts Redis, the portal under gunicorn with production settings (2 × cores + 1 workers) and two references for the
same chapter's HTML: nginx serving it as a static file (the physical reference) and gunicorn serving it from a bare
WSGI function (the application server's own ceiling). Warms each URL up, then runs wrk for a fixed time per case
(BENCH_SECONDS, default 10) at 4 connections and 2 threads, and prints a Markdown table with the targets of the
performance issue. BENCH_CHAPTER chooses the chapter (default residence-card, the longest). Uses DATABASE_URL, else
the embedded server; the database must be migrated and seeded (`make bench` does that first). Reads only.
`--markdown FILE` also writes the report to FILE; `--strict` exits 1 when a target is not met.

"Cached" requests carry no cookie, so the page cache may answer them; "uncached" ones send `Cookie: bench=1`,
which makes the page cache step aside, so they measure the application itself.
"""

import argparse
import contextlib
import dataclasses
import datetime
import html.parser
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from benchmarks import stack

WRK = "/usr/bin/wrk"
THREADS = 2
CONNECTIONS = 4  # the targets are "at 4 connections"
HIGH_CONNECTIONS = 16  # one more row for the cached chapter and its reference
CHAPTER = os.environ.get("BENCH_CHAPTER", "residence-card")  # the longest chapter
BYPASS = {"Cookie": "bench=1"}  # any Cookie header makes the page cache step aside
FORM = {"Content-Type": "application/x-www-form-urlencoded"}  # without it Django reads no POST fields

# Each wrk thread runs its own Lua state: response() counts in that thread's globals, and done() (run in yet another
# state) reads them back through the thread objects that setup() kept.
LUA = r"""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  server_errors = 0
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local server = 0
  for _, thread in ipairs(threads) do
    server = server + thread:get("server_errors")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "errors_5xx": %d, "errors_status": %d, "errors_socket": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, server, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclasses.dataclass
class Case:
    name: str
    path: str
    server: str = "app"  # "app": the portal; "shipped": deploy/nginx.conf in front of it; "nginx", "wsgi": references
    method: str = "GET"
    body: str = ""
    headers: dict = dataclasses.field(default_factory=dict)
    connections: int = CONNECTIONS
    expect: str = ""  # the warm-up's response must contain this (proof that the request does what it says)
    # Filled in by the run:
    cache: str = "-"  # X-Cache of the last warm-up response
    size: int = 0  # response body, bytes
    result: dict = dataclasses.field(default_factory=dict)

    @property
    def requests_per_second(self) -> float:
        return self.result["requests"] / (self.result["duration_us"] / 1e6)

    def ms(self, key: str) -> float:
        return self.result[key] / 1000


def lua_string(text: str) -> str:
    """A Lua string literal: every byte but letters and digits as a 3-digit decimal escape (a digit may follow)."""
    return '"' + "".join(chr(b) if chr(b).isalnum() else f"\\{b:03d}" for b in text.encode()) + '"'


def lua_script(case: Case) -> str:
    lines = [f"wrk.method = {lua_string(case.method)}"]
    if case.body:
        lines.append(f"wrk.body = {lua_string(case.body)}")
    for name, value in case.headers.items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    return "\n".join(lines) + "\n" + LUA


def run_wrk(directory: Path, port: int, case: Case, seconds: int, connections: int, threads: int = THREADS) -> dict:
    """wrk for `seconds` against one URL; returns what the Lua done() printed (counts and microseconds)."""
    script = directory / "case.lua"
    script.write_text(lua_script(case))
    command = [WRK, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script), f"http://{stack.HOST}:{port}{case.path}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    for line in result.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return json.loads(line.removeprefix("WRK_JSON "))
    raise stack.StackError(f"wrk printed no result for {case.path} (exit {result.returncode}):\n{result.stderr}")


def warm_up(port: int, case: Case, times: int) -> None:
    """Request the URL `times` times (every worker reads its caches, the page cache stores); all must answer 200."""
    for _ in range(times):
        body = case.body.encode() if case.body else None
        status, response_headers, content = stack.get(port, case.path, case.method, body, case.headers)
        if status != 200:
            raise stack.StackError(f"{case.method} {case.path} answered {status} during the warm-up")
    if case.expect.encode() not in content:
        raise stack.StackError(f"{case.method} {case.path} did not answer with {case.expect!r}")
    case.cache = response_headers.get("X-Cache", "-")
    if "X-Micro-Cache" in response_headers:  # deploy/nginx.conf's own cache, in front of the page cache
        case.cache = f"nginx {response_headers['X-Micro-Cache']}"
    case.size = len(content)


class QuestionForm(html.parser.HTMLParser):
    """The inputs of the questionnaire's form: hidden fields (version, step, answers so far) and the radio choices."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.hidden: list[tuple[str, str]] = []
        self.choices: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "form" and "data-questionnaire" in values:
            self.inside = True
        elif tag == "input" and self.inside:
            if values.get("type") == "hidden":
                self.hidden.append((values.get("name", ""), values.get("value", "")))
            elif values.get("type") == "radio" and values.get("name") == "answer":
                self.choices.append(values.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def first_steps(port: int, language: str) -> list[tuple[str, str]]:
    """The questionnaire's first step as Next posts it, one per choice of the first question: (form body, answer)."""
    status, _headers, content = stack.get(port, f"/{language}/questionnaire/")
    if status != 200:
        raise stack.StackError(f"/{language}/questionnaire/ answered {status}")
    form = QuestionForm()
    form.feed(content.decode())
    if not form.choices or not any(name == "step" for name, _value in form.hidden):
        raise stack.StackError(f"/{language}/questionnaire/ shows no question form")
    return [(urlencode([*form.hidden, ("answer", choice)]), choice) for choice in form.choices]


def cases(port: int, chapter: str) -> list[Case]:
    step, answer = first_steps(port, "nl")[0]
    # The next page carries the answer forward as a hidden field: the POST was read, the walk went on.
    carried = f'<input type="hidden" name="answer" value="{answer}">'
    chapter_path = f"/nl/{chapter}/"
    directory = "/nl/help/?category=shelter&postcode=1000"
    return [
        Case("reference: nginx, the chapter as a static file", chapter_path, server="nginx"),
        Case("chapter, cached", chapter_path),
        Case("chapter, uncached", chapter_path, headers=BYPASS),
        Case("home page, cached", "/nl/"),
        Case("home page, uncached", "/nl/", headers=BYPASS),
        Case("questionnaire start (GET)", "/nl/questionnaire/"),
        Case(
            "questionnaire step (POST, first answer)", "/nl/questionnaire/", "app", "POST", step, FORM, expect=carried
        ),
        Case("directory, filtered, cached", directory),
        Case("directory, filtered, uncached", directory, headers=BYPASS),
        Case("search", "/nl/search/?q=verblijfskaart"),
        Case("reference: gunicorn, the same bytes from a bare WSGI app", chapter_path, server="wsgi"),
        Case("chapter through deploy/nginx.conf (micro-cache)", chapter_path, server="shipped"),
        Case("reference: nginx, the chapter as a static file", chapter_path, "nginx", connections=HIGH_CONNECTIONS),
        Case("chapter, cached", chapter_path, connections=HIGH_CONNECTIONS),
        Case("chapter through deploy/nginx.conf (micro-cache)", chapter_path, "shipped", connections=HIGH_CONNECTIONS),
    ]


def reference_for(case: Case, measured: list[Case]) -> Case | None:
    return next((c for c in measured if c.server == "nginx" and c.connections == case.connections), None)


def targets(measured: list[Case]) -> list[tuple[str, str, bool]]:
    """(target, what was measured, met) for the issue's three targets and for server errors."""

    def find(name):
        return next(c for c in measured if c.name == name and c.connections == CONNECTIONS)

    cached, uncached, step = (
        find("chapter, cached"),
        find("chapter, uncached"),
        find("questionnaire step (POST, first answer)"),
    )
    server_errors = sum(c.result["errors_5xx"] for c in measured)
    return [
        (
            "cached chapter ≥ 2,000 req/s at 4 connections",
            f"{cached.requests_per_second:,.0f} req/s",
            cached.requests_per_second >= 2000,
        ),
        (
            "uncached chapter ≥ 250 req/s with p95 ≤ 40 ms at 4 connections",
            f"{uncached.requests_per_second:,.0f} req/s, p95 {uncached.ms('p95_us'):.1f} ms",
            uncached.requests_per_second >= 250 and uncached.ms("p95_us") <= 40,
        ),
        (
            "questionnaire step ≥ 150 req/s at 4 connections",
            f"{step.requests_per_second:,.0f} req/s",
            step.requests_per_second >= 150,
        ),
        ("no 5xx response in any case", f"{server_errors} 5xx", server_errors == 0),
    ]


def report(measured: list[Case], facts: list[str]) -> str:
    lines = [*facts, ""]
    lines.append(
        "| case | URL | conn. | X-Cache | KB | req/s | p50 ms | p95 ms | p99 ms | 5xx | other errors | × nginx |"
    )
    lines.append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for case in measured:
        reference = reference_for(case, measured)
        ratio = case.requests_per_second / reference.requests_per_second if reference else None
        result = case.result
        other = result["errors_status"] - result["errors_5xx"] + result["errors_socket"]
        method = "" if case.method == "GET" else f"{case.method} "
        cookie = " (Cookie)" if "Cookie" in case.headers else ""
        lines.append(
            f"| {case.name} | `{method}{case.path}`{cookie} | {case.connections} | {case.cache} | "
            f"{case.size / 1024:.1f} | {case.requests_per_second:,.0f} | {case.ms('p50_us'):.1f} | "
            f"{case.ms('p95_us'):.1f} | {case.ms('p99_us'):.1f} | {result['errors_5xx']} | {other} | "
            f"{'-' if ratio is None else f'{ratio:.2f}'} |"
        )
    lines += ["", "| target | measured | |", "| --- | --- | --- |"]
    for target, value, met in targets(measured):
        lines.append(f"| {target} | {value} | {'met' if met else 'NOT MET'} |")
    return "\n".join(lines) + "\n"


def tool_version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return "unknown"
    text = (result.stdout + result.stderr).strip().splitlines()
    return text[0] if text else "unknown"


BARE_APP = """# The benchmark's gunicorn reference: the chapter's bytes from a WSGI function, no framework at all.
from pathlib import Path

PAGE = Path(__file__).with_name("page.html").read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(PAGE)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [PAGE]
"""


def serve_references(directory: Path, page: bytes, chapter: str, workers: int, servers: contextlib.ExitStack):
    """nginx serving the page as a static file, and gunicorn serving it from a bare WSGI app; returns their ports."""
    root = directory / "www"
    (root / "nl" / chapter).mkdir(parents=True)
    (root / "nl" / chapter / "index.html").write_bytes(page)
    static = stack.Nginx(
        directory / "nginx-static",
        lambda prefix, port: stack.static_nginx_conf(prefix, port, root),
        ready_path=f"/nl/{chapter}/",
    )
    bare = directory / "bare"
    bare.mkdir()
    (bare / "page.html").write_bytes(page)
    (bare / "bare_app.py").write_text(BARE_APP)
    wsgi = stack.Gunicorn(directory, dict(os.environ), workers, app="bare_app:application", pythonpath=bare)
    return servers.enter_context(static).port, servers.enter_context(wsgi).port


def serve_shipped(directory: Path, app_port: int, path: str, servers: contextlib.ExitStack) -> int:
    """The production front: deploy/nginx.conf (micro-cache) in front of the portal; returns its port."""

    def conf(prefix, port):
        return stack.shipped_nginx_conf(prefix, port, [app_port], stack.BASE_DIR / "var" / "static")

    return servers.enter_context(stack.Nginx(directory / "nginx-shipped", conf, ready_path=path)).port


def measure(directory: Path, seconds: int, chapter: str, workers: int) -> tuple[list[Case], list[str]]:
    load_before = stack.load_average()
    database = stack.database_url()
    postgres = stack.postgres_version(database)
    with contextlib.ExitStack() as servers:  # stopped in reverse order, also on errors and Ctrl+C
        redis = servers.enter_context(stack.Redis(directory))
        environment = stack.production_environment(database, redis.url)
        stack.check_cache(environment)
        print("collecting static files…", flush=True)
        stack.collect_static(environment)
        app = servers.enter_context(stack.Gunicorn(directory, environment, workers))
        status, _headers, page = stack.get(app.port, f"/nl/{chapter}/", headers=BYPASS)
        if status != 200:
            raise stack.StackError(
                f"/nl/{chapter}/ answered {status}: is the database migrated and seeded?{stack.tail(app.log)}"
            )
        nginx_port, wsgi_port = serve_references(directory, page, chapter, workers, servers)
        shipped_port = serve_shipped(directory, app.port, f"/nl/{chapter}/", servers)
        ports = {"app": app.port, "nginx": nginx_port, "wsgi": wsgi_port, "shipped": shipped_port}
        measured = []
        for case in cases(app.port, chapter):
            warm_up(ports[case.server], case, times=3 * workers)
            print(f"{case.name} at {case.connections} connections, {seconds} s…", flush=True)
            case.result = run_wrk(directory, ports[case.server], case, seconds, case.connections)
            measured.append(case)
        if any(case.result["errors_5xx"] for case in measured):
            print(f"5xx responses; the portal's log{stack.tail(app.log, 40)}", flush=True)
        facts = [
            f"Measured {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {os.cpu_count()} CPUs "
            f"({stack.cpu_model()}), Linux {platform.release()}; 1-minute load average {load_before} before "
            "the run (other work on the machine lowers every row).",
            f"gunicorn {workers} sync workers, portal.settings.production, Python {platform.python_version()}; "
            f"PostgreSQL {postgres}; Redis {redis.version()}; "
            f"{tool_version([stack.NGINX, '-v']).replace('nginx version: ', '')}; "
            f"{tool_version([WRK, '--version']).split(' Copyright')[0]}.",
            f"wrk: {THREADS} threads, {seconds} s per case after a warm-up of {3 * workers} requests. "
            "`Cookie: bench=1` makes the page cache step aside (uncached). × nginx: requests/s ÷ nginx's for the "
            "same page at the same number of connections. gunicorn's sync workers close the connection after each "
            "response; nginx keeps it open.",
        ]
    return measured, facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is not met")
    arguments = parser.parse_args()
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    if not Path(WRK).exists():
        sys.exit(f"error: {WRK} is missing (apt-get install wrk)")
    try:
        with stack.stop_on_sigterm(), stack.work_dir("portal-bench-") as directory:
            measured, facts = measure(directory, seconds, CHAPTER, stack.workers_for_cores())
    except stack.StackError as error:
        sys.exit(f"error: {error}")
    except KeyboardInterrupt:
        sys.exit("interrupted: everything started was stopped")
    text = report(measured, facts)
    print()
    print(text)
    if arguments.markdown:
        arguments.markdown.write_text(text)
    met = all(met for _target, _value, met in targets(measured))
    return 1 if arguments.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
