"""Where the landing folder and the warehouse live: one place for every entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from journey.contract import LANDING_TABLES, landing_files, tool_provides

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_RAW_DIR = PROJECT_DIR / "data" / "demo"
DEFAULT_DUCKDB_PATH = PROJECT_DIR / "warehouse" / "journey.duckdb"
DEFAULT_REPORTS_DIR = PROJECT_DIR / "reports"
DEFAULT_SPARK_DIR = PROJECT_DIR / ".spark"
DEFAULT_POSTGRES_DIR = PROJECT_DIR / ".postgres"
# dbt targets of profiles.yml; JOURNEY_TARGET (or `--target`) picks one, duckdb by default.
TARGETS: tuple[str, ...] = ("duckdb", "postgres", "spark")

__all__ = [
    "LANDING_TABLES",
    "PROJECT_DIR",
    "TARGETS",
    "Settings",
    "is_default_raw_dir",
    "landing_is_empty",
    "unusable_landing_message",
]
# File names a landing table may have, as the message for an unusable folder lists them.
ACCEPTED_SUFFIXES: tuple[str, ...] = tuple(dict.fromkeys((".csv", ".csv.gz", ".parquet")))
# Entries of an unusable folder named in its message; the rest are counted.
_FOUND_SHOWN = 12


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    duckdb_path: Path
    reports_dir: Path
    target: str = "duckdb"
    spark_dir: Path = DEFAULT_SPARK_DIR  # local Spark: metastore, tables, landing Parquet
    postgres_database: str = "journey"
    # Appended to every schema dbt writes (Postgres builds beside the published schemas).
    schema_suffix: str = ""
    # The privacy key file dbt reads keyed hashes' key from (journey/privacy.py); None: dbt
    # sees JOURNEY_PRIVACY_KEY as the environment has it (no key: hash columns are null).
    privacy_key_file: Path | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            raw_dir=_resolve(env.get("JOURNEY_RAW_DIR"), DEFAULT_RAW_DIR),
            duckdb_path=_resolve(env.get("JOURNEY_DUCKDB_PATH"), DEFAULT_DUCKDB_PATH),
            reports_dir=_resolve(env.get("JOURNEY_REPORTS_DIR"), DEFAULT_REPORTS_DIR),
            target=_target(env.get("JOURNEY_TARGET")),
            spark_dir=_resolve(env.get("JOURNEY_SPARK_DIR"), DEFAULT_SPARK_DIR),
            postgres_database=env.get("JOURNEY_PG_DATABASE") or "journey",
        )

    def dbt_env(self) -> dict[str, str]:
        """Environment for a dbt process: absolute paths, so the working directory is free."""
        return {
            "JOURNEY_RAW_DIR": str(self.raw_dir),
            "JOURNEY_DUCKDB_PATH": str(self.duckdb_path),
            "JOURNEY_TARGET": self.target,
            "JOURNEY_SPARK_DIR": str(self.spark_dir),
            "JOURNEY_PG_DATABASE": self.postgres_database,
            "JOURNEY_SCHEMA_SUFFIX": self.schema_suffix,
            **local_postgres_port(),
            **self._privacy_key_env(),
        }

    def _privacy_key_env(self) -> dict[str, str]:
        """Where dbt finds the privacy key: DuckDB reads the file at query time; a Postgres
        session gets it as a setting through PGOPTIONS (see journey_keyed_hash)."""
        if not self.privacy_key_file:
            return {}
        env = {"JOURNEY_PRIVACY_KEY_FILE": str(self.privacy_key_file)}
        if self.target == "postgres":
            from journey.privacy import postgres_key_options

            env["PGOPTIONS"] = postgres_key_options(
                self.privacy_key_file, os.environ.get("PGOPTIONS", "")
            )
        return env


def local_postgres_port() -> dict[str, str]:
    """JOURNEY_PG_PORT of the cluster scripts/postgres.sh started, unless the environment
    already points at a server."""
    if os.environ.get("JOURNEY_PG_PORT"):
        return {}
    port_file = Path(os.environ.get("JOURNEY_PG_DIR") or DEFAULT_POSTGRES_DIR) / "port"
    return {"JOURNEY_PG_PORT": port_file.read_text().strip()} if port_file.is_file() else {}


def _target(value: str | None) -> str:
    target = value or "duckdb"
    if target not in TARGETS:
        raise SystemExit(f"JOURNEY_TARGET '{target}' is not one of: {', '.join(TARGETS)}")
    return target


def _resolve(value: str | None, default: Path) -> Path:
    if not value:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else (Path.cwd() / path).resolve()


def landing_is_empty(raw_dir: Path) -> bool:
    """True when no landing table has a file and no tool folder feeds one."""
    return not raw_dir.is_dir() or not any(
        landing_files(raw_dir, table) or tool_provides(raw_dir, table) for table in LANDING_TABLES
    )


def is_default_raw_dir(raw_dir: Path) -> bool:
    """True for the demo folder (data/demo), the only one demo data is ever generated into."""
    return raw_dir.resolve() == DEFAULT_RAW_DIR.resolve()


def unusable_landing_message(raw_dir: Path) -> str | None:
    """Why a landing folder holds nothing to build from (missing, empty, or no file named as a
    landing table), naming what it expects and what it found; None when a table is there."""
    if not landing_is_empty(raw_dir):
        return None
    if not raw_dir.exists():
        found = "the folder does not exist"
    elif not raw_dir.is_dir():
        found = "a file, not a folder"
    else:
        entries = sorted(
            entry.name + ("/" if entry.is_dir() else "") for entry in raw_dir.iterdir()
        )
        shown = ", ".join(entries[:_FOUND_SHOWN])
        more = len(entries) - _FOUND_SHOWN
        found = (
            "nothing (the folder is empty)"
            if not entries
            else shown + (f" and {more} more" if more > 0 else "")
        )
    names = " or ".join(f"<table>{suffix}" for suffix in ACCEPTED_SUFFIXES)
    return (
        f"Landing folder {raw_dir} (JOURNEY_RAW_DIR) holds no landing table. Expected, for "
        f"each table ({', '.join(LANDING_TABLES)}): {names}, or a folder <table>/ of such "
        f"files. Found instead: {found}. Demo data is generated only into the default folder "
        f"{DEFAULT_RAW_DIR}; to fill this folder with demo data on purpose, run "
        f"`journey generate --out {raw_dir}`."
    )
