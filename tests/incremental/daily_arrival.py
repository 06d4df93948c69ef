"""Feeds a landing folder to the warehouse batch by batch, as daily arrival files would.

Each step adds a day's files to the folder and loads it with `dbt run-operation load_landing`,
which appends the files it has not processed as the next batch (`landing._files.batch_id`),
then runs dbt with `journey__landing_preloaded: true`, so the incremental models see the
newest batch's files as new.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pytest
from dbt_harness import comparable_columns, run_dbt

DAILY_TABLES = ("web_events", "web_identifies")


class DailyWarehouse:
    """One DuckDB warehouse fed batch by batch from `raw_dir`."""

    def __init__(self, raw_dir: Path, duckdb_path: Path, work_dir: Path) -> None:
        self.raw_dir = raw_dir
        self.duckdb_path = duckdb_path
        self.work_dir = work_dir
        self.batches = 0

    def dbt(self, *args: str, extra_vars: Mapping[str, object] | None = None) -> str:
        dbt_vars = {"journey__landing_preloaded": True, **(extra_vars or {})}
        result = run_dbt(
            [*args, "--vars", json.dumps(dbt_vars)], self.raw_dir, self.duckdb_path, self.work_dir
        )
        if result.returncode != 0:
            pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}")
        return result.stdout

    def load(self) -> None:
        """Loads the files of the folder not processed yet, as the next batch."""
        result = run_dbt(
            ["run-operation", "load_landing"], self.raw_dir, self.duckdb_path, self.work_dir
        )
        if result.returncode != 0:
            pytest.fail(f"load_landing failed:\n{result.stdout[-6000:]}")
        self.batches += 1

    def run(self, extra_vars: Mapping[str, object] | None = None) -> None:
        """Loads the folder as it is now and runs the models (seeds first on the first batch)."""
        self.load()
        if self.batches == 1:
            self.dbt("seed")
        self.dbt("run", extra_vars=extra_vars)

    def copy(self, duckdb_path: Path, work_dir: Path) -> DailyWarehouse:
        shutil.copyfile(self.duckdb_path, duckdb_path)
        copied = DailyWarehouse(self.raw_dir, duckdb_path, work_dir)
        copied.batches = self.batches
        return copied

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            return connection.execute(sql, list(params)).fetchall()


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_day(
    raw_dir: Path, table: str, day: int, columns: Sequence[str], rows: list[dict]
) -> None:
    write_rows(raw_dir / table / f"day_{day}.csv", columns, rows)


def marts_differences(first: Path, second: Path) -> dict[str, tuple[int, int, int]]:
    """Every table of schema marts in `first`: (rows, rows only in first, rows only in second),
    compared with `except all` both ways (doubles rounded to 1e-9: `comparable_columns`)."""
    differences: dict[str, tuple[int, int, int]] = {}
    with duckdb.connect() as connection:
        connection.execute(f"attach '{first}' as first_db (read_only)")
        connection.execute(f"attach '{second}' as second_db (read_only)")
        tables = [
            row[0]
            for row in connection.execute(
                "select table_name from duckdb_tables() where database_name = 'first_db'"
                " and schema_name = 'marts' order by table_name"
            ).fetchall()
        ]
        for table in tables:
            first_table, second_table = f"first_db.marts.{table}", f"second_db.marts.{table}"
            columns = comparable_columns(connection, "first_db", table)
            rows = connection.execute(f"select count(*) from {first_table}").fetchone()[0]
            only_first = connection.execute(
                f"select count(*) from (select {columns} from {first_table}"
                f" except all select {columns} from {second_table})"
            ).fetchone()[0]
            only_second = connection.execute(
                f"select count(*) from (select {columns} from {second_table}"
                f" except all select {columns} from {first_table})"
            ).fetchone()[0]
            differences[table] = (rows, only_first, only_second)
    return differences
