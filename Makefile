# Two commands do all set-up: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CANDIDATES ?= 500
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_HOME ?= $(CURDIR)/var/test-home

.PHONY: install run test test-sqlite test-postgres lint format clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,celery]'
	@touch $(STAMP)

## Create the environment, migrate, load the demo data and serve on http://$(HOST):$(PORT)
run: install
	$(VENV)/bin/shortlist migrate
	$(VENV)/bin/shortlist demo --candidates $(CANDIDATES) --host $(HOST) --port $(PORT)
	$(VENV)/bin/shortlist serve --host $(HOST) --port $(PORT)

## Lint, then the whole suite on SQLite and again on PostgreSQL
test: install lint test-sqlite test-postgres

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

test-sqlite: install
	@mkdir -p $(TEST_HOME)
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL SHORTLIST_HOME=$(TEST_HOME) $(PY) -m pytest

# Browser tests run once (above); the database-facing suite runs again on PostgreSQL.
test-postgres: install
	@mkdir -p $(TEST_HOME)
	@if $(PY) tests/postgres_ready.py "$(TEST_DATABASE_URL)"; then \
		echo "== test suite on PostgreSQL =="; \
		DATABASE_URL="$(TEST_DATABASE_URL)" SHORTLIST_HOME=$(TEST_HOME) $(PY) -m pytest -m "not browser"; \
	elif [ "$$SHORTLIST_REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL is required (SHORTLIST_REQUIRE_POSTGRES=1) but not reachable at $(TEST_DATABASE_URL)"; exit 1; \
	else \
		echo "PostgreSQL not reachable at $(TEST_DATABASE_URL): PostgreSQL suite skipped"; \
	fi

format: install
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) var/test-home .pytest_cache .ruff_cache
