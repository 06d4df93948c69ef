#!/usr/bin/env bash
# The Spark check (`make test-spark`): the same marts on duckdb, postgres and spark, built from
# 200 generated persons. Spark's local JVM makes it the slowest engine here by far.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
unset JOURNEY_TARGET
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$BIN/journey generate --persons 200 --seed 5 --out "$work/landing" --format csv --no-progress
export DBT_LOG_PATH="$work/logs"
time $BIN/journey parity --targets duckdb,postgres,spark --raw-dir "$work/landing" --work "$work/parity"
