"""Where the landing folder and the warehouse live: one place for every entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from journey.contract import LANDING_TABLES, landing_files

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_RAW_DIR = PROJECT_DIR / "data" / "demo"
DEFAULT_DUCKDB_PATH = PROJECT_DIR / "warehouse" / "journey.duckdb"
DEFAULT_REPORTS_DIR = PROJECT_DIR / "reports"

__all__ = ["LANDING_TABLES", "PROJECT_DIR", "Settings", "landing_is_empty"]


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    duckdb_path: Path
    reports_dir: Path

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            raw_dir=_resolve(env.get("JOURNEY_RAW_DIR"), DEFAULT_RAW_DIR),
            duckdb_path=_resolve(env.get("JOURNEY_DUCKDB_PATH"), DEFAULT_DUCKDB_PATH),
            reports_dir=_resolve(env.get("JOURNEY_REPORTS_DIR"), DEFAULT_REPORTS_DIR),
        )

    def dbt_env(self) -> dict[str, str]:
        """Environment for a dbt process: absolute paths, so the working directory is free."""
        return {
            "JOURNEY_RAW_DIR": str(self.raw_dir),
            "JOURNEY_DUCKDB_PATH": str(self.duckdb_path),
        }


def _resolve(value: str | None, default: Path) -> Path:
    if not value:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else (Path.cwd() / path).resolve()


def landing_is_empty(raw_dir: Path) -> bool:
    """True when no landing table has a file."""
    return not raw_dir.is_dir() or not any(
        landing_files(raw_dir, table) for table in LANDING_TABLES
    )
