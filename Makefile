# Two commands: `make run` serves the site, `make test` runs every test. Both start from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: run test install prepare catalogues check lint pytest tools db-start db-stop clean messages backup restore bench soak

run: install prepare
	@trap '$(PY) -m portal.db stop >/dev/null 2>&1 || true' EXIT; HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(PY) -m portal.serve

test: install tools prepare
	@trap 'if [ -z "$$DATABASE_URL" ]; then $(PY) -m portal.db stop >/dev/null 2>&1 || true; fi' EXIT; \
	  $(MAKE) --no-print-directory pytest

pytest:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

# Debian's programs the tests run: Chromium for the browser tests (Playwright cannot download its own browsers here),
# nginx and redis-server for the two-server stack test, wrk for `make bench`. Installed when missing and run as root.
SYSTEM_TOOLS := /usr/bin/chromium:chromium /usr/sbin/nginx:nginx /usr/bin/redis-server:redis-server /usr/bin/wrk:wrk
tools:
	@missing=""; for pair in $(SYSTEM_TOOLS); do test -x "$${pair%%:*}" || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's$$missing for the tests"; \
	    timeout 900 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "error: the tests need Debian's$$missing (apt-get install$$missing)"; exit 1; fi; fi

prepare: catalogues
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_content

catalogues:
	$(PY) manage.py compile_catalogues

# The CI trinity's first two: system checks and no missing migrations.
check: install
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run --noinput

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

db-start: install
	$(PY) -m portal.db start

db-stop:
	@$(PY) -m portal.db stop

# One archive with the database and MEDIA_ROOT: var/backups/portal-<UTC time>.tar (or BACKUP_DIR=...); prints its path.
backup: install
	@$(PY) -m portal.backup dump $(BACKUP_DIR)

# Replaces the database's content (one transaction) and unpacks the media files: make restore FILE=var/backups/....tar
restore: install
	@test -n "$(FILE)" || { echo "error: say which archive to restore: make restore FILE=var/backups/portal-....tar" >&2; exit 2; }
	@$(PY) -m portal.backup restore "$(FILE)"

# Load on the production stack (gunicorn, Redis, nginx as the reference; wrk): a Markdown table with the targets.
# BENCH_SECONDS per case (default 10); BENCH_ARGS="--markdown FILE" also writes it to FILE. See benchmarks/load.py.
bench: install tools prepare
	$(PY) -m benchmarks.load $(BENCH_ARGS)

# A steady load for SOAK_SECONDS (default 600) at SOAK_RATE requests/s (default: half the uncached capacity):
# errors, p95 drift and the workers' memory, minute by minute; fails when they are not flat. See benchmarks/soak.py.
soak: install tools prepare
	$(PY) -m benchmarks.soak

# Developers only (needs GNU gettext): refresh locale/*/django.po from the templates and code.
messages: install
	$(PY) manage.py makemessages --no-obsolete --no-location -i ".venv/*" -i "var/*" \
		$$($(PY) -c "from portal.languages import CODES, locale_dir_name; print(*('-l ' + locale_dir_name(c) for c in CODES))")

clean: db-stop
	rm -rf $(VENV) var
