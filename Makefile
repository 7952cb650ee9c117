# Dialogue Platform portal: the everyday commands. GNU make.
#
#   make run    a fresh clone to a running portal on http://127.0.0.1:8000 (SQLite, demo data)
#   make test   the whole suite with a coverage summary (live-worker tests run in .ci/run)
#
# Nothing here needs root, PostgreSQL or Redis: environment variables switch to them (README.md).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.11 is the project's version; prefer an explicit python3.11 when the machine has one.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Installed requirements are recorded by these stamps, so pip runs again only when a requirements file changes.
# The files list every package, dependencies included, with hashes: pip installs exactly them (--no-deps; its
# resolver would otherwise trip over extras such as coverage[toml] in hash-checking mode) and `pip check` then
# proves nothing is missing or at a wrong version.
# requirements.txt is what the portal needs to run; requirements-dev.txt adds tests and tooling (and holds the
# runtime pins too). Both are generated from the short requirements*.in files by `make requirements`.
STAMP := $(VENV)/.requirements.stamp
DEV_STAMP := $(VENV)/.requirements-dev.stamp
# pip-tools, pinned in requirements-dev.txt. Exact versions with hashes; pip, setuptools and wheel pinned too
# (pip-tools needs them); no index or find-links of this machine's pip configuration is written into the files.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
# make requirements UPGRADE="django celery" upgrades those packages (and what they need); UPGRADE=all upgrades all.
UPGRADE ?=
UPGRADE_ARGS := $(if $(filter all,$(UPGRADE)),--upgrade,$(foreach package,$(UPGRADE),--upgrade-package $(package)))
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails, calendar files and the API's web_url point at the server make run starts, unless
# DJANGO_SITE_URL is set (in the environment or on the command line). 0.0.0.0 is not an address a browser opens.
SITE_URL := $(or $(DJANGO_SITE_URL),http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT))
# Extra pytest options, e.g. make test PYTEST_ARGS="-x tests/participants"
PYTEST_ARGS ?=
# Parallel test processes (pytest-xdist): one per core, at most 4 (each may drive its own Chromium); 0 runs the
# suite in this one process (a one-core machine, or debugging with pdb: make test PYTEST_WORKERS=0).
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ "$$n" -gt 4 ] && n=4; [ "$$n" -lt 2 ] && n=0; echo $$n)
# loadgroup: tests go to whichever worker is free, except those sharing a module-scoped fixture (conftest.py).
XDIST_ARGS := $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadgroup,)
# The coverage floor (fail_under in pyproject.toml) holds when the whole suite runs; a run of some tests (a path,
# -k, -m, --lf, --deselect) reports coverage without holding it.
COV_FLOOR_ARGS := $(if $(filter tests% %.py -k -m --lf --last-failed --deselect,$(PYTEST_ARGS)),--cov-fail-under=0,)

.PHONY: help run install install-dev requirements messages compile-messages-if-stale migrate seed test lint typecheck worker beat check-deploy clean

help:
	@echo "make run        set up .venv, migrate, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test       the whole suite with coverage (tests marked live_worker run in .ci/run)"
	@echo "make install    create .venv and install requirements.txt, the runtime set (only when it changed)"
	@echo "make install-dev  ... and requirements-dev.txt, tests and tooling (make test does this)"
	@echo "make requirements  regenerate requirements*.txt from requirements*.in (UPGRADE=pkg or UPGRADE=all)"
	@echo "make lint       ruff check"
	@echo "make typecheck  mypy with django-stubs (settings in pyproject.toml)"
	@echo "make messages   extract ru/kk catalogues and compile them"
	@echo "make worker     a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make beat       the Celery beat scheduler (needs CELERY_BROKER_URL)"

$(PY):
	@test -n "$(PYTHON)" || { echo "No python3 found: install Python 3.11 first." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; \
		v == (3, 11) or print(f"Warning: the project targets Python 3.11; {sys.executable} is {v[0]}.{v[1]}.")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	@echo "Installing requirements.txt into $(VENV) (a minute or two the first time)..."
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt
	$(PY) -m pip check
	@touch $@

# requirements-dev.txt pins every runtime package at requirements.txt's version, so it satisfies both stamps.
$(DEV_STAMP): requirements-dev.txt requirements.txt | $(PY)
	@echo "Installing requirements-dev.txt into $(VENV) (a minute or two the first time)..."
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-dev.txt
	$(PY) -m pip check
	@touch $(STAMP) $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

# Add a package: one line in requirements.in (runtime) or requirements-dev.in (tests, tools), then this.
# Runtime first: requirements-dev.in is constrained by the fresh requirements.txt.
requirements: $(DEV_STAMP)
	$(PIP_COMPILE) $(UPGRADE_ARGS) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) $(UPGRADE_ARGS) --output-file requirements-dev.txt requirements-dev.in
	@$(MAKE) --no-print-directory install-dev

# Compiled catalogues (.mo) are committed, so a machine without gettext still runs the portal;
# recompile only when a catalogue was edited after its .mo and msgfmt is there to do it.
compile-messages-if-stale: $(STAMP)
	@if ! command -v msgfmt >/dev/null 2>&1; then \
		echo "msgfmt not found: using the committed .mo files."; \
	else \
		stale=0; \
		for po in $$(find locale -name '*.po' 2>/dev/null); do \
			if [ "$$po" -nt "$${po%.po}.mo" ]; then stale=1; fi; \
		done; \
		if [ $$stale -eq 1 ]; then $(MANAGE) compilemessages --ignore $(VENV) --ignore node_modules; fi; \
	fi

# make run keeps its output short: a line per step, then seed_demo's summary (accounts, address, e-mails).
MIGRATE_VERBOSITY ?= 1

migrate: $(STAMP)
	$(MANAGE) migrate --noinput --verbosity $(MIGRATE_VERBOSITY)

# Where seed_demo writes the demo's e-mails (with the default console e-mail; EMAIL_URL sends them elsewhere).
DEMO_EMAIL_DIR ?= tmp/demo-emails

seed: migrate
	DJANGO_SITE_URL='$(SITE_URL)' $(MANAGE) seed_demo --email-dir '$(DEMO_EMAIL_DIR)'

run: MIGRATE_VERBOSITY = 0
run: install compile-messages-if-stale migrate seed
	DJANGO_SITE_URL='$(SITE_URL)' $(MANAGE) runserver $(HOST):$(PORT)

test: $(DEV_STAMP)
	@echo "Note: tests marked live_worker need a real broker and Celery worker; .ci/run runs them."
	@status=0; \
	$(PY) -m pytest -m "not live_worker" $(XDIST_ARGS) --cov --cov-report=term:skip-covered $(COV_FLOOR_ARGS) \
		$(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no tests (exit 5): that is a failure." >&2; fi; \
	exit $$status

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .

# mypy reads its settings and the files to check from pyproject.toml; the django-stubs plugin loads the settings.
typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy

messages: $(STAMP)
	$(MANAGE) makemessages -l ru -l kk --no-location --ignore node_modules --ignore staticfiles --ignore htmlcov
	$(MANAGE) compilemessages --ignore $(VENV) --ignore node_modules

worker: $(STAMP)
	$(VENV)/bin/celery -A dialogue_platform worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A dialogue_platform beat --loglevel=INFO --scheduler=django_celery_beat.schedulers:DatabaseScheduler

# What production start-up checks; the variables are placeholders for the check only.
check-deploy: $(STAMP)
	DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=portal.example.org \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf htmlcov .coverage .coverage.* staticfiles tmp/demo-emails
