"""A throw-away dbt context for identity tests: its own landing folder, warehouse, target
and logs, on the shared harness (dbt_harness)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from dbt_harness import csv_text, run_dbt

from journey.contract import LANDING_COLUMNS


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

    def write_landing(self, rows: dict[str, list[dict[str, str]]] | None = None) -> None:
        """Writes every landing table as CSV; tables without rows get only their header."""
        rows = rows or {}
        unknown = set(rows) - set(LANDING_COLUMNS)
        assert not unknown, f"unknown landing tables {unknown}"
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        for table in LANDING_COLUMNS:
            (self.raw_dir / f"{table}.csv").write_text(csv_text(table, rows.get(table, [])))

    def dbt(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_dbt(args, self.raw_dir, self.duckdb_path, self.root)
