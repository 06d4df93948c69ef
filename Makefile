# Two front-door commands: `make run` (build the warehouse on demo data) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export JOURNEY_RAW_DIR ?= data/demo
export JOURNEY_DUCKDB_PATH ?= warehouse/journey.duckdb
PERSONS ?= 2000

.PHONY: run test ui lint bench docs clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/journey run --persons $(PERSONS)

test: $(STAMP)
	bash scripts/test.sh

ui: $(STAMP)
	$(BIN)/journey ui

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models macros tests/dbt

bench: $(STAMP)
	$(BIN)/journey bench --sizes 2000 20000

clean:
	rm -rf target logs warehouse data reports artifacts .dagster_home
