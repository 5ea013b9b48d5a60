# Everything a fresh machine needs, from `make demo` or `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= newsloom.db

STATIC := newsloom/serve/static
ASSETS := $(STATIC)/node_modules/.package-lock.json

.PHONY: setup demo test check lint typecheck pytest fuzz eval bench browser clean

setup: $(STAMP) $(ASSETS)

# Chart and map libraries for the web UI, from the npm registry, served locally.
# Without npm the UI still works: charts fall back to tables, the map says unavailable.
$(ASSETS): $(STATIC)/package.json $(STATIC)/package-lock.json
	@if command -v npm >/dev/null; then cd $(STATIC) && npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: web UI charts and map will be unavailable"; fi

# Debian's Chromium for the browser tests (they skip without it); needs root and apt.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium not installed: browser tests will be skipped"; }

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

test: setup browser lint typecheck pytest

# The fast loop for development: lint, types and every test not marked slow (what CI runs
# is `make test`, everything).
check: setup lint typecheck
	$(BIN)/pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check newsloom tests bench
	$(BIN)/ruff format --check newsloom tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest -q

# A long, randomised property run (tests/robustness/test_fuzz_extract.py): extract on
# FUZZ_EXAMPLES inputs, the readers on half as many and analyze (spaCy) on a tenth, so the
# default is 100,000 inputs in all; the normal test run does 200, 100 and 20. Inputs that
# end in a `failed` error are listed in FUZZ_FAILED, one JSON line each.
FUZZ_EXAMPLES ?= 62500
FUZZ_FAILED ?= .pytest_cache/fuzz-failed.jsonl
fuzz: setup
	mkdir -p $(dir $(FUZZ_FAILED)) && rm -f $(FUZZ_FAILED)
	NEWSLOOM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) NEWSLOOM_FUZZ_FAILED=$(FUZZ_FAILED) \
		$(BIN)/pytest -q -p no:warnings --timeout 0 --log-level=CRITICAL \
		--hypothesis-show-statistics tests/robustness/test_fuzz_extract.py
	@if [ -s $(FUZZ_FAILED) ]; then echo "$$(wc -l < $(FUZZ_FAILED)) failed inputs in $(FUZZ_FAILED)"; \
		exit 1; fi

eval: setup
	$(BIN)/newsloom eval --data ../shared/eval

bench: setup
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/ingest_memory.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
