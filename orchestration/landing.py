"""Landing assets: one per raw table, observing the files the daily build will read."""

import csv
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from journey.contract import landing_files, missing_table_message, tool_provides
from orchestration.resources import JourneyResource
from orchestration.translator import LANDING_GROUP, LANDING_SCHEMA, landing_asset_key


@dataclass(frozen=True)
class LandingFile:
    path: Path
    bytes: int
    modified_ns: int
    rows: int
    columns: tuple[str, ...]


def _csv_header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        first = next(csv.reader(handle), [])
    return [name.strip().lower() for name in first]


def _describe_file(connection: duckdb.DuckDBPyConnection, path: Path) -> LandingFile:
    stat = path.stat()
    if stat.st_size == 0:
        # The loader reads a zero-byte file as a valid, empty table.
        return LandingFile(path, 0, stat.st_mtime_ns, 0, ())
    if path.suffix == ".parquet":
        described = connection.execute(
            "describe select * from read_parquet($path)", {"path": str(path)}
        ).fetchall()
        columns = tuple(str(row[0]).strip().lower() for row in described)
        rows = connection.execute(
            "select count(*) from read_parquet($path)", {"path": str(path)}
        ).fetchone()[0]
    else:
        columns = tuple(_csv_header(path))
        # Same dialect as the loader, so lines it would reject are not counted here either.
        rows = connection.execute(
            "select count(*) from read_csv($path, header = true, auto_detect = false,"
            " columns = $columns, delim = ',', quote = '\"', escape = '\"',"
            " ignore_errors = true)",
            {"path": str(path), "columns": {f"c{i}": "VARCHAR" for i in range(len(columns))}},
        ).fetchone()[0]
    return LandingFile(path, stat.st_size, stat.st_mtime_ns, int(rows), columns)


def describe_landing_table(raw_dir: Path, table: str) -> list[LandingFile]:
    with duckdb.connect() as connection:
        return [_describe_file(connection, path) for path in landing_files(raw_dir, table)]


def check_landing_table(
    raw_dir: Path, table: str, files: Sequence[LandingFile], required: Sequence[str]
) -> str | None:
    """Why the table cannot be built (no file, a required column missing), or None."""
    if not files:
        return None if tool_provides(raw_dir, table) else missing_table_message(raw_dir, table)
    for landing_file in files:
        missing = [name for name in required if name not in landing_file.columns]
        if landing_file.bytes and missing:
            names = "', '".join(missing)
            return (
                f"Landing table '{table}' ({landing_file.path}): required column"
                f"{'s' if len(missing) > 1 else ''} '{names}' missing. "
                f"Columns found: {', '.join(landing_file.columns)}"
            )
    return None


def landing_metadata(raw_dir: Path, files: Sequence[LandingFile]) -> dict[str, Any]:
    return {
        "files": dg.MetadataValue.json([str(f.path.relative_to(raw_dir)) for f in files]),
        "file_count": len(files),
        "bytes": sum(f.bytes for f in files),
        "dagster/row_count": sum(f.rows for f in files),
        "modified_at": dg.MetadataValue.timestamp(
            max((f.modified_ns for f in files), default=0) / 1e9
        ),
        "landing_folder": dg.MetadataValue.path(str(raw_dir)),
    }


def landing_fingerprint(raw_dir: Path, files: Sequence[LandingFile]) -> str:
    listing = "\n".join(f"{f.path.relative_to(raw_dir)}\t{f.bytes}\t{f.modified_ns}" for f in files)
    return hashlib.sha256(listing.encode()).hexdigest()


def landing_columns(manifest: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Required columns per landing table, as the dbt sources declare them."""
    return {
        source["identifier"]: tuple(name.lower() for name in source.get("columns", {}))
        for source in manifest.get("sources", {}).values()
        if source.get("schema") == LANDING_SCHEMA and not source["identifier"].startswith("_")
    }


def build_landing_asset(table: str, required: Sequence[str]) -> dg.AssetsDefinition:
    @dg.asset(
        key=landing_asset_key(table),
        group_name=LANDING_GROUP,
        description=(
            f"The landing files of `{table}` (CSV or Parquet in JOURNEY_RAW_DIR): observed "
            "before the build so every run records what it read."
        ),
        kinds={"file"},
    )
    def _landing_table(journey: JourneyResource) -> dg.MaterializeResult:
        raw_dir = journey.to_settings().raw_dir
        files = describe_landing_table(raw_dir, table)
        problem = check_landing_table(raw_dir, table, files, required)
        if problem:
            raise dg.Failure(description=problem)
        return dg.MaterializeResult(
            metadata=landing_metadata(raw_dir, files),
            # Unchanged files keep their data version, so Dagster can tell the data is not new.
            data_version=dg.DataVersion(landing_fingerprint(raw_dir, files)),
        )

    return _landing_table


def build_landing_assets(
    tables: Sequence[str], manifest: Mapping[str, Any]
) -> list[dg.AssetsDefinition]:
    columns = landing_columns(manifest)
    return [build_landing_asset(table, columns.get(table, ())) for table in tables]


def build_loader_tables(manifest: Mapping[str, Any]) -> list[dg.AssetSpec]:
    """The loader's bookkeeping tables (`_files`, `_rejected_lines`): written by dbt's
    on-run-start hook, declared here so they sit in the landing group instead of floating."""
    return [
        dg.AssetSpec(
            key=landing_asset_key(source["identifier"].lstrip("_")),
            group_name=LANDING_GROUP,
            description=source.get("description") or None,
            kinds={"duckdb"},
        )
        for source in manifest.get("sources", {}).values()
        if source.get("schema") == LANDING_SCHEMA and source["identifier"].startswith("_")
    ]
