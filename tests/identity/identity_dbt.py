"""Runs dbt against a throw-away DuckDB warehouse and landing folder of its own.

A plain module (not a conftest) so its name cannot shadow the suite's shared `conftest`.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from journey.contract import LANDING_COLUMNS

PROJECT_DIR = Path(__file__).resolve().parents[2]


def dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


@dataclass(frozen=True)
class DbtProject:
    """A dbt invocation context: its own warehouse file, landing folder, target and logs."""

    root: Path

    @classmethod
    def create(cls, root: Path) -> DbtProject:
        """A context under `root` with a header-only landing folder."""
        project = cls(root)
        project.write_landing()
        return project

    @property
    def duckdb_path(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def raw_dir(self) -> Path:
        return self.root / "landing"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "JOURNEY_DUCKDB_PATH": str(self.duckdb_path),
            "JOURNEY_RAW_DIR": str(self.raw_dir),
            "DBT_TARGET_PATH": str(self.root / "target"),
            "DBT_LOG_PATH": str(self.root / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }

    def write_landing(self, rows: dict[str, list[dict[str, str]]] | None = None) -> None:
        """Writes every landing table as CSV; tables without rows get only their header."""
        rows = rows or {}
        unknown = set(rows) - set(LANDING_COLUMNS)
        assert not unknown, f"unknown landing tables {unknown}"
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        for table, columns in LANDING_COLUMNS.items():
            with (self.raw_dir / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                for row in rows.get(table, []):
                    writer.writerow({column: row.get(column, "") for column in columns})

    def dbt(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [dbt_executable(), *args],
            cwd=PROJECT_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
