# The two front-door commands: `make run` and `make test`. Both set up everything first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SIM := tests/e2e/alexa_sim
GSIM := tests/e2e/google_sim

.PHONY: run test bench lint typecheck e2e-tools sam-build setup clean

$(STAMP): requirements.txt lambda/requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# Real components the end-to-end tests drive, from the package registries:
# virtual-alexa and virtual-google-assistant (npm) and Debian's Chromium.
$(SIM)/node_modules/.installed: $(SIM)/package.json $(SIM)/package-lock.json
	npm ci --prefix $(SIM) --no-audit --no-fund --loglevel=error
	touch $@

$(GSIM)/node_modules/.installed: $(GSIM)/package.json $(GSIM)/package-lock.json
	npm ci --prefix $(GSIM) --no-audit --no-fund --loglevel=error
	touch $@

e2e-tools: $(SIM)/node_modules/.installed $(GSIM)/node_modules/.installed
	bash .ci/install-browser.sh

run: $(STAMP)
	$(BIN)/voicecart serve --demo

lint: $(STAMP)
	$(BIN)/ruff check lambda tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# `sam build` as docs/aws.md has a new user run it: the SAM CLI from PyPI, the template's
# Python (3.12, from pyenv on these machines), arm64 wheels; no Docker, no AWS account.
sam-build:
	bash scripts/check_sam_build.sh

test: $(STAMP) e2e-tools lint typecheck sam-build
	$(BIN)/voicecart models check
	$(BIN)/pytest -q

# The benchmarks (README "Benchmarks"): BENCH_ARGS="--quick", "--json PATH", "--only http".
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(SIM)/node_modules $(GSIM)/node_modules .pytest_cache .mypy_cache .ruff_cache
