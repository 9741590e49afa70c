# Two entry points: `make demo` runs the quickstart, `make test` runs every check.
# Both create .venv on first use; nothing else needs to be installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The lowest boto3 and botocore pyproject.toml declares (they share version numbers). `floor`
# runs the tests that render and parse requests against exactly these, in a venv of its own.
FLOOR := 1.44.4
FLOOR_VENV := .venv-floor
FLOOR_STAMP := $(FLOOR_VENV)/.installed
FLOOR_TOOLS := pytest==9.2.0 hypothesis==6.170.17
FLOOR_TESTS := tests/test_wire.py tests/test_api_coverage.py tests/client/test_requests.py \
	tests/client/test_retries.py tests/client/test_real_responses.py \
	tests/client/test_older_botocore.py
# botocore's adaptive mode paces in real time (~10 s); the other modes cover the same hook.
FLOOR_SKIP := 'tests/client/test_retries.py::test_a_client_passed_in_never_resends_icsdks_requests[adaptive]'

.PHONY: demo test lint typecheck pytest floor docs bench clean

$(STAMP): pyproject.toml
	@echo "== Setting up .venv: icsdk and its development tools (once; about a minute)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e '.[dev]'
	touch $(STAMP)

$(FLOOR_STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/python -m pip install --quiet -e . \
		boto3==$(FLOOR) botocore==$(FLOOR) $(FLOOR_TOOLS)
	touch $(FLOOR_STAMP)

demo: $(STAMP)
	$(BIN)/python examples/quickstart.py

test: lint typecheck pytest floor docs

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks
	$(BIN)/ruff format --check src tests examples benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/pyright

pytest: $(STAMP)
	rm -f .coverage .coverage.*
	$(BIN)/coverage run -m pytest -p no:cacheprovider -n auto
	$(BIN)/coverage combine -q
	$(BIN)/coverage report

floor: $(FLOOR_STAMP)
	$(FLOOR_VENV)/bin/python -m pytest -q -x -p no:cacheprovider $(FLOOR_TESTS) \
		--deselect $(FLOOR_SKIP)

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir .site

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(FLOOR_VENV) .site .coverage .coverage.*
