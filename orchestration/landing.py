"""The landing step: one read of the landing folder per run, into the run's build.

It fingerprints the files the run will read (name, size, modification time, SHA-256 of the
content), checks that every table has files, loads them into the build with
`dbt run-operation load_landing` (whose loader checks each file's columns), and materializes
one asset per landing table with what was read. The fingerprint is kept in the build
(`meta.landing_files`), so the run can prove before publishing that the folder did not change
under it.
"""

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DbtCliInvocation, DbtCliResource

from journey.contract import TOOL_FEEDS, landing_files, landing_table_problem
from orchestration import postgres_build
from orchestration.erasure import erase_in_postgres_run, erase_in_run
from orchestration.project import invocation_target_dir
from orchestration.resources import JourneyResource, build_key, dbt_environment, dbt_vars
from orchestration.translator import LANDING_GROUP, LANDING_SCHEMA, landing_asset_key
from orchestration.warehouse import create_build, record_process, whole_warehouse

LANDING_LOAD = "landing_load"
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileFingerprint:
    """One landing file as the run read it; `path` relative to the landing folder."""

    path: str
    bytes: int
    modified_ns: int
    sha256: str


# ----------------------------------------------------------------------------- fingerprint


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint_landing(raw_dir: Path, tables: Sequence[str]) -> list[FileFingerprint]:
    """Every file the loader reads for `tables` and every file of the tool folders (read by
    the tool loader), with a hash of its content."""
    fingerprints = []
    paths = [path for table in tables for path in landing_files(raw_dir, table)]
    for path in paths + tool_folder_files(raw_dir):
        stat = path.stat()
        fingerprints.append(
            FileFingerprint(
                path=path.relative_to(raw_dir).as_posix(),
                bytes=stat.st_size,
                modified_ns=stat.st_mtime_ns,
                sha256=_sha256(path),
            )
        )
    return fingerprints


def tool_folder_files(raw_dir: Path) -> list[Path]:
    """The files of the landing folder's tool folders (`<tool>/`), hidden ones left out."""
    return sorted(
        path
        for tool in TOOL_FEEDS
        if (raw_dir / tool).is_dir()
        for path in (raw_dir / tool).rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


def fingerprint_digest(files: Sequence[FileFingerprint]) -> str:
    """One hash for a set of files: equal exactly when names, sizes, times and contents are."""
    listing = "\n".join(
        f"{f.path}\t{f.bytes}\t{f.modified_ns}\t{f.sha256}" for f in sorted(files, key=_by_path)
    )
    return hashlib.sha256(listing.encode()).hexdigest()


def _by_path(fingerprint: FileFingerprint) -> str:
    return fingerprint.path


def landing_changes(
    recorded: Sequence[FileFingerprint], current: Sequence[FileFingerprint]
) -> list[str]:
    """The files that changed, appeared or disappeared since `recorded`, one line each."""
    before = {f.path: f for f in recorded}
    after = {f.path: f for f in current}
    lines = []
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old is None:
            lines.append(f"{path}: appeared ({new.bytes:,} bytes)")
        elif new is None:
            lines.append(f"{path}: disappeared")
        elif old != new:
            what = "content" if old.sha256 != new.sha256 else "modification time"
            lines.append(f"{path}: changed ({what}; {old.bytes:,} → {new.bytes:,} bytes)")
    return lines


SNAPSHOT_TABLE = "meta.landing_files"


def write_snapshot(build: Path, files: Sequence[FileFingerprint]) -> None:
    """Keeps the run's fingerprint in the build, so it is published with the warehouse."""
    with duckdb.connect(str(build)) as connection:
        connection.execute("create schema if not exists meta")
        connection.execute(
            f"create or replace table {SNAPSHOT_TABLE} (path varchar, bytes bigint,"
            " modified_ns bigint, sha256 varchar)"
        )
        if files:
            connection.executemany(
                f"insert into {SNAPSHOT_TABLE} values (?, ?, ?, ?)",
                [[f.path, f.bytes, f.modified_ns, f.sha256] for f in files],
            )


def read_snapshot(build: Path) -> list[FileFingerprint]:
    with duckdb.connect(str(build), read_only=True) as connection:
        rows = connection.execute(
            f"select path, bytes, modified_ns, sha256 from {SNAPSHOT_TABLE} order by path"
        ).fetchall()
    return [FileFingerprint(*row) for row in rows]


# ----------------------------------------------------------------------------- the asset


def records_processed_files(published: Path) -> bool:
    """Whether the published warehouse records the landing files it processed (with their
    fingerprints), so a run can start from it and append only new files. A warehouse from
    before that record is rebuilt from scratch, as is a missing one."""
    if not published.is_file():
        return False
    with duckdb.connect(str(published), read_only=True) as connection:
        (columns,) = connection.execute(
            "select count(*) from information_schema.columns where table_schema = ?"
            " and table_name = '_files' and column_name in ('fingerprint', 'batch_id')",
            [LANDING_SCHEMA],
        ).fetchone()
    return columns == 2


def processed_file_problems(
    published: Path, raw_dir: Path, current: Sequence[FileFingerprint]
) -> str | None:
    """Why the landing folder cannot be added to the published warehouse: the files it
    recorded as processed (`landing._files`) that changed or disappeared since, each named
    with its table and batch, worded as the loader words it; None when there are none."""
    with duckdb.connect(str(published), read_only=True) as connection:
        recorded = connection.execute(
            f"select table_name, source_file, fingerprint, batch_id from {LANDING_SCHEMA}._files"
            " where fingerprint is not null order by table_name, source_file"
        ).fetchall()
    now = {f.path: f.sha256 for f in current}
    lines = []
    for table, source_file, fingerprint, batch in recorded:
        found = now.get(source_file)
        if found is None:
            lines.append(
                f"Landing table '{table}': file '{source_file}' was loaded (batch {batch}) and"
                " has disappeared from the landing folder."
            )
        elif found != fingerprint:
            lines.append(
                f"Landing table '{table}': file '{source_file}' changed after it was loaded"
                f" (batch {batch}; SHA-256 {fingerprint[:12]} then, {found[:12]} now)."
            )
    if not lines:
        return None
    return (
        f"The landing folder '{raw_dir}' cannot be loaded; no landing table was changed. Files"
        " already loaded into the warehouse must stay as they were: add new files instead, or"
        " reload everything with a full refresh (`journey run --full-refresh`, or dbt var"
        " `journey__full_refresh: true`).\n" + "\n".join(lines)
    )


def _loaded_rows(build: Path) -> tuple[dict[str, int], int | None, set[str]]:
    """Rows loaded per landing file, as the loader counted them (`landing._files`), the batch
    this load appended (None when it found no new file) and that batch's files."""
    with duckdb.connect(str(build), read_only=True) as connection:
        rows = connection.execute(
            f"select source_file, row_count from {LANDING_SCHEMA}._files"
        ).fetchall()
        (batch,) = connection.execute(f"select batch_id from {LANDING_SCHEMA}._load").fetchone()
        new = connection.execute(
            f"select source_file from {LANDING_SCHEMA}._files where batch_id = ?", [batch]
        ).fetchall()
    return {str(name): int(count) for name, count in rows}, batch, {str(row[0]) for row in new}


def dbt_error_messages(invocation: DbtCliInvocation) -> list[str]:
    """Waits for a dbt invocation and returns the messages it logged as errors."""
    return [
        str(event.raw_event["info"]["msg"])
        for event in invocation.stream_raw_events()
        if event.raw_event.get("info", {}).get("level") == "error"
    ]


def landing_metadata(
    raw_dir: Path,
    table: str,
    files: Sequence[FileFingerprint],
    rows: Mapping[str, int],
    folder_fingerprint: str,
) -> dict[str, Any]:
    return {
        "files": dg.MetadataValue.json([f.path for f in files]),
        "file_count": len(files),
        "bytes": sum(f.bytes for f in files),
        "dagster/row_count": sum(rows.get(f.path, 0) for f in files),
        "modified_at": dg.MetadataValue.timestamp(
            max((f.modified_ns for f in files), default=0) / 1e9
        ),
        "landing_folder": dg.MetadataValue.path(str(raw_dir)),
        "sha256": dg.MetadataValue.json({f.path: f.sha256 for f in files}),
        "landing_fingerprint": folder_fingerprint,
        "table": table,
    }


def _loader_sources(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The loader's bookkeeping tables (`_files`, `_rejected_lines`)."""
    return [
        source
        for source in manifest.get("sources", {}).values()
        if source.get("schema") == LANDING_SCHEMA and source["identifier"].startswith("_")
    ]


def build_landing_load(tables: Sequence[str], manifest: Mapping[str, Any]) -> dg.AssetsDefinition:
    """One step for all landing tables: they are fingerprinted and loaded together."""
    loader_keys = [
        landing_asset_key(source["identifier"].lstrip("_")) for source in _loader_sources(manifest)
    ]
    specs = [
        dg.AssetSpec(
            key=landing_asset_key(table),
            group_name=LANDING_GROUP,
            description=(
                f"`{table}` as loaded into the run's build from the landing folder "
                "(JOURNEY_RAW_DIR): files, bytes, rows, modification time and content hash."
            ),
            kinds={"file"},
        )
        for table in tables
    ] + [
        dg.AssetSpec(
            key=key,
            group_name=LANDING_GROUP,
            description=source.get("description") or None,
            kinds={"duckdb"},
        )
        for key, source in zip(loader_keys, _loader_sources(manifest), strict=True)
    ]

    @dg.multi_asset(
        name=LANDING_LOAD,
        specs=specs,
        description=(
            "Fingerprints the landing folder and loads it once into the run's build "
            "(`dbt run-operation load_landing`); the dbt build then skips its own load."
        ),
    )
    def landing_load(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, journey: JourneyResource
    ) -> Iterator[dg.MaterializeResult]:
        settings = journey.to_settings()
        raw_dir = settings.raw_dir
        # A table with no file (or given twice) stops the run before a build is made; the
        # loader checks each file's columns as it reads it.
        for table in tables:
            problem = landing_table_problem(raw_dir, table)
            if problem:
                raise dg.Failure(description=problem)

        snapshot = fingerprint_landing(raw_dir, tables)
        folder_fingerprint = fingerprint_digest(snapshot)
        if settings.target == "postgres":
            rows, batch, new_files = _load_postgres(context, dbt, journey, snapshot)
        else:
            rows, batch, new_files = _load_duckdb(context, dbt, journey, snapshot)
        for table in tables:
            files = [f for f in snapshot if _table_of(f.path, tables) == table]
            metadata = landing_metadata(raw_dir, table, files, rows, folder_fingerprint)
            metadata["new_files"] = dg.MetadataValue.json(
                [f.path for f in files if f.path in new_files]
            )
            metadata["batch_id"] = batch
            yield dg.MaterializeResult(
                asset_key=landing_asset_key(table),
                metadata=metadata,
                # Unchanged files keep their data version, so Dagster can tell the data is
                # not new.
                data_version=dg.DataVersion(fingerprint_digest(files)),
            )
        for loader_key in loader_keys:
            yield dg.MaterializeResult(
                asset_key=loader_key, metadata={"landing_fingerprint": folder_fingerprint}
            )

    return landing_load


def _load_duckdb(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    journey: JourneyResource,
    snapshot: Sequence[FileFingerprint],
) -> tuple[dict[str, int], int | None, set[str]]:
    """Into the run's build file: `dbt run-operation load_landing`. An ordinary run updates a
    copy of the published warehouse, where the loader appends the files it has not processed
    (landing._files); a full refresh starts from nothing."""
    settings = journey.to_settings()
    raw_dir = settings.raw_dir
    folder_fingerprint = fingerprint_digest(snapshot)
    key = build_key(context.run)
    previous = whole_warehouse(settings.duckdb_path)
    incremental = not journey.full_refresh and records_processed_files(previous)
    if incremental:
        # The loader stops on these too; named here, they reach the run's failure report.
        problem = processed_file_problems(previous, raw_dir, snapshot)
        if problem:
            raise dg.Failure(description=problem)
    build = create_build(settings.duckdb_path, key, from_published=incremental)
    write_snapshot(build, snapshot)
    start = "the published warehouse" if incremental else "scratch"
    context.log.info(
        f"Landing folder {raw_dir}: {len(snapshot)} files, fingerprint "
        f"{folder_fingerprint[:12]}; building into {build} from {start}"
        + (" (full refresh)" if journey.full_refresh else "")
    )

    with dbt_environment(journey.dbt_settings()):
        args = ["run-operation", "load_landing", "--vars", dbt_vars(journey.full_refresh)]
        invocation = dbt.cli(
            args,
            target_path=invocation_target_dir("landing", args),
            raise_on_error=False,
        )
        record_process(settings.duckdb_path, key, invocation.process.pid)
        loader_errors = dbt_error_messages(invocation)
        error = invocation.get_error()
    if error is not None:
        # The loader's own words (table, file, column, reason) come first.
        reason = "\n".join(loader_errors) or str(error)
        raise dg.Failure(description=f"Loading the landing folder failed: {reason}")
    # Before anything reads the landing copies: erased people leave them here.
    erase_in_run(context, dbt, journey, build)

    rows, batch, new_files = _loaded_rows(build)
    context.log.info(
        f"Loaded {len(new_files)} new landing files as batch {batch}"
        if batch is not None
        else "No new landing file: the landing tables are unchanged"
    )
    return rows, batch, new_files


def _load_postgres(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    journey: JourneyResource,
    snapshot: Sequence[FileFingerprint],
) -> tuple[dict[str, int], int | None, set[str]]:
    """Into the run's build schemas on Postgres (orchestration/postgres_build.py), then the
    safe-cast functions the raw suites parse with, as the build creates them."""
    build = journey.build_settings(context.run)
    context.log.info(
        f"Landing folder {build.raw_dir}: {len(snapshot)} files, fingerprint "
        f"{fingerprint_digest(snapshot)[:12]}; building into Postgres schemas "
        f"*{build.schema_suffix} of database {build.postgres_database}"
    )
    try:
        rows = postgres_build.load_landing(
            build, [(f.path, f.bytes, f.modified_ns, f.sha256) for f in snapshot]
        )
    except SystemExit as error:  # the loader's own words: table, file, reason
        raise dg.Failure(description=str(error)) from None
    with dbt_environment(journey.dbt_settings()):
        # The run's vars, though the macro reads none: the call then reuses the run's parse.
        args = ["run-operation", "journey_postgres_create_functions"]
        args += ["--vars", dbt_vars(journey.full_refresh)]
        invocation = dbt.cli(
            args, target_path=invocation_target_dir("landing", args), raise_on_error=False
        ).wait()
    error = invocation.get_error()
    if error is not None:
        raise dg.Failure(description=f"Creating the Postgres parse functions failed: {error}")
    # Before anything reads the landing copies: erased people leave them here.
    erase_in_postgres_run(context, dbt, journey)
    # Postgres reloads the whole folder each run: every file is new, there is no batch.
    return rows, None, {f.path for f in snapshot}


def _table_of(relative: str, tables: Sequence[str]) -> str | None:
    """The landing table a file belongs to: `<table>.<suffix>` or `<table>/<part>`."""
    head = relative.split("/", 1)[0]
    for table in tables:
        if head == table or head.startswith(f"{table}."):
            return table
    return None
