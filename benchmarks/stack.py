"""The production stack for the load benchmarks, on 127.0.0.1 only: Redis, gunicorn with production settings, nginx.

Each part is a context manager that starts a child process on a free port, waits (bounded) until it answers and
stops it on exit, also after an error or Ctrl+C. The children run in their own session, so Ctrl+C reaches only
this process, which then stops them in order. `python -m benchmarks.load` and `python -m benchmarks.soak` use them.
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
REDIS_SERVER = "/usr/bin/redis-server"
NGINX = "/usr/sbin/nginx"
STARTUP_TIMEOUT = 60  # seconds for a server to answer after it started
STOP_TIMEOUT = 15  # seconds for a server to stop after SIGTERM/SIGQUIT, then SIGKILL
HUGE_RATE = "10000000/m"  # rate limits out of the way: the benchmark is one client address


class StackError(Exception):
    """A part of the stack could not start; the message says which and why."""


def free_port() -> int:
    """A port nothing listens on now (bind port 0 and let the kernel choose)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def workers_for_cores() -> int:
    """gunicorn's usual advice for sync workers: 2 × cores + 1."""
    return 2 * (os.cpu_count() or 1) + 1


def database_url() -> str:
    """DATABASE_URL from the environment, or else the embedded server's (started if needed)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    from portal import db

    try:
        return db.embedded_url()
    except db.DatabaseConfigError as error:
        raise StackError(str(error)) from error


def postgres_version(url: str) -> str:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error as error:
        raise StackError(f"PostgreSQL does not answer: {str(error).strip()}") from error


def chapter_slugs() -> list[str]:
    """The brochure's chapter slugs, from the seed's structure files (what load_content creates)."""
    folder = BASE_DIR / "content" / "seed" / "brochure" / "structure"
    return [json.loads(path.read_text())["slug"] for path in sorted(folder.glob("*.json"))]


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def load_average() -> str:
    """The 1-minute load average: other work on the machine skews every number, so the reports print it."""
    with contextlib.suppress(OSError):
        return Path("/proc/loadavg").read_text().split()[0]
    return "unknown"


def wait_until(check, what: str, process: subprocess.Popen | None = None, timeout: float = STARTUP_TIMEOUT, log=None):
    """Poll `check()` until it is true; fail after `timeout` seconds or as soon as `process` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"{what} exited with code {process.returncode}{tail(log)}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if check():
                return
        time.sleep(0.2)
    raise StackError(f"{what} did not answer within {timeout:.0f} s{tail(log)}")


def tail(log: Path | None, lines: int = 15) -> str:
    if log is None or not log.exists():
        return ""
    return "; last lines of " + str(log) + ":\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _start(command: list[str], log: Path, **kwargs) -> subprocess.Popen:
    with open(log, "ab") as output:
        # Own session: Ctrl+C in the terminal reaches only us, and we stop the children in order.
        return subprocess.Popen(  # noqa: S603  (fixed commands, no shell)
            command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )


def _stop(process: subprocess.Popen, stop_signal: int = signal.SIGTERM) -> None:
    """Ask the process to stop, wait (bounded), then kill its process group (it leads its own session)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(stop_signal)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


def get(port: int, path: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """One HTTP request to 127.0.0.1:port (Host: 127.0.0.1:port, as wrk sends); returns (status, headers, body)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def stop_on_sigterm():
    """SIGTERM (e.g. from `timeout` or CI) unwinds like Ctrl+C, so every `finally` stops what it started."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def work_dir(prefix: str):
    """A temporary directory for configuration, logs and pid files; removed at the end. Readable by all (it holds no
    secret): run as root, nginx's workers are `nobody` and must reach the files in it."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _redis_command(port: int, command: bytes) -> bytes:
    """One inline command; the reply read whole (a simple line, or a bulk string `$<length>` and its data)."""
    with socket.create_connection((HOST, port), timeout=2) as connection:
        connection.sendall(command + b"\r\n")
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
            header, found, rest = data.partition(b"\r\n")
            if found and (not header.startswith(b"$") or len(rest) >= int(header[1:]) + 2):
                break
        return data


class Redis:
    """redis-server without persistence, in the foreground, on a free port."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process = None
        self.log = directory / "redis.log"

    def __enter__(self):
        if not Path(REDIS_SERVER).exists():
            raise StackError(f"{REDIS_SERVER} is missing (apt-get install redis-server)")
        command = [REDIS_SERVER, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"]
        command += ["--daemonize", "no", "--dir", str(self.directory)]
        self.process = _start(command, self.log)
        try:
            wait_until(
                lambda: _redis_command(self.port, b"PING").startswith(b"+PONG"), "redis", self.process, log=self.log
            )
        except BaseException:
            _stop(self.process)
            raise
        return self

    def version(self) -> str:
        for line in _redis_command(self.port, b"INFO server").decode(errors="replace").splitlines():
            if line.startswith("redis_version:"):
                return line.split(":", 1)[1].strip()
        return "unknown"

    def __exit__(self, *exc):
        if self.process is not None:
            _stop(self.process)


def production_environment(database: str, redis_url: str) -> dict:
    """The environment production settings need, on plain HTTP at 127.0.0.1, with the rate limits out of the way."""
    alphabet = string.ascii_letters + string.digits
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(64)),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "RATE_LIMIT_SEARCH": HUGE_RATE,
        "RATE_LIMIT_QUESTIONNAIRE": HUGE_RATE,
        "PYTHONUNBUFFERED": "1",
    }


CACHE_PROBE = """
import django
django.setup()
from django.core.cache import cache
cache.set("benchmark-probe", "ok", 30)
assert cache.get("benchmark-probe") == "ok", "the cache did not keep a value"
cache.delete("benchmark-probe")
"""


def check_cache(environment: dict) -> None:
    """The production cache must reach our Redis: it ignores Redis errors, so a broken one would go unnoticed and
    every "cached" row would measure the application instead."""
    probe = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CACHE_PROBE], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        raise StackError(f"the production cache does not work with {environment['REDIS_URL']}: {last}")


def collect_static(environment: dict) -> None:
    """Production serves static files through whitenoise's manifest: they must be collected first."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(f"collectstatic failed:\n{result.stdout}{result.stderr}")


class Gunicorn:
    """The portal under gunicorn (sync workers) with production settings. No access log (it costs time and disk).

    `max_requests` is left off unless given: the soak test must see a leak, not hide it by recycling workers.
    `app` and `pythonpath` serve another WSGI application instead (the benchmark's gunicorn reference).
    """

    def __init__(
        self,
        directory: Path,
        environment: dict,
        workers: int,
        max_requests: int | None = None,
        app: str = "portal.wsgi",
        pythonpath: Path | None = None,
    ):
        self.directory = directory
        self.environment = environment
        self.workers = workers
        self.max_requests = max_requests
        self.app = app
        self.pythonpath = pythonpath
        self.port = free_port()
        self.process = None
        self.log = directory / f"gunicorn-{self.port}.log"

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), self.app, "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers)]
        command += ["--timeout", "30", "--graceful-timeout", "5", "--error-logfile", "-", "--log-level", "warning"]
        if self.max_requests:
            command += ["--max-requests", str(self.max_requests)]
        if self.pythonpath:
            command += ["--pythonpath", str(self.pythonpath)]
        self.process = _start(command, self.log, cwd=BASE_DIR, env=self.environment)
        try:
            # The language chooser needs no database; then every worker has imported the project.
            wait_until(lambda: get(self.port, "/")[0] == 200, "gunicorn", self.process, log=self.log)
            wait_until(lambda: len(self.worker_pids()) == self.workers, "gunicorn workers", self.process, log=self.log)
        except BaseException:
            _stop(self.process)
            raise
        return self

    def worker_pids(self) -> list[int]:
        """The master's children, read from /proc (the workers)."""
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
                if fields.get("PPid", "").strip() == str(self.process.pid):
                    pids.append(int(status.parent.name))
        return sorted(pids)

    def worker_rss_kb(self) -> dict[int, int]:
        """Resident memory of each worker in KB (VmRSS from /proc/<pid>/status)."""
        sizes = {}
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1])
        return sizes

    def __exit__(self, *exc):
        if self.process is not None:
            _stop(self.process)


def _nginx_main(prefix: Path, http_body: str, workers: str = "auto") -> str:
    """The few lines around an http block that make a whole nginx.conf with every path under `prefix`, so nginx
    runs without root-owned directories."""
    temp = prefix / "temp"
    return f"""daemon off;
master_process on;
worker_processes {workers};
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{http_body}
}}
"""


def static_nginx_conf(prefix: Path, port: int, root: Path) -> str:
    """nginx serving the files under `root` and nothing else (the benchmark's physical reference)."""
    return _nginx_main(
        prefix,
        f"    access_log off;\n    sendfile on;\n    server {{\n        listen {HOST}:{port};\n        root {root};\n    }}",
    )


def shipped_nginx_conf(prefix: Path, port: int, app_ports: list[int], static_root: Path, workers: str = "auto") -> str:
    """deploy/nginx.conf with local addresses and paths (its access log under `prefix`), inside a whole nginx.conf."""
    conf = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    servers = "\n".join(f"    server {HOST}:{app} max_fails=1 fail_timeout=5s;" for app in app_ports)
    conf = re.sub(r"    server web:8000[^\n]*", servers, conf)
    conf = conf.replace("listen 80;", f"listen {HOST}:{port};")
    conf = conf.replace("/var/cache/nginx/portal", str(prefix / "cache"))
    conf = conf.replace("/var/log/nginx/access.log", str(prefix / "access.log"))
    conf = conf.replace("/srv/static/", f"{static_root}/")
    if f"{HOST}:{app_ports[-1]}" not in conf or str(prefix / "cache") not in conf:
        raise StackError("deploy/nginx.conf changed shape: benchmarks/stack.py cannot point it at 127.0.0.1")
    return _nginx_main(prefix, conf, workers)


class Nginx:
    """Debian's nginx in the foreground with a whole configuration `conf(prefix, port)` (see the builders above).

    Its configuration, logs, pid file and temporary files live in `prefix`, a directory of its own.
    """

    def __init__(self, prefix: Path, conf, ready_path: str = "/"):
        self.prefix = prefix
        self.port = free_port()
        self.conf = conf
        self.ready_path = ready_path
        self.process = None
        self.log = prefix / "error.log"

    def __enter__(self):
        if not Path(NGINX).exists():
            raise StackError(f"{NGINX} is missing (apt-get install nginx-light or nginx)")
        (self.prefix / "temp").mkdir(parents=True, exist_ok=True)
        conf = self.prefix / "nginx.conf"
        conf.write_text(self.conf(self.prefix, self.port))
        # Run as root, nginx's workers become `nobody`: they must be able to read the files under the prefix.
        self.prefix.chmod(0o755)
        command = [NGINX, "-p", str(self.prefix), "-c", str(conf), "-e", str(self.log)]
        self.process = _start(command, self.prefix / "stdout.log")
        try:
            wait_until(lambda: get(self.port, self.ready_path)[0] == 200, "nginx", self.process, log=self.log)
        except BaseException:
            _stop(self.process, signal.SIGQUIT)
            raise
        return self

    def __exit__(self, *exc):
        if self.process is not None:
            _stop(self.process, signal.SIGQUIT)  # graceful: workers finish their requests
