"""Erasure requests: the run's part of erasing a person.

dbt resolves each request (`erasure_requests`) to the person's whole identity component and
keeps every identifier of it, as a keyed hash, on the suppression list
(`erasure.erasure_suppressions`); base models leave out rows that carry one. The run adds what
dbt cannot do inside its own build:

1. The suppression list and the purge log live in the warehouse; `carry_erasure_state` copies
   them from the previously published warehouse (the identity tier when there is one) into the
   fresh build, before anything reads the landing copies.
2. When there is a request or a suppressed identifier, a resolving pass
   (`dbt build --select +erasure_suppressions`, with the base filter off) reads the whole
   identity graph of this load and extends the list; the person's identifiers (the values) are
   then known to this process only, never written anywhere.
3. `purge_landing` deletes the rows carrying them from the landing copies (and the unreadable
   lines naming them, and the request rows themselves), before the raw quality suites or the
   dbt build read the copies; the dbt build's base models then find nothing left to filter.
4. `purge_stores` removes every earlier report, dbt artefact, log file and Dagster run that
   names any of them, and counts the previously published warehouse's rows of the person; the
   counts go to `erasure.purge_log`, which the `erasure_log` mart reads.

The privacy key (JOURNEY_PRIVACY_KEY) must stay the same from run to run, or the suppression
list no longer matches: when the setting is empty the run creates a random key file next to the
warehouse (owner-only) and uses it every time.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from journey.contract import REGISTRY, TOOL_CHILDREN, TOOL_FEEDS, TOOL_IDENTIFIERS, LandingTable
from journey.privacy import identity_path, privacy_key
from orchestration.project import dbt_target_dir, invocation_target_dir
from orchestration.resources import JourneyResource, build_key, dbt_environment
from orchestration.warehouse import record_process

SCHEMA = "erasure"
SUPPRESSIONS = f"{SCHEMA}.erasure_suppressions"
# Tables of the erasure schema that outlive a run.
CARRIED_TABLES = ("erasure_suppressions", "purge_log")
# The resolving pass: the suppression list and what it reads, without the base filter.
RESOLVE_ARGS = [
    "build",
    "--select",
    "+erasure_suppressions",
    "--exclude-resource-type",
    "test",
    "--exclude-resource-type",
    "unit_test",
    "--vars",
    '{"journey__landing_preloaded": true, "journey__erasure_resolving": true}',
]
# Files read for identifiers; larger files (DuckDB files are searched as tables) are skipped.
# Dagster's SQLite files are purged run by run (`purge_dagster_runs`), never deleted whole.
_SKIPPED_SUFFIXES = (".duckdb", ".wal", ".db", ".db-journal", ".db-wal", ".db-shm")


# ------------------------------------------------------------------------------------ key


def keyed_hash(key: str, value: str) -> str:
    """`journey_keyed_hash` in Python: hex SHA-256 of `<key>:<value>`."""
    return hashlib.sha256(f"{key}:{value}".encode()).hexdigest()


# ---------------------------------------------------------------------------------- state


def previous_warehouse(published: Path) -> Path | None:
    """The published file that holds the suppression list: the identity tier, else the
    warehouse itself."""
    for path in (identity_path(published), published):
        if path.is_file():
            return path
    return None


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@dataclass(frozen=True)
class BuildSql:
    """Where the erasure SQL of a run's build runs: the DuckDB build file (schemas `landing`,
    `erasure`, …) or, on Postgres, the run's build schemas (`landing__build`, …) beside the
    published ones. Statements are written once, with `?` parameters."""

    connection: Any  # a DuckDB connection, or a psycopg one in autocommit
    suffix: str = ""  # of the build schemas (Postgres)
    postgres: bool = False

    @property
    def row_id(self) -> str:
        return "ctid" if self.postgres else "rowid"

    def name(self, schema: str, table: str) -> str:
        return f"{schema}{self.suffix}.{table}"

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if not self.postgres:
            return self.connection.execute(sql, list(params)).fetchall()
        cursor = self.connection.execute(sql.replace("?", "%s"), list(params) or None)
        return cursor.fetchall() if cursor.description else []

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if not self.postgres:
            self.connection.executemany(sql, [list(row) for row in rows])
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), [tuple(row) for row in rows])

    def replace_table(self, name: str, definition: str) -> None:
        """`definition`: `(columns)` or `as select …`; temp tables go by their bare name."""
        temp = "." not in name
        self.run(f"drop table if exists {name}")
        self.run(f"create {'temp ' if temp else ''}table {name} {definition}")


def carry_erasure_state(previous: Path | None, build: Path) -> int:
    """Copies the carried erasure tables of the previous warehouse into the build; returns the
    number of suppressed identifiers carried."""
    with duckdb.connect(str(build)) as connection:
        connection.execute(f"create schema if not exists {SCHEMA}")
        if previous is None:
            return 0
        connection.execute(f"attach {_sql_path(previous)} as previous_warehouse (read_only)")
        present = {
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_catalog ="
                " 'previous_warehouse' and table_schema = ?",
                [SCHEMA],
            ).fetchall()
        }
        for name in CARRIED_TABLES:
            if name in present:
                connection.execute(
                    f"create or replace table {SCHEMA}.{name} as"
                    f" select * from previous_warehouse.{SCHEMA}.{name}"
                )
        connection.execute("detach previous_warehouse")
        if "erasure_suppressions" not in present:
            return 0
        return int(connection.execute(f"select count(*) from {SUPPRESSIONS}").fetchone()[0])


def pending_erasure(sql: BuildSql) -> bool:
    """True when the load holds a request or the suppression list is not empty."""
    ((requests,),) = sql.run(f"select count(*) from {sql.name('landing', 'erasure_requests')}")
    ((tables,),) = sql.run(
        "select count(*) from information_schema.tables where table_schema = ?"
        " and table_name = 'erasure_suppressions'",
        [SCHEMA + sql.suffix],
    )
    suppressed = (
        sql.run(f"select count(*) from {sql.name(SCHEMA, 'erasure_suppressions')}")[0][0]
        if tables
        else 0
    )
    return bool(requests or suppressed)


# ------------------------------------------------------------------------- the identifiers


@dataclass(frozen=True)
class ErasedIdentifier:
    identifier_type: str
    value: str  # normalised as the identity graph reads it
    request_id: str


def erased_identifiers(sql: BuildSql, key: str) -> list[ErasedIdentifier]:
    """The values of every suppressed identifier found in this load (after the resolving
    pass): the resolved identifiers and the requests' own values whose keyed hash is on the
    list. Kept in memory only."""
    suppressed = {
        (identifier_type, identifier_hash): request_id
        for identifier_type, identifier_hash, request_id in sql.run(
            "select identifier_type, identifier_hash, request_id"
            f" from {sql.name(SCHEMA, 'erasure_suppressions')}"
        )
    }
    values = sql.run(
        "select identifier_type, identifier_value"
        f" from {sql.name('intermediate', 'int_identifiers_resolved')}"
        " union select identifier_type, case when identifier_type = 'email'"
        " then lower(identifier_value) else identifier_value end"
        f" from {sql.name('staging', 'base_erasure__requests')} where quarantine_reason is null"
    )
    found = []
    for identifier_type, value in values:
        request_id = suppressed.get((identifier_type, keyed_hash(key, value)))
        if request_id is not None:
            found.append(ErasedIdentifier(identifier_type, value, request_id))
    return found


# --------------------------------------------------------------------------------- purges


@dataclass
class PurgeCounts:
    """What each request removed, per store (the `erasure_log` columns)."""

    by_request: dict[str, dict[str, int]] = field(default_factory=dict)
    # Rows leaving each canonical table (`erasure.landing_purged`, for the reconciliation).
    by_table: dict[str, int] = field(default_factory=dict)
    # Rows deleted from each tool table (`landing.<tool>__<table>`).
    tool_rows: dict[str, int] = field(default_factory=dict)

    def add(self, request_id: str, store: str, rows: int) -> None:
        if rows:
            stores = self.by_request.setdefault(request_id, {})
            stores[store] = stores.get(store, 0) + rows


def _normalised(column: str, email: bool) -> str:
    """A column of `landed` as the identity graph reads it (emails in lower case)."""
    if email:
        return f"nullif(lower(trim(landed.{column})), '')"
    return f"nullif(trim(landed.{column}), '')"


def _identifier_expression(table: LandingTable, column: str) -> str:
    return _normalised(column, column in table.emails)


def _load_erased_values(sql: BuildSql, erased: Sequence[ErasedIdentifier]) -> None:
    """The temp table `erased_values` (identifier_type, identifier_value, request_id)."""
    sql.replace_table(
        "erased_values",
        "(identifier_type varchar, identifier_value varchar, request_id varchar)",
    )
    sql.run_many(
        "insert into erased_values values (?, ?, ?)",
        [[e.identifier_type, e.value, e.request_id] for e in erased],
    )


def purge_landing(sql: BuildSql, erased: Sequence[ErasedIdentifier]) -> PurgeCounts:
    """Deletes the landing rows that carry an erased identifier, the unreadable lines that
    name one (any case), and the request rows the suppression list now holds; records the
    rows per table in `erasure.landing_purged` for the reconciliation."""
    counts = PurgeCounts()
    _load_erased_values(sql, erased)
    for table in REGISTRY:
        if not table.identifiers:
            continue
        matches = " union all ".join(
            f"select landed.{sql.row_id} as row_id, erased_values.request_id"
            f" from {sql.name('landing', table.name)} as landed inner join erased_values"
            f" on erased_values.identifier_type = '{identifier_type}'"
            f" and erased_values.identifier_value = {_identifier_expression(table, column)}"
            for identifier_type, column in table.identifiers
        )
        sql.replace_table(
            "doomed",
            f"as select row_id, '{table.name}' as table_name, min(request_id) as request_id"
            f" from ({matches}) as matched group by row_id",
        )
        _count_and_delete(sql, counts, table.name, "landing_rows")
    purge_tool_landing(sql, counts)
    sql.replace_table(
        "doomed",
        f"as select lines.{sql.row_id} as row_id, min(lines.table_name) as table_name,"
        " min(erased_values.request_id) as request_id"
        f" from {sql.name('landing', '_rejected_lines')} as lines inner join erased_values"
        " on strpos(lower(coalesce(lines.raw_line, '')), lower(erased_values.identifier_value))"
        f" > 0 group by lines.{sql.row_id}",
    )
    _count_and_delete(sql, counts, "_rejected_lines", "rejected_lines")
    # A usable request has done its work once its identifier is on the list: its row (which
    # names the person) leaves the landing copy; unusable ones stay for the quarantine.
    sql.replace_table(
        "doomed",
        f"as select landed.{sql.row_id} as row_id, 'erasure_requests' as table_name,"
        f" landed.request_id from {sql.name('landing', 'erasure_requests')} as landed"
        f" inner join {sql.name('staging', 'base_erasure__requests')} as base"
        " on landed._source_file = base._source_file and landed._source_row = base._source_row"
        " where base.quarantine_reason is null",
    )
    _count_and_delete(sql, counts, "erasure_requests", "landing_rows")
    purged = sql.name(SCHEMA, "landing_purged")
    sql.replace_table(purged, "(table_name varchar, rows_removed bigint)")
    sql.run_many(f"insert into {purged} values (?, ?)", list(counts.by_table.items()))
    return counts


def _tool_tables(sql: BuildSql) -> list[str]:
    """The tool tables of the load (`<tool>__<table>` in the landing schema)."""
    names = sql.run(
        "select table_name from information_schema.tables where table_schema = ?",
        ["landing" + sql.suffix],
    )
    return sorted(name for (name,) in names if name.split("__")[0] in TOOL_FEEDS and "__" in name)


def _adapters() -> list[tuple[LandingTable, str]]:
    """(canonical table, adapter model) for each tool adapter of a table with identifiers."""
    return [
        (table, f"{tool}__{table.name}")
        for table in REGISTRY
        if table.identifiers
        for tool, feeds in TOOL_FEEDS.items()
        if table.name in feeds
    ]


def _adapter_rows(sql: BuildSql) -> dict[str, int]:
    """Rows each canonical table receives from the tool adapters (staging views)."""
    rows: dict[str, int] = {}
    for table, adapter in _adapters():
        ((count,),) = sql.run(f"select count(*) from {sql.name('staging', adapter)}")
        rows[table.name] = rows.get(table.name, 0) + int(count)
    return rows


def purge_tool_landing(sql: BuildSql, counts: PurgeCounts) -> None:
    """Deletes the person from the tool tables (`landing.<tool>__<table>`), all matched before
    any is deleted (a join may need a row another match removes):
    - the tool rows behind every adapter row that carries an erased identifier, found through
      the adapter's own mapping (`_source_file`, `_source_row`);
    - the rows whose identifier columns (TOOL_IDENTIFIERS) hold one;
    - the rows that exist for a deleted row (TOOL_CHILDREN).
    The rows each canonical table loses through its adapters count as purged from it, so the
    reconciliation still balances."""
    tables = _tool_tables(sql)
    if not tables:
        return
    before = _adapter_rows(sql)
    sources = " union all ".join(
        "select landed._source_file as source_file, landed._source_row as source_row,"
        f" erased_values.request_id from {sql.name('staging', adapter)} as landed"
        " inner join erased_values"
        f" on erased_values.identifier_type = '{identifier_type}'"
        f" and erased_values.identifier_value = {_identifier_expression(table, column)}"
        for table, adapter in _adapters()
        for identifier_type, column in table.identifiers
    )
    sql.replace_table("doomed_sources", f"as {sources}")
    matches = []
    for name in tables:
        landed = sql.name("landing", name)
        matches.append(
            f"select '{name}' as table_name, landed.{sql.row_id} as row_id,"
            f" doomed_sources.request_id from {landed} as landed inner join doomed_sources"
            " on landed._source_file = doomed_sources.source_file"
            " and landed._source_row = doomed_sources.source_row"
        )
        matches.extend(
            f"select '{name}' as table_name, landed.{sql.row_id} as row_id,"
            f" erased_values.request_id from {landed} as landed inner join erased_values"
            f" on erased_values.identifier_type = '{identifier_type}' and"
            f" erased_values.identifier_value = {_normalised(column, identifier_type == 'email')}"
            for identifier_type, column in TOOL_IDENTIFIERS.get(name, ())
        )
    sql.replace_table("doomed_tool_rows", f"as {' union all '.join(matches)}")
    for parent in tables:
        for child, child_column, parent_column in TOOL_CHILDREN.get(parent, ()):
            if child not in tables:
                continue
            sql.run(
                f"insert into doomed_tool_rows select '{child}', landed.{sql.row_id},"
                f" doomed.request_id from {sql.name('landing', child)} as landed"
                f" inner join (select parents.{parent_column} as parent_key,"
                " min(doomed_tool_rows.request_id) as request_id"
                f" from {sql.name('landing', parent)} as parents inner join doomed_tool_rows"
                f" on doomed_tool_rows.table_name = '{parent}'"
                f" and doomed_tool_rows.row_id = parents.{sql.row_id}"
                f" group by parents.{parent_column}) as doomed"
                f" on landed.{child_column} = doomed.parent_key"
            )
    for name in tables:
        sql.replace_table(
            "doomed",
            "as select row_id, min(table_name) as table_name, min(request_id) as request_id"
            f" from doomed_tool_rows where table_name = '{name}' group by row_id",
        )
        deleted = PurgeCounts()
        _count_and_delete(sql, deleted, name, "landing_rows")
        for request_id, stores in deleted.by_request.items():
            counts.add(request_id, "landing_rows", stores["landing_rows"])
        counts.tool_rows.update(deleted.by_table)
    for table_name, rows in _adapter_rows(sql).items():
        if before[table_name] > rows:
            counts.by_table[table_name] = (
                counts.by_table.get(table_name, 0) + before[table_name] - rows
            )


def _count_and_delete(sql: BuildSql, counts: PurgeCounts, table: str, store: str) -> None:
    """Counts the rows of temp table `doomed` per request and landing table, then deletes
    them from `table`."""
    for request_id, table_name, rows in sql.run(
        "select request_id, table_name, count(*) from doomed group by request_id, table_name"
    ):
        counts.add(request_id, store, int(rows))
        counts.by_table[table_name] = counts.by_table.get(table_name, 0) + int(rows)
    sql.run(
        f"delete from {sql.name('landing', table)}"
        f" where {sql.row_id} in (select row_id from doomed)"
    )


def _published_rows(sql: BuildSql, erased: Sequence[ErasedIdentifier]) -> dict[str, int]:
    """Rows of the published warehouse tied to each request's person: their customer's rows in
    every table with a customer_id, and their identifier rows (matched by value in every column
    named identifier_value). `sql` reaches the published relations by their plain names (the
    previous DuckDB file, or the Postgres database, whose build schemas are left out)."""
    _load_erased_values(sql, erased)
    columns = sql.run(
        "select table_schema, table_name, column_name from information_schema.columns"
        " where column_name in ('customer_id', 'identifier_value')"
        " and table_schema not in ('information_schema', 'pg_catalog', 'erasure', 'dashboard')"
        " and left(table_schema, 3) <> 'pg_' and right(table_schema, 7) <> '__build'"
        " and right(table_schema, 5) <> '__old'"
    )
    if ("marts", "dim_customer_identifiers") not in {
        (schema, table) for schema, table, _ in columns
    }:
        return {}
    sql.replace_table(
        "erased_customers",
        "as select distinct dim.customer_id, erased_values.request_id"
        " from marts.dim_customer_identifiers as dim inner join erased_values"
        " on dim.identifier_type = erased_values.identifier_type"
        " and dim.identifier_value = erased_values.identifier_value",
    )
    rows: dict[str, int] = {}
    for schema, table, column in columns:
        source = "erased_customers" if column == "customer_id" else "erased_values"
        on = "customer_id" if column == "customer_id" else "identifier_value"
        for request_id, count in sql.run(
            f'select erased.request_id, count(*) from "{schema}"."{table}" as stored'
            f" inner join (select distinct {on}, request_id from {source}) as erased"
            f" on cast(stored.{column} as varchar) = erased.{on} group by erased.request_id"
        ):
            rows[request_id] = rows.get(request_id, 0) + int(count)
    return rows


def _previous_warehouse_rows(
    previous: Path | None, erased: Sequence[ErasedIdentifier]
) -> dict[str, int]:
    """_published_rows of the previously published DuckDB file."""
    if previous is None or not erased:
        return {}
    with duckdb.connect(str(previous), read_only=True) as connection:
        return _published_rows(BuildSql(connection), erased)


def _names_any(path: Path, needles: Sequence[bytes]) -> bool:
    try:
        data = path.read_bytes().lower()
    except OSError:
        return False
    return any(needle in data for needle in needles)


def purge_files(folders: Iterable[Path], values: Sequence[str], keep: Iterable[Path] = ()) -> int:
    """Removes every file under `folders` whose text names one of `values` (any case), other
    than DuckDB files and the folders in `keep`; returns how many went."""
    needles = [value.lower().encode() for value in values if value]
    kept = [folder.resolve() for folder in keep]
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if (
                not path.is_file()
                or path.is_symlink()
                or path.name.endswith(_SKIPPED_SUFFIXES)
                or any(path.resolve().is_relative_to(k) for k in kept)
            ):
                continue
            if _names_any(path, needles):
                path.unlink()
                removed += 1
    return removed


def purge_dagster_runs(
    instance: dg.DagsterInstance, values: Sequence[str], current_run_id: str
) -> int:
    """Deletes every earlier run whose event log names one of `values` (run, events, asset
    and check records go with it), then compacts the instance's SQLite files so no deleted
    page keeps the text; returns how many runs went."""
    needles = [value.lower() for value in values if value]
    removed = 0
    for record in instance.get_run_records():
        run_id = record.dagster_run.run_id
        if run_id == current_run_id:
            continue
        logs = instance.all_logs(run_id)
        text = "\n".join(
            str(entry.user_message) + repr(entry.dagster_event) for entry in logs
        ).lower()
        text += repr(record.dagster_run).lower()
        if any(needle in text for needle in needles):
            instance.delete_run(run_id)
            removed += 1
    if removed:
        _vacuum_sqlite(Path(instance.root_directory))
    return removed


def _vacuum_sqlite(home: Path) -> None:
    for path in home.rglob("*.db"):
        try:
            with sqlite3.connect(path) as connection:
                connection.execute("vacuum")
        except sqlite3.Error:
            continue


# What the landing step leaves in the build: the resolving pass's models are rebuilt by the
# dbt build, and they held the person, so they are not copied.
COMPACTED_SCHEMAS = ("landing", "meta", SCHEMA)


def compact_build(build: Path) -> None:
    """Rewrites the build into a fresh file holding only the landing copies, the run's
    records and the erasure tables: DuckDB keeps deleted rows' bytes in the file's free
    blocks, and the resolving pass's models held the person, so the file that loaded them
    must not be the one published. Cheap here: the dbt build has not run yet."""
    fresh = build.with_name(f"{build.name}.compact")
    fresh.unlink(missing_ok=True)
    with duckdb.connect(str(fresh)) as connection:
        connection.execute(f"attach {_sql_path(build)} as loaded (read_only)")
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = 'loaded' and table_type = 'BASE TABLE'"
            f" and table_schema in ({', '.join('?' for _ in COMPACTED_SCHEMAS)})",
            list(COMPACTED_SCHEMAS),
        ).fetchall()
        for schema, table in tables:
            connection.execute(f'create schema if not exists "{schema}"')
            connection.execute(
                f'create table "{schema}"."{table}" as select * from loaded."{schema}"."{table}"'
            )
        connection.execute("detach loaded")
        connection.execute("checkpoint")
    os.replace(fresh, build)


def write_purge_log(sql: BuildSql, counts: PurgeCounts, erased_at: datetime) -> None:
    """Appends this run's counts per request and store to `erasure.purge_log`."""
    log = sql.name(SCHEMA, "purge_log")
    sql.run(
        f"create table if not exists {log} (request_id varchar, erased_at timestamp,"
        " store varchar, rows_removed bigint)"
    )
    sql.run_many(
        f"insert into {log} values (?, ?, ?, ?)",
        [
            [request_id, erased_at.replace(tzinfo=None), store, rows]
            for request_id, stores in counts.by_request.items()
            for store, rows in stores.items()
        ],
    )


# -------------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class StoreFolders:
    """Where the project writes outside the warehouse: reports (GX stores and Data Docs, dbt
    docs, the journey report), dbt's target and log folders, Dagster's home."""

    files: tuple[Path, ...]
    keep: tuple[Path, ...] = ()


def erase(
    sql: BuildSql,
    published_rows: Callable[[Sequence[ErasedIdentifier]], dict[str, int]],
    key: str,
    folders: StoreFolders,
    instance: dg.DagsterInstance | None,
    run_id: str,
) -> PurgeCounts:
    """After the resolving pass: deletes the person from the landing copies, from earlier
    reports, logs, dbt artefacts and Dagster runs, and logs the counts (with the rows of the
    published warehouse that `published_rows` finds: they go when the build is published)."""
    erased = erased_identifiers(sql, key)
    counts = purge_landing(sql, erased)
    values = sorted({e.value for e in erased})
    first = min((e.request_id for e in erased), default=None)
    for request_id, rows in (published_rows(erased) if erased else {}).items():
        counts.add(request_id, "warehouse_rows", rows)
    if first is not None:
        counts.add(first, "report_files", purge_files(folders.files, values, folders.keep))
        if instance is not None:
            counts.add(first, "dagster_runs", purge_dagster_runs(instance, values, run_id))
    write_purge_log(sql, counts, datetime.now(UTC))
    return counts


def dbt_log_dir() -> Path:
    configured = Path(os.environ.get("DBT_LOG_PATH") or "logs")
    return configured if configured.is_absolute() else dbt_target_dir().parent / configured


def erase_in_run(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, journey: JourneyResource, build: Path
) -> PurgeCounts | None:
    """The landing step's erasure on DuckDB: carries the suppression list into the build
    and, when a request or a suppressed identifier exists, resolves (dbt) and erases, then
    compacts the build. None when there was nothing to erase."""
    settings = journey.to_settings()
    published = settings.duckdb_path
    carried = carry_erasure_state(previous_warehouse(published), build)
    with duckdb.connect(str(build), read_only=True) as connection:
        if not pending_erasure(BuildSql(connection)):
            return None
    _resolve(context, dbt, journey)
    with duckdb.connect(str(build)) as connection:
        counts = erase(
            BuildSql(connection),
            lambda erased: _previous_warehouse_rows(previous_warehouse(published), erased),
            privacy_key(published),
            _store_folders(context, settings.reports_dir, keep=(build.parent,)),
            context.instance,
            context.run.run_id,
        )
    compact_build(build)
    _log_erasure(context, carried, counts)
    return counts


def erase_in_postgres_run(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, journey: JourneyResource
) -> PurgeCounts | None:
    """The same on Postgres, in the run's build schemas: the suppression list and purge log
    are copied from the published schema `erasure` into `erasure__build`; the purged landing
    tables are vacuumed (full), so their files no longer hold the deleted rows. The published
    schemas holding the person are dropped when the build is published."""
    from orchestration.postgres_build import connect

    settings = journey.to_settings()
    build = journey.build_settings(context.run)
    with connect(build, autocommit=True) as connection:
        sql = BuildSql(connection, suffix=build.schema_suffix, postgres=True)
        carried = carry_postgres_erasure_state(sql)
        if not pending_erasure(sql):
            return None
    _resolve(context, dbt, journey)
    with connect(build, autocommit=True) as connection:
        sql = BuildSql(connection, suffix=build.schema_suffix, postgres=True)
        counts = erase(
            sql,
            lambda erased: _published_rows(replace(sql, suffix=""), erased),
            privacy_key(settings.duckdb_path),
            _store_folders(context, settings.reports_dir),
            context.instance,
            context.run.run_id,
        )
        for table in sorted({*counts.by_table, *counts.tool_rows, "_rejected_lines"}):
            sql.run(f"vacuum full {sql.name('landing', table)}")
    _log_erasure(context, carried, counts)
    return counts


def carry_postgres_erasure_state(sql: BuildSql) -> int:
    """Copies the carried erasure tables of the published schema into the build's; returns
    the number of suppressed identifiers carried."""
    sql.run(f"create schema if not exists {SCHEMA}{sql.suffix}")
    for name in CARRIED_TABLES:
        ((present,),) = sql.run("select to_regclass(?) is not null", [f"{SCHEMA}.{name}"])
        if present:
            sql.replace_table(sql.name(SCHEMA, name), f"as select * from {SCHEMA}.{name}")
    ((present,),) = sql.run(
        "select to_regclass(?) is not null", [sql.name(SCHEMA, "erasure_suppressions")]
    )
    if not present:
        return 0
    return int(sql.run(f"select count(*) from {sql.name(SCHEMA, 'erasure_suppressions')}")[0][0])


def _resolve(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, journey: JourneyResource
) -> None:
    """The resolving pass (RESOLVE_ARGS) into the run's build."""
    with dbt_environment(journey.dbt_settings()):
        invocation = dbt.cli(
            RESOLVE_ARGS,
            target_path=invocation_target_dir("erasure", RESOLVE_ARGS),
            raise_on_error=False,
        )
        record_process(
            journey.to_settings().duckdb_path, build_key(context.run), invocation.process.pid
        )
        invocation.wait()
        error = invocation.get_error()
    if error is not None:
        raise dg.Failure(description=f"Resolving the erasure requests failed: {error}")


def _store_folders(
    context: dg.AssetExecutionContext, reports_dir: Path, keep: tuple[Path, ...] = ()
) -> StoreFolders:
    return StoreFolders(
        files=(reports_dir, dbt_target_dir(), dbt_log_dir(), _dagster_home(context)), keep=keep
    )


def _log_erasure(context: dg.AssetExecutionContext, carried: int, counts: PurgeCounts) -> None:
    removed = sum(counts.by_table.values())
    context.log.info(
        f"Erasure: {carried} suppressed identifiers carried; {len(counts.by_request)} "
        f"request(s) erased now, {removed} landing rows or lines removed."
    )


def _dagster_home(context: dg.AssetExecutionContext) -> Path:
    return Path(context.instance.root_directory)
