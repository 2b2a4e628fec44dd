"""`make run`'s last step: check the address is free, then hand over to gunicorn."""

import os
import socket
import sys
from pathlib import Path


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port_text = os.environ.get("PORT", "8000")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        sys.exit(f"error: PORT must be a number from 1 to 65535, not {port_text!r}.")
    port = int(port_text)
    if port_in_use(host, port):
        sys.exit(
            f"error: port {port} on {host} is already in use. Stop the other server or choose another: PORT=8001 make run"
        )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    print(f"Serving on http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    workers = os.environ.get("WORKERS", "3")
    os.execv(  # noqa: S606  (replace this process with gunicorn: signals reach it directly)
        gunicorn,
        [
            str(gunicorn),
            "portal.wsgi",
            "--bind",
            f"{host}:{port}",
            "--workers",
            workers,
            "--access-logfile",
            "-",
            # No query strings and no client addresses in the access log: readers may be in danger.
            "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
        ],
    )


if __name__ == "__main__":
    main()
