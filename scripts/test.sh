#!/usr/bin/env bash
# Everything CI checks, in the order a failure is cheapest to find: lint, then pytest (unit,
# dbt, Dagster, Great Expectations, browser tests) on several workers. The full `dbt build` of
# the demo data (400 persons, seed 7) runs once per worker inside pytest (fixture
# `demo_warehouse`), where the tests that read the marts share it; so does `journey parity` on DuckDB and Postgres
# (tests/engines/test_parity.py, on generated data plus awkward values).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "ruff"
$BIN/ruff check .
$BIN/ruff format --check .

step "demo landing data (400 persons, CSV)"
$BIN/journey generate --persons 400 --seed 7 --out "$work/landing" --format csv --no-progress

export JOURNEY_RAW_DIR="$work/landing"
export JOURNEY_DUCKDB_PATH="$work/warehouse.duckdb"
export DBT_TARGET_PATH="$work/target"
export DBT_LOG_PATH="$work/logs"

step "dbt parse"
$BIN/dbt parse --quiet

step "sqlfluff (dbt templater, duckdb dialect)"
$BIN/sqlfluff lint models tests/dbt --processes 2

step "chromium for the quality report screenshot test"
bash scripts/install_chromium.sh

# One worker per core (at most four: each worker builds the shared demo warehouse once); a
# test module stays on one worker, so its module fixtures (a warehouse, a Dagster run) are
# built once; modules go out in collection order (tests/conftest.py puts the long end-to-end
# ones first), not xdist's default of most tests first. PYTEST_WORKERS=0 runs in one process.
workers=${PYTEST_WORKERS:-$(( $(nproc) < 4 ? $(nproc) : 4 ))}
step "pytest ($workers workers)"
unset JOURNEY_RAW_DIR JOURNEY_DUCKDB_PATH DBT_TARGET_PATH DBT_LOG_PATH
$BIN/pytest -n "$workers" --dist loadfile --no-loadscope-reorder
