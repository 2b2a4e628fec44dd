# Two commands: `make run` serves the site, `make test` runs every test. Both start from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: run test install prepare catalogues check lint pytest browser db-start db-stop clean messages

run: install prepare
	@trap '$(PY) -m portal.db stop >/dev/null 2>&1 || true' EXIT; HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(PY) -m portal.serve

test: install browser prepare
	@trap 'if [ -z "$$DATABASE_URL" ]; then $(PY) -m portal.db stop >/dev/null 2>&1 || true; fi' EXIT; \
	  $(MAKE) --no-print-directory pytest

pytest:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    timeout 900 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq chromium >/dev/null; \
	  else echo "error: the browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)"; exit 1; fi; }

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

# Developers only (needs GNU gettext): refresh locale/*/django.po from the templates and code.
messages: install
	$(PY) manage.py makemessages --no-obsolete --no-location -i ".venv/*" -i "var/*" \
		$$($(PY) -c "from portal.languages import CODES, locale_dir_name; print(*('-l ' + locale_dir_name(c) for c in CODES))")

clean: db-stop
	rm -rf $(VENV) var
