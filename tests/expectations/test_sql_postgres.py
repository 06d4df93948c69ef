"""The raw suites' derived columns, translated to Postgres (expectations.sql_postgres), read
awkward landing text exactly as DuckDB does: the same parsed timestamps and numbers, the same
"does not parse" notes. Needs a local Postgres (scripts/postgres.sh starts one) unless
JOURNEY_PG_PORT points at a server; the safe-cast functions come from the dbt macro itself."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import psycopg
import pytest

from expectations.raw import sql_readings
from expectations.sql_postgres import translate
from journey.contract import TABLES
from journey.dbt_runner import dbt_executable
from journey.engines import ensure_postgres, postgres_params
from journey.parity import canonical
from journey.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.slow

DATABASE = "journey_sql_postgres_test"
# (amount, created_at) as they may land: valid, edge and broken spellings.
AWKWARD = [
    ("1e3", "2024-03-01T9:05:00+0200"),
    (" 12.50 ", "2024-03-01T10:00:00.123456Z"),
    ("abc", "2024-02-30 10:00:00"),
    ("1e999", "2024-03-01 10:00"),
    (".5", "2024-03-01 10:00:00 UTC"),
    ("-", "03/01/2024"),
    ("", "  "),
    (None, None),
    ("NaN", "infinity"),
]


def test_translated_readings_equal_duckdb_readings(tmp_path: Path) -> None:
    settings = Settings.from_env({"JOURNEY_TARGET": "postgres", "JOURNEY_PG_DATABASE": DATABASE})
    ensure_postgres(settings)
    created = subprocess.run(
        [dbt_executable(), "run-operation", "journey_postgres_create_functions"],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            **settings.dbt_env(),
            "DBT_TARGET_PATH": str(tmp_path / "target"),
            "DBT_LOG_PATH": str(tmp_path / "logs"),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stdout
    items = ", ".join(sql_readings(["amount", "created_at"], TABLES["crm_deals"]))
    read = f"select {items} from landing.crm_deals order by row_number"

    with duckdb.connect() as connection:
        connection.execute("set TimeZone = 'UTC'")
        connection.execute(
            "create schema landing; create table landing.crm_deals"
            " (row_number integer, amount varchar, created_at varchar)"
        )
        connection.executemany(
            "insert into landing.crm_deals values (?, ?, ?)",
            [(n, *row) for n, row in enumerate(AWKWARD)],
        )
        expected = connection.execute(read).fetchall()
    with psycopg.connect(**postgres_params(settings)) as connection:
        connection.execute("set TimeZone = 'UTC'")
        connection.execute("drop schema if exists landing cascade")
        connection.execute(
            "create schema landing; create table landing.crm_deals"
            " (row_number integer, amount text, created_at text)"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "insert into landing.crm_deals values (%s, %s, %s)",
                [(n, *row) for n, row in enumerate(AWKWARD)],
            )
        found = connection.execute(translate(read)).fetchall()

    def spelled(rows: list[tuple]) -> list[list[str]]:
        return [[canonical(value) for value in row] for row in rows]

    assert spelled(found) == spelled(expected)
    # Not vacuous: some values parse, and some are noted as not parsing.
    assert any(row[1] is not None for row in expected)
    assert any(str(row[0]).endswith(")") for row in expected if row[0])
