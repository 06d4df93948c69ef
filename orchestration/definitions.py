"""Dagster entry point: `dagster dev -m orchestration.definitions`.

Paths come from the environment (JOURNEY_RAW_DIR, JOURNEY_DUCKDB_PATH, JOURNEY_REPORTS_DIR);
the dbt manifest is (re)parsed on load when it is missing or older than the dbt code.
"""

from __future__ import annotations

from orchestration.code_location import build_definitions

defs = build_definitions()
