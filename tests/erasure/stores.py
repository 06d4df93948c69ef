"""Searching everything a run wrote for an erased person's identifiers."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from journey.settings import Settings


def work_settings(work: Path, raw_dir: Path) -> Settings:
    """A run reading `raw_dir` that writes its warehouse and reports under `work`."""
    return Settings(
        raw_dir=raw_dir,
        duckdb_path=work / "warehouse" / "journey.duckdb",
        reports_dir=work / "reports",
    )


@contextmanager
def run_environment(work: Path) -> Iterator[None]:
    """dbt's target and logs and Dagster's home under `work` too, so every store a run writes
    is searched; no JOURNEY_PRIVACY_KEY, so the run keeps its own key file."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(work / "dbt" / "target"))
        patch.setenv("DBT_LOG_PATH", str(work / "dbt" / "logs"))
        patch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        patch.setenv("DAGSTER_HOME", str(work / "dagster_home"))
        patch.delenv("JOURNEY_PRIVACY_KEY", raising=False)
        yield


def raw_spellings(raw_dir: Path, values: list[str]) -> list[str]:
    """Every spelling of the values in the landing files, tool folders included (mixed
    case, spaces), raw."""
    wanted = {value.lower() for value in values}
    found = set()
    for path in raw_dir.rglob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                found.update(cell for cell in row if cell.strip().lower() in wanted)
    return sorted(found)


def _text_hits(path: Path, needles: list[str]) -> list[str]:
    """Text columns of every table and view in a DuckDB file that hold a needle (any case)."""
    hits = []
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = connection.execute(
            "select table_catalog, table_schema, table_name, column_name"
            " from information_schema.columns where data_type = 'VARCHAR'"
            " and table_schema not in ('information_schema', 'pg_catalog')"
        ).fetchall()
        for catalog, schema, table, column in columns:
            condition = " or ".join(f'contains(lower("{column}"), ?)' for _ in needles)
            count = connection.execute(
                f'select count(*) from "{catalog}"."{schema}"."{table}" where {condition}',
                [needle.lower() for needle in needles],
            ).fetchone()[0]
            if count:
                hits.append(f"{path.name}:{schema}.{table}.{column} ({count} rows)")
    return hits


def _file_hits(root: Path, needles: list[str], skip: Path) -> list[str]:
    lowered = [needle.lower().encode() for needle in needles]
    hits = []
    for path in root.rglob("*"):
        # DuckDB files too, byte for byte: deleted rows must not linger in free blocks.
        if not path.is_file() or path.is_relative_to(skip):
            continue
        data = path.read_bytes().lower()
        hits.extend(f"{path.relative_to(root)}: {n.decode()}" for n in lowered if n in data)
    return hits


def search_everything(work: Path, raw_dir: Path, needles: list[str]) -> dict[str, list[str]]:
    """Every DuckDB file the runs wrote (text columns) and every other file under the work
    folder (warehouse folder, reports, GX, dbt target and logs, Dagster home), except the raw
    exports, which stay the user's."""
    tables = []
    for path in sorted(work.rglob("*.duckdb")):
        tables.extend(_text_hits(path, needles))
    return {"tables": tables, "files": _file_hits(work, needles, raw_dir)}
