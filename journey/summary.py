"""Prints what the build produced: tables per schema with row counts, and where they are."""

from __future__ import annotations

import duckdb

from journey.settings import Settings

SCHEMAS = ("landing", "staging", "intermediate", "marts")


def warehouse_tables(settings: Settings) -> list[tuple[str, str, int]]:
    """(schema, table, rows) for every table and view of the project's schemas."""
    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        names = connection.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in (select unnest(?)) order by 1, 2",
            [list(SCHEMAS)],
        ).fetchall()
        return [
            (
                schema,
                name,
                connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0],
            )
            for schema, name in names
        ]


def print_warehouse_summary(settings: Settings) -> None:
    print(f"\nWarehouse: {settings.duckdb_path}")
    print(f"Landing folder: {settings.raw_dir}")
    for schema, name, rows in warehouse_tables(settings):
        print(f"  {schema + '.' + name:<55} {rows:>12,} rows")
