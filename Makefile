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
# Installed requirements are recorded here, so pip runs again only when requirements.txt changes.
STAMP := $(VENV)/.requirements.stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra pytest options, e.g. make test PYTEST_ARGS="-x tests/participants"
PYTEST_ARGS ?=

.PHONY: help run install messages compile-messages-if-stale migrate seed test lint typecheck worker beat check-deploy clean

help:
	@echo "make run        set up .venv, migrate, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test       the whole suite with coverage (tests marked live_worker run in .ci/run)"
	@echo "make install    create .venv and install requirements.txt (only when it changed)"
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
	$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	@touch $@

install: $(STAMP)

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

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

run: install compile-messages-if-stale migrate seed
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(STAMP)
	@echo "Note: tests marked live_worker need a real broker and Celery worker; .ci/run runs them."
	@status=0; \
	$(PY) -m pytest -m "not live_worker" --cov --cov-report=term:skip-covered $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no tests (exit 5): that is a failure." >&2; fi; \
	exit $$status

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# mypy reads its settings and the files to check from pyproject.toml; the django-stubs plugin loads the settings.
typecheck: $(STAMP)
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
	rm -rf htmlcov .coverage staticfiles
