# Relais — the two commands a newcomer types are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= instance
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: run test lint typecheck test-sqlite test-postgresql bench install clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Relais needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

$(DATA_DIR)/secret_key:
	@mkdir -p $(DATA_DIR)
	@$(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' > $@
	@chmod 600 $@

run: install $(DATA_DIR)/secret_key
	RELAIS_DATA_DIR=$(DATA_DIR) $(BIN)/relais db upgrade
	RELAIS_DATA_DIR=$(DATA_DIR) $(BIN)/relais demo load
	@echo "Relais (données de démonstration fictives) : http://$(HOST):$(PORT)"
	RELAIS_DATA_DIR=$(DATA_DIR) RELAIS_DEMO=1 SECRET_KEY=$$(cat $(DATA_DIR)/secret_key) \
		$(BIN)/relais serve --host $(HOST) --port $(PORT) --workers 2

lint: install
	$(BIN)/ruff check catalogue importers referral tests bench
	$(BIN)/ruff format --check catalogue importers referral tests bench
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

test-sqlite: install
	@test -x /usr/bin/chromium || echo "NOTE: Chromium is absent (/usr/bin/chromium): the browser tests will be skipped (apt-get install chromium)."
	RELAIS_TEST_DB=sqlite $(BIN)/pytest $(PYTEST_ARGS)

test-postgresql: install
	RELAIS_TEST_DB=postgresql TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck test-sqlite test-postgresql

bench: install
	@for module in relevance search matching import; do \
		if [ -f bench/$$module.py ]; then \
			echo "== bench.$$module"; $(BIN)/python -m bench.$$module $(BENCH_ARGS) || exit 1; \
		fi; \
	done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
