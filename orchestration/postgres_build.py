"""A run's build on the postgres target: schemas beside the published ones.

DuckDB builds into a private file (orchestration/warehouse.py); Postgres builds into a private
set of schemas of the same database, named as the published ones with the suffix `__build`
(`landing__build`, `staging__build`, …, `marts__build`, `meta__build`). dbt writes them through
JOURNEY_SCHEMA_SUFFIX (macros/cross_db/generate_schema_name.sql); the suites read them
(expectations.sql_postgres); the publish step renames them over the published schemas in one
transaction (orchestration/publish_postgres.py). Only the run holding the database's build lock
(`database_lock`, an advisory lock, so it holds across machines) builds, so one fixed suffix
suffices: every run starts by dropping what a previous run left.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from journey.engines import ensure_postgres, postgres_params
from journey.settings import Settings
from journey.target_landing import land
from orchestration.warehouse import LOCK_TIMEOUT_VARIABLE, HeldLock, WarehouseLocked, reentered

BUILD_SUFFIX = "__build"
OLD_SUFFIX = "__old"
LANDING_SCHEMA = "landing"
META_SCHEMA = "meta"
SNAPSHOT_TABLE = "landing_files"


def connect(settings: Settings, **kwargs: Any) -> Any:
    import psycopg

    return psycopg.connect(**postgres_params(settings), **kwargs)


# The build lock's advisory lock key (one 32-bit key, `pg_locks.objid`; "jrny").
BUILD_LOCK_KEY = 0x6A726E79
_POLL_SECONDS = 1.0


# Build locks this process holds, by server and database (see `warehouse._HELD`).
_HELD_DATABASES: dict[tuple[str, int, str], HeldLock] = {}


def _holder(connection: Any) -> str:
    row = connection.execute(
        "select activity.application_name, coalesce(host(activity.client_addr), 'a local socket'),"
        " to_char(activity.backend_start at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        " from pg_locks as locks inner join pg_stat_activity as activity"
        " on activity.pid = locks.pid where locks.locktype = 'advisory' and locks.granted"
        " and locks.classid = 0 and locks.objid = %s and locks.objsubid = 1"
        " and locks.database = (select oid from pg_database where datname = current_database())",
        [BUILD_LOCK_KEY],
    ).fetchone()
    if row is None:
        return "another session (it has just let go)"
    name, address, since = row
    return f"{name or 'an unnamed session'} (connected from {address} since {since})"


def database_locked_message(settings: Settings, holder: str, waited: float) -> str:
    params = postgres_params(settings)
    return (
        f"Postgres database {params['dbname']} on {params['host']}:{params['port']} is being "
        f"built by {holder}: its build lock (advisory lock {BUILD_LOCK_KEY}) is held"
        f"{f' (waited {waited:.0f}s)' if waited else ''}. Two runs never build it at once, "
        f"from this machine or another; wait for that run to finish (or set "
        f"{LOCK_TIMEOUT_VARIABLE} to wait for it)."
    )


@contextmanager
def database_lock(settings: Settings, run_id: str, timeout: float = 0.0) -> Iterator[None]:
    """Holds the database's build lock for `run_id`: a session advisory lock on a connection
    named `journey run <run_id>`, kept open for the whole run. Runs on other machines have
    other lock files but meet here; a killed run's connection closes and its lock goes with it.
    Re-entrant for the same run in one process. Raises WarehouseLocked naming the holder (its
    run, address and start) when another run keeps it longer than `timeout` seconds."""
    import psycopg

    params = postgres_params(settings)
    key = (str(params["host"]), int(params["port"]), str(params["dbname"]))
    held = _HELD_DATABASES.get(key)
    if held is not None:
        with reentered(
            held, run_id, lambda: database_locked_message(settings, f"run {held.run_id}", 0)
        ):
            yield
        return
    started = time.monotonic()
    with psycopg.connect(
        **params, autocommit=True, application_name=f"journey run {run_id}"
    ) as connection:
        while not connection.execute(
            "select pg_try_advisory_lock(%s)", [BUILD_LOCK_KEY]
        ).fetchone()[0]:
            waited = time.monotonic() - started
            if waited >= timeout:
                raise WarehouseLocked(
                    database_locked_message(settings, _holder(connection), waited)
                )
            time.sleep(_POLL_SECONDS)
        _HELD_DATABASES[key] = HeldLock(run_id)
        try:
            yield
        finally:
            del _HELD_DATABASES[key]
            connection.execute("select pg_advisory_unlock(%s)", [BUILD_LOCK_KEY])


def leftover_schemas(connection: Any) -> list[str]:
    """Schemas of an earlier run's build or of a publish that did not finish its clean-up."""
    patterns = ["%" + suffix.replace("_", "\\_") for suffix in (BUILD_SUFFIX, OLD_SUFFIX)]
    rows = connection.execute(
        "select nspname from pg_namespace where nspname like %s or nspname like %s order by 1",
        patterns,
    ).fetchall()
    return [name for (name,) in rows]


def drop_leftovers(settings: Settings) -> list[str]:
    """Drops every `*__build` and `*__old` schema; returns their names."""
    with connect(settings, autocommit=True) as connection:
        names = leftover_schemas(connection)
        for name in names:
            connection.execute(f'drop schema "{name}" cascade')
    return names


def load_landing(build: Settings, snapshot: Iterable[Sequence[Any]]) -> dict[str, int]:
    """Loads the landing folder into `landing__build` (the DuckDB loader's rows, copied with
    COPY: journey/target_landing.py) and keeps the run's fingerprint of the folder in
    `meta__build.landing_files`. Returns the rows loaded per file, as the loader counted them."""
    ensure_postgres(build)
    drop_leftovers(build)
    land(build)
    meta = f"{META_SCHEMA}{build.schema_suffix}"
    landing = f"{LANDING_SCHEMA}{build.schema_suffix}"
    with connect(build) as connection:
        connection.execute(f"create schema if not exists {meta}")
        connection.execute(
            f"create table {meta}.{SNAPSHOT_TABLE} (path text, bytes bigint,"
            " modified_ns bigint, sha256 text)"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"insert into {meta}.{SNAPSHOT_TABLE} values (%s, %s, %s, %s)",
                [tuple(row) for row in snapshot],
            )
        rows = connection.execute(f"select source_file, row_count from {landing}._files")
        return {str(name): int(count) for name, count in rows}


def read_snapshot_rows(build: Settings) -> list[tuple[str, int, int, str]]:
    with connect(build) as connection:
        return [
            (str(path), int(size), int(modified), str(sha))
            for path, size, modified, sha in connection.execute(
                f"select path, bytes, modified_ns, sha256 from "
                f"{META_SCHEMA}{build.schema_suffix}.{SNAPSHOT_TABLE} order by path"
            )
        ]


# Postgres column types and the DuckDB type a report snapshot keeps them as.
_DUCKDB_TYPES = {
    "text": "varchar",
    "character varying": "varchar",
    "bigint": "bigint",
    "integer": "integer",
    "smallint": "integer",
    "double precision": "double",
    "real": "double",
    "numeric": "double",
    "boolean": "boolean",
    "date": "date",
    "timestamp without time zone": "timestamp",
    "timestamp with time zone": "timestamptz",
}


def marts_snapshot(settings: Settings, tables: Sequence[str], out: Path) -> Path:
    """The marts `tables` of the settings' Postgres schemas (with their suffix) copied into the
    DuckDB file `out` as schema `marts`: the journey report reads its charts from DuckDB."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    schema = f"marts{settings.schema_suffix}"
    with connect(settings) as source, duckdb.connect(str(out)) as target:
        target.execute("create schema marts")
        for table in tables:
            columns = source.execute(
                "select column_name, data_type from information_schema.columns"
                " where table_schema = %s and table_name = %s order by ordinal_position",
                [schema, table],
            ).fetchall()
            if not columns:
                raise LookupError(f"Table {schema}.{table} not found in Postgres")
            kinds = [(name, _DUCKDB_TYPES.get(kind, "varchar")) for name, kind in columns]
            select = ", ".join(
                f'cast("{name}" as {"double precision" if kind == "double" else "text"})'
                if kind in ("double", "varchar")
                else f'"{name}"'
                for name, kind in kinds
            )
            target.execute(
                f"create table marts.{table} ("
                + ", ".join(f'"{name}" {kind}' for name, kind in kinds)
                + ")"
            )
            rows = source.execute(f'select {select} from {schema}."{table}"').fetchall()
            frame = pd.DataFrame(rows, columns=[name for name, _ in kinds], dtype=object)
            target.register("frame", frame)
            target.execute(f"insert into marts.{table} select * from frame")
            target.unregister("frame")
    return out
