"""Validate DuckDB tables through GX's SQL execution engine, so metrics are computed in DuckDB.

GX 1.24.1 with duckdb-engine returns nothing on DuckDB (see expectations/UPSTREAM_DUCKDB.md):

1. `SqlAlchemyExecutionEngine.execute_query` runs a query inside `with self.get_connection()`
   and returns the cursor result after that block has closed the connection; the callers
   fetch afterwards. Closing rolls the connection's transaction back, and a DuckDB connection
   drops its pending result on any later statement, so every bundled metric comes back as an
   empty row list ("list index out of range"). GX keeps one persisted connection for SQLite,
   SQL Server, BigQuery and Databricks; DuckDB is not in that list.
2. Column reflection: duckdb-engine 0.17.0 reflects columns with SQLAlchemy 2.1's PostgreSQL
   catalog query, which reads `pg_catalog.pg_collation` (DuckDB has none); GX then falls back
   to `select * from <table> limit 1` without the schema, which fails for any table outside
   `main`. Every column expectation needs `table.columns`, so all of them fail.
3. GX knows no DuckDB dialect module, so regex expectations raise "Regex is not supported".

The fix is a datasource type registered through GX's own extension point (a `SQLDatasource`
subclass with its own `type`, as GX's `SqliteDatasource` is) whose execution engine keeps one
persisted connection, reflects columns from DuckDB's own catalog and uses SQLAlchemy's
PostgreSQL dialect module (duckdb-engine's dialect is a PostgreSQL one; DuckDB's `~` searches
like PostgreSQL's). Nothing in GX is patched. The engine overrides GX internals, so importing
this module with any other GX version raises until the fix is checked again.

The file is opened read-only. DuckDB lets either one read-write process or any number of
read-only processes hold a file: a validation cannot open the file while a build holds it, and
a build cannot open it while a validation does. `release` closes the connection as soon as the
validation is done.
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import great_expectations as gx
import sqlalchemy as sa
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context import AbstractDataContext
from great_expectations.datasource.fluent import SQLDatasource
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from sqlalchemy.dialects import postgresql

from expectations import sql_postgres
from expectations.sql_postgres import PostgresWarehouse

SUPPORTED_GX_VERSION = "1.24.1"
# DuckDB's working memory for one validation (its default is 80% of the machine). A uniqueness
# check hashes every value, about 75 bytes a row; past the limit DuckDB spills to its temporary
# directory instead of growing with the table.
MEMORY_LIMIT = "256MB"

if gx.__version__ != SUPPORTED_GX_VERSION:
    raise ImportError(
        f"expectations.sql_engine works around bugs of great_expectations "
        f"{SUPPORTED_GX_VERSION}; installed is {gx.__version__}: check whether "
        f"expectations/UPSTREAM_DUCKDB.md still applies and update SUPPORTED_GX_VERSION"
    )

# DuckDB type names that SQLAlchemy's PostgreSQL names do not cover.
_DUCKDB_TYPES: dict[str, type[sa.types.TypeEngine]] = {
    "double": postgresql.DOUBLE_PRECISION,
    "float": postgresql.REAL,
    "decimal": sa.Numeric,
    "blob": postgresql.BYTEA,
}


class _CatalogInspector:
    """SQLAlchemy's inspector for the engine, with columns and primary key read from DuckDB's
    own catalog functions (all GX reflects of a table)."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._inspector = sa.inspect(engine)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inspector, name)

    def _rows(self, sql: str, table_name: str, schema: str | None) -> list[sa.Row]:
        with self._engine.connect() as connection:
            return list(
                connection.execute(
                    sa.text(sql), {"table": str(table_name), "schema": schema}
                ).fetchall()
            )

    def get_columns(
        self, table_name: str, schema: str | None = None, **_: Any
    ) -> list[dict[str, Any]]:
        rows = self._rows(
            "select column_name, data_type, is_nullable, column_default from duckdb_columns()"
            " where database_name = current_database()"
            " and schema_name = coalesce(:schema, current_schema())"
            " and table_name = :table order by column_index",
            table_name,
            schema,
        )
        if not rows:
            raise sa.exc.NoSuchTableError(f"{schema or 'main'}.{table_name}")
        return [
            {"name": name, "type": _sqlalchemy_type(data_type), "nullable": nullable}
            | {"default": default, "autoincrement": False}
            for name, data_type, nullable, default in rows
        ]

    def get_pk_constraint(
        self, table_name: str, schema: str | None = None, **_: Any
    ) -> dict[str, Any]:
        rows = self._rows(
            "select constraint_column_names from duckdb_constraints()"
            " where database_name = current_database()"
            " and schema_name = coalesce(:schema, current_schema())"
            " and table_name = :table and constraint_type = 'PRIMARY KEY'",
            table_name,
            schema,
        )
        return {"constrained_columns": list(rows[0][0]) if rows else [], "name": None}


def _sqlalchemy_type(data_type: str) -> sa.types.TypeEngine:
    base = data_type.split("(")[0].strip().lower()
    found = _DUCKDB_TYPES.get(base) or postgresql.base.ischema_names.get(base)
    return found() if found else sa.types.NullType()


def _quiet_connection(dbapi_connection: Any, _record: Any) -> None:
    # DuckDB's progress bar would print to stdout during metric queries over large tables.
    dbapi_connection.execute("set enable_progress_bar = false")
    # Text without an offset is UTC, as in the warehouse's profile (profiles.yml).
    dbapi_connection.execute("set TimeZone = 'UTC'")


class DuckDBExecutionEngine(SqlAlchemyExecutionEngine):
    """GX's SQL engine with one persisted connection per engine (results are fetched before
    anything else runs on it), DuckDB catalog reflection and PostgreSQL's dialect module."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Regex metrics and type checks look the dialect up here; GX sets None for DuckDB.
        self.dialect_module = postgresql
        sa.event.listen(self.engine, "connect", _quiet_connection)

    @contextmanager
    def get_connection(self) -> Generator[sa.Connection, None, None]:
        if self._connection is None or self._connection.closed:
            self._connection = self.engine.connect()
        yield self._connection

    def execute_query(self, query: Any) -> Any:
        try:
            return super().execute_query(query)
        except Exception:
            # DuckDB aborts the open transaction on an error; without a rollback every later
            # metric on the persisted connection would fail as well.
            if self._connection is not None and not self._connection.closed:
                self._connection.rollback()
            raise

    def get_inspector(self) -> Any:
        if self._inspector is None:
            self._inspector = _CatalogInspector(self.engine)
        return self._inspector

    def close(self) -> None:
        # GX closes the persisted connection only for the dialects it persists itself.
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self.engine.dispose()


class DuckDBDatasource(SQLDatasource):
    """A SQL datasource over a DuckDB file (`duckdb:///<path>`), validated by
    DuckDBExecutionEngine. Registered with GX as type "duckdb" when this module is imported,
    so a file-backed context holding one must import it before opening."""

    type: Literal["duckdb"] = "duckdb"  # type: ignore[assignment]  # GX's pattern for subtypes

    @property
    def execution_engine_type(self) -> type[SqlAlchemyExecutionEngine]:
        return DuckDBExecutionEngine


def connection_string(duckdb_path: Path) -> str:
    return f"duckdb:///{Path(duckdb_path).resolve()}"


def datasource_name(duckdb_path: Path) -> str:
    return f"duckdb_{Path(duckdb_path).stem}"


def sql_datasource(
    context: AbstractDataContext,
    name: str,
    duckdb_path: Path,
    memory_limit: str = MEMORY_LIMIT,
) -> DuckDBDatasource:
    """The read-only DuckDB datasource `name` over `duckdb_path` (created, or re-pointed when
    it names another file or limit). Raises FileNotFoundError when the file does not exist:
    DuckDB would create an empty database and every expectation would run on nothing."""
    path = Path(duckdb_path)
    if not path.is_file():
        raise FileNotFoundError(f"DuckDB file {path} does not exist; build the warehouse first")
    wanted = connection_string(path)
    engine_kwargs = {"connect_args": {"read_only": True, "config": {"memory_limit": memory_limit}}}
    try:
        source = context.data_sources.get(name)
    except (KeyError, LookupError, ValueError):
        source = None
    if (
        isinstance(source, DuckDBDatasource)
        and str(source.connection_string) == wanted
        and source.kwargs == engine_kwargs
    ):
        return source
    if source is not None:
        context.data_sources.delete(name)
    return context.data_sources.add_duckdb(  # type: ignore[attr-defined]  # registered above
        name=name,
        connection_string=wanted,
        kwargs=engine_kwargs,
    )


def table_batch(
    context: AbstractDataContext, duckdb_path: Path, schema: str, table: str
) -> BatchDefinition:
    """The whole-table batch definition of `schema.table` in the DuckDB file (the datasource,
    asset and batch definition are created when missing)."""
    source = sql_datasource(context, datasource_name(duckdb_path), duckdb_path)
    asset_name = f"{schema}.{table}"
    try:
        asset = source.get_asset(asset_name)
    except LookupError:
        asset = source.add_table_asset(asset_name, table_name=table, schema_name=schema)
    return sql_postgres.whole_batch(asset)


def query_batch(
    context: AbstractDataContext, duckdb_path: Path | PostgresWarehouse, name: str, query: str
) -> BatchDefinition:
    """The whole batch of the query asset `name` (a select over the DuckDB file), created or
    re-created when its query changed: GX computes every metric over the query in DuckDB."""
    if isinstance(duckdb_path, PostgresWarehouse):
        return sql_postgres.query_batch(context, duckdb_path, name, query)
    source = sql_datasource(context, datasource_name(duckdb_path), duckdb_path)
    return sql_postgres.query_asset_batch(source, name, query)


def fetch(
    context: AbstractDataContext, duckdb_path: Path | PostgresWarehouse, sql: str
) -> list[tuple[Any, ...]]:
    """The rows of `sql` (a small answer: counts, a maximum, the catalog) over the DuckDB file,
    on the datasource's one connection (DuckDB refuses a second one with another
    configuration in the same process)."""
    if isinstance(duckdb_path, PostgresWarehouse):
        return sql_postgres.fetch(context, duckdb_path, sql)
    source = sql_datasource(context, datasource_name(duckdb_path), duckdb_path)
    engine = source.get_execution_engine()
    with engine.get_connection() as connection:  # type: ignore[attr-defined]
        try:
            return [tuple(row) for row in connection.execute(sa.text(sql)).fetchall()]
        except Exception:
            connection.rollback()
            raise


def release(context: AbstractDataContext, duckdb_path: Path | PostgresWarehouse) -> None:
    """Closes the datasource's connections to `duckdb_path`, so a build can open it again."""
    if isinstance(duckdb_path, PostgresWarehouse):
        sql_postgres.release(context, duckdb_path)
        return
    try:
        source = context.data_sources.get(datasource_name(duckdb_path))
    except (KeyError, LookupError, ValueError):
        return
    if isinstance(source, DuckDBDatasource):
        source.get_execution_engine().close()
        # The datasource's own engine (asset checks when an asset is added) has a pool too.
        source.get_engine().dispose()
