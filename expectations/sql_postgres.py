"""Validate Postgres tables through GX's own Postgres datasource (its SQL engine works there
as it is), so the suites check the tables of the `postgres` target where they are built.

The suites write their derived columns in DuckDB's SQL (expectations/raw.py, marts.py), the
dialect they are proven in. `translate` rewrites the few DuckDB idioms they use into Postgres:

    regexp_matches(a, p)        ->  (a ~ p)
    try_cast(x as timestamptz)  ->  public.journey_try_timestamptz(x)
    try_cast(x as double)       ->  public.journey_try_double(cast(x as text))
    isfinite(x)                 ->  (x is not null)   (journey_try_double is null when not finite)
    as double                   ->  as double precision

The two functions are the warehouse's own safe casts (macros/engines/postgres.sql), created in
the profile's schema `public` by the landing step before the raw suites run, so a suite parses
a value exactly as the build does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context import AbstractDataContext
from great_expectations.datasource.fluent import PostgresDatasource

from journey.engines import postgres_params
from journey.settings import Settings

BATCH_DEFINITION = "whole_table"
# profiles.yml: the postgres target's schema, where the safe-cast functions are created.
FUNCTION_SCHEMA = "public"


@dataclass(frozen=True)
class PostgresWarehouse:
    """A Postgres database as the suites read it: `suffix` is appended to every schema
    (`landing__build` while a run checks its build)."""

    url: str
    suffix: str = ""

    def schema(self, name: str) -> str:
        return f"{name}{self.suffix}"

    def datasource_name(self) -> str:
        return f"postgres{self.suffix}"

    def __str__(self) -> str:
        # Logged and shown in messages: the server without the password.
        return sa.make_url(self.url).render_as_string(hide_password=True) + (
            f" (schemas *{self.suffix})" if self.suffix else ""
        )


def _closing(sql: str, start: int) -> int:
    """Index of the parenthesis closing the one open at `start - 1`, skipping quoted text."""
    depth, index = 1, start
    while index < len(sql):
        char = sql[index]
        if char in "'\"":
            index = sql.index(char, index + 1)  # '' and "" inside re-enter here: still balanced
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError(f"unbalanced parentheses in {sql!r}")


def _top_level(text: str, separator: str) -> int:
    """Index of the first `separator` outside parentheses and quotes in `text`, or -1."""
    depth, index = 0, 0
    while index < len(text):
        char = text[index]
        if char in "'\"":
            index = text.index(char, index + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            return index
        index += 1
    return -1


def _rewrite(sql: str, name: str, replace: Any) -> str:
    """Every call `name(...)` in `sql` (innermost last) replaced by `replace(arguments)`."""
    pattern = re.compile(rf"\b{name}\(", re.IGNORECASE)
    out, position = [], 0
    while match := pattern.search(sql, position):
        close = _closing(sql, match.end())
        inner = _rewrite(sql[match.end() : close], name, replace)
        out += [sql[position : match.start()], replace(inner)]
        position = close + 1
    return "".join(out) + sql[position:]


def _regex(arguments: str) -> str:
    split = _top_level(arguments, ",")
    return f"({arguments[:split].strip()} ~ {arguments[split + 1 :].strip()})"


def _try_cast(arguments: str) -> str:
    split = _top_level(arguments, " as ")
    value, kind = arguments[:split].strip(), arguments[split + 4 :].strip().lower()
    if kind == "timestamptz":
        return f"{FUNCTION_SCHEMA}.journey_try_timestamptz(cast({value} as text))"
    if kind == "double":
        return f"{FUNCTION_SCHEMA}.journey_try_double(cast({value} as text))"
    raise ValueError(f"try_cast to {kind!r} has no Postgres translation")


def translate(sql: str) -> str:
    """DuckDB SQL of the suites as Postgres SQL (see the module's docstring)."""
    sql = _rewrite(sql, "regexp_matches", _regex)
    sql = _rewrite(sql, "try_cast", _try_cast)
    sql = _rewrite(sql, "isfinite", lambda inner: f"({inner} is not null)")
    return re.sub(r"\bas double\b(?! precision)", "as double precision", sql, flags=re.IGNORECASE)


def sql_datasource(context: AbstractDataContext, warehouse: PostgresWarehouse) -> Any:
    """GX's Postgres datasource over the warehouse (created, or re-pointed when it moved)."""
    name = warehouse.datasource_name()
    try:
        source = context.data_sources.get(name)
    except (KeyError, LookupError, ValueError):
        source = None
    if isinstance(source, PostgresDatasource) and str(source.connection_string) == warehouse.url:
        return source
    if source is not None:
        context.data_sources.delete(name)
    return context.data_sources.add_postgres(name=name, connection_string=warehouse.url)


def query_batch(
    context: AbstractDataContext, warehouse: PostgresWarehouse, name: str, query: str
) -> BatchDefinition:
    """The whole batch of the query asset `name`, the query translated to Postgres."""
    return query_asset_batch(sql_datasource(context, warehouse), name, translate(query))


def query_asset_batch(source: Any, name: str, query: str) -> BatchDefinition:
    """The whole batch of the query asset `name` on the GX datasource `source` (DuckDB or
    Postgres), created or re-created when its query changed."""
    try:
        asset = source.get_asset(name)
    except LookupError:
        asset = None
    if asset is not None and getattr(asset, "query", None) != query:
        source.delete_asset(name)
        asset = None
    if asset is None:
        asset = source.add_query_asset(name, query=query)
    return whole_batch(asset)


def whole_batch(asset: Any) -> BatchDefinition:
    """The asset's whole-table batch definition (added when missing)."""
    try:
        return asset.get_batch_definition(BATCH_DEFINITION)
    except KeyError:
        return asset.add_batch_definition_whole_table(BATCH_DEFINITION)


def fetch(
    context: AbstractDataContext, warehouse: PostgresWarehouse, sql: str
) -> list[tuple[Any, ...]]:
    """The rows of `sql` (translated) on the datasource's engine."""
    engine = sql_datasource(context, warehouse).get_execution_engine()
    with engine.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(translate(sql))).fetchall()]


def release(context: AbstractDataContext, warehouse: PostgresWarehouse) -> None:
    """Closes the datasource's connections (a schema rename waits for no reader of ours)."""
    try:
        source = context.data_sources.get(warehouse.datasource_name())
    except (KeyError, LookupError, ValueError):
        return
    if isinstance(source, PostgresDatasource):
        source.get_execution_engine().close()
        source.get_engine().dispose()


def warehouse_of(settings: Settings) -> PostgresWarehouse:
    """The settings' Postgres database (JOURNEY_PG_*, the local cluster's port) as the suites
    read it, with the settings' schema suffix."""
    params = postgres_params(settings)
    url = sa.engine.URL.create(
        "postgresql+psycopg2",
        username=params["user"],
        password=params["password"],
        host=params["host"],
        port=params["port"],
        database=params["dbname"],
    )
    return PostgresWarehouse(url.render_as_string(hide_password=False), settings.schema_suffix)
