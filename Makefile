# The two commands: `make run` (set up everything and serve) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test system lint format messages install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Each stamp is remade whenever pyproject.toml changes, so a pull that adds a dependency installs it.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.runtime

# The page-quality tests use the W3C Nu checker and axe-core from the npm registry.
node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# The compiled catalogue is committed, so gettext tools are needed only to change translations.
messages: | $(BIN)/python
	@if command -v msgfmt >/dev/null; then DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

run: export DJANGO_DEBUG ?= 1
run: install messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin --site-url http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# What the suite needs from the machine: Debian packages (installed when missing, as root) and
# PostgreSQL and Redis (started when down); without root, one line says what to run.
system:
	@.ci/system

test: export DJANGO_SECRET_KEY ?= test-only-not-a-secret
test: system install-dev messages node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
