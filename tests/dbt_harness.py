"""Test harness: real dbt builds on hand-written landing folders in a temporary DuckDB file."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from journey.contract import LANDING_COLUMNS, LANDING_TABLES, landing_places  # noqa: E402
from journey.dbt_runner import dbt_executable  # noqa: E402


def csv_text(table: str, rows: Sequence[Mapping[str, str]]) -> str:
    """A landing CSV for `table`: SPEC header, the given rows (missing columns empty)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LANDING_COLUMNS[table], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in LANDING_COLUMNS[table]})
    return buffer.getvalue()


def write_landing(raw_dir: Path, tables: Mapping[str, Sequence[Mapping[str, str]]]) -> Path:
    """Writes every landing table as CSV (header only where no rows are given)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for table in LANDING_TABLES:
        if landing_places(raw_dir, table):
            continue
        (raw_dir / f"{table}.csv").write_text(csv_text(table, tables.get(table, [])))
    return raw_dir


@dataclass
class Warehouse:
    raw_dir: Path
    duckdb_path: Path
    result: subprocess.CompletedProcess[str]

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            return connection.execute(sql, list(params)).fetchall()

    def records(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            cursor = connection.execute(sql, list(params))
            names = [description[0] for description in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def run_dbt(
    args: Sequence[str], raw_dir: Path, duckdb_path: Path, work_dir: Path
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "JOURNEY_RAW_DIR": str(raw_dir),
        "JOURNEY_DUCKDB_PATH": str(duckdb_path),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [dbt_executable(), *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


BuildWarehouse = Callable[..., Warehouse]


@pytest.fixture(scope="session")
def build_warehouse(tmp_path_factory: pytest.TempPathFactory) -> BuildWarehouse:
    """Runs `dbt build` (or other dbt args) on a landing folder; returns the warehouse."""

    def build(
        raw_dir: Path,
        args: Sequence[str] = ("build",),
        check: bool = True,
        duckdb_path: Path | None = None,
    ) -> Warehouse:
        """`duckdb_path` reuses an earlier build's warehouse (a fresh one when None)."""
        work_dir = tmp_path_factory.mktemp("dbt")
        duckdb_path = duckdb_path or work_dir / "warehouse.duckdb"
        result = run_dbt(args, raw_dir, duckdb_path, work_dir)
        if check and result.returncode != 0:
            pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}")
        return Warehouse(raw_dir, duckdb_path, result)

    return build
