# Two front-door commands: `make run` (build the warehouse on demo data) and `make test`.
# JOURNEY_TARGET=postgres|spark picks another engine; its prerequisites are installed here.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export JOURNEY_RAW_DIR ?= data/demo
export JOURNEY_DUCKDB_PATH ?= warehouse/journey.duckdb
PERSONS ?= 2000
export JOURNEY_TARGET ?= duckdb
SPARK_STAMP := $(VENV)/.spark-installed
# What a target needs before dbt runs: nothing, a running local Postgres, Java + pyspark.
ENGINE_duckdb :=
ENGINE_postgres := postgres-up
ENGINE_spark := $(SPARK_STAMP)

.PHONY: run test test-spark postgres-up postgres-down ui lint bench docs clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	bash scripts/install_spark.sh
	touch $(SPARK_STAMP)

postgres-up:
	bash scripts/postgres.sh start

postgres-down:
	bash scripts/postgres.sh stop

# The Dagster job (quality gate, reports, write–audit–publish) runs on duckdb and postgres;
# spark runs `journey build` (README: Postgres and Spark says why).
run: $(STAMP) $(ENGINE_$(JOURNEY_TARGET))
	$(BIN)/journey $(if $(filter spark,$(JOURNEY_TARGET)),build,run) --persons $(PERSONS)

test: $(STAMP) postgres-up
	bash scripts/test.sh

test-spark: $(STAMP) postgres-up $(SPARK_STAMP)
	bash scripts/test_spark.sh

ui: $(STAMP)
	$(BIN)/journey ui

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models macros tests/dbt

bench: $(STAMP)
	$(BIN)/journey bench --sizes 2000 20000

clean:
	rm -rf target logs warehouse data reports artifacts .dagster_home .spark
