# Everything a fresh machine needs, from `make demo` or `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= newsloom.db

.PHONY: setup demo test lint typecheck pytest eval bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Ingest the bundled sample corpus into a fresh store, summarise it, show one article.
demo: setup
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsloom ingest samples --db $(DB)
	$(BIN)/newsloom list --db $(DB)
	$(BIN)/newsloom show --db $(DB) "$$($(BIN)/newsloom list --db $(DB) --limit 1 --json \
		| $(BIN)/python -c 'import json, sys; print(json.loads(sys.stdin.readline())["id"])')"

test: setup lint typecheck pytest

lint: setup
	$(BIN)/ruff check newsloom tests bench
	$(BIN)/ruff format --check newsloom tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest -q

eval: setup
	$(BIN)/newsloom eval --data ../shared/eval

bench: setup
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/ingest_memory.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
