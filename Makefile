# Two set-up commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

# Online, install the en<->x translation models first; offline that step fails fast with
# how to install from files. The example's approved translations go into the default
# memory, so every language renders (from memory) even offline; the run ends with the
# proposed posting plan and what to try next.
run: $(STAMP_RUN)
	@$(BIN)/adapt models install --languages ar,zh,en,fr,ru,es \
		|| echo "(continuing without new models: see the message above)"
	$(BIN)/adapt memory import examples/statement.tmx
	$(BIN)/adapt run examples/statement.md --to ar,zh,en,fr,ru,es --platform x --plan

lint: $(STAMP_TEST)
	$(BIN)/ruff check service tests bench
	$(BIN)/ruff format --check service tests bench

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

unit: $(STAMP_TEST)
	$(BIN)/pytest

test: lint typecheck unit

bench: $(STAMP_TEST)
	$(BIN)/python bench/length.py
	$(BIN)/python bench/mt.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/batch_engine.py
	$(BIN)/python bench/batch_overlap.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
