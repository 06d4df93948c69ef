"""Landing on Postgres and Spark: the files are read exactly as on DuckDB, then copied.

The DuckDB loader (`load_landing`, the dbt on-run-start hook) is the one reader of the landing
folder: same CSV reader options, same quarantine of unreadable lines (`_rejected_lines`), same
file log (`_files`), same missing-table and missing-column errors. For another target it runs
as `dbt run-operation load_landing --target duckdb` into a scratch DuckDB file, and the
resulting `landing` schema is copied: to Postgres with COPY, to Spark as Parquet files that
`spark__load_landing` registers as tables when the build starts. So every engine sees the same
landing rows, and a change to the reader reaches all of them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from journey.dbt_runner import run_dbt_captured
from journey.engines import ensure_postgres, postgres_params, spark_landing_dir
from journey.settings import PROJECT_DIR, Settings

# DuckDB column types of the landing schema and their Postgres spelling; others become text.
_POSTGRES_TYPES = {"VARCHAR": "text", "BIGINT": "bigint", "INTEGER": "integer"}


@dataclass(frozen=True)
class LandedTable:
    name: str
    rows: int


def land(settings: Settings, dbt_target_path: Path | None = None) -> list[LandedTable]:
    """Loads the landing folder into the settings' target (DuckDB loads itself: nothing to do).
    `dbt_target_path` is dbt's target folder (default DBT_TARGET_PATH, else target/)."""
    if settings.target == "duckdb":
        return []
    started = time.perf_counter()
    # A fixed folder beside dbt's target folder, so dbt parses the project partially.
    target_path = dbt_target_path or Path(os.environ.get("DBT_TARGET_PATH") or "target")
    scratch = (PROJECT_DIR / target_path) / "landing_read"
    scratch.mkdir(parents=True, exist_ok=True)
    read_file = scratch / "landing_read.duckdb"
    read_file.unlink(missing_ok=True)  # left by a load that was killed
    try:
        with tempfile.TemporaryDirectory(prefix="journey-landing-") as folder:
            read_landing(settings, scratch)
            with duckdb.connect(str(read_file)) as connection:
                read_seeds(connection)
                if settings.target == "postgres":
                    landed = _to_postgres(connection, settings, Path(folder))
                else:
                    landed = _to_spark(connection, settings)
    finally:
        # A whole copy of the exports, personal data included: it does not outlive the load.
        for path in (read_file, read_file.with_name(read_file.name + ".wal")):
            path.unlink(missing_ok=True)
    rows = sum(table.rows for table in landed)
    print(
        f"Landing: {len(landed)} tables, {rows:,} rows into {settings.target} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return landed


def read_landing(settings: Settings, scratch: Path) -> None:
    """Runs the DuckDB loader into `scratch/landing.duckdb`; its error is raised as it words it."""
    env = {
        **os.environ,
        **settings.dbt_env(),
        "JOURNEY_TARGET": "duckdb",
        "JOURNEY_SCHEMA_SUFFIX": "",
        "JOURNEY_DUCKDB_PATH": str(scratch / "landing_read.duckdb"),
        "DBT_TARGET_PATH": str(scratch),
        "DBT_LOG_PATH": str(scratch / "logs"),
    }
    completed = run_dbt_captured(["run-operation", "load_landing", "--target", "duckdb"], env)
    if completed.returncode != 0:
        raise SystemExit(
            f"Landing folder {settings.raw_dir} could not be read for target "
            f"{settings.target}:\n{completed.stdout[-4000:]}{completed.stderr[-2000:]}"
        )


def read_seeds(connection: duckdb.DuckDBPyConnection) -> None:
    """Every seed file as DuckDB reads it (as text), as `landing._seed__<seed>`: the rows the
    seeds of Postgres and Spark are filled from (macros/landing/journey_engine_seeds.sql)."""
    for path in sorted((PROJECT_DIR / "seeds").glob("*.csv")):
        connection.execute(
            f'create or replace table landing."_seed__{path.stem}" as select * from '
            f"read_csv('{path}', header = true, all_varchar = true)"
        )


def _landing_tables(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, list[tuple]]]:
    names = connection.execute(
        "select table_name from information_schema.tables where table_schema = 'landing' "
        "order by table_name"
    ).fetchall()
    return [
        (
            name,
            connection.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'landing' and table_name = ? order by ordinal_position",
                [name],
            ).fetchall(),
        )
        for (name,) in names
    ]


def _to_postgres(
    connection: duckdb.DuckDBPyConnection, settings: Settings, scratch: Path
) -> list[LandedTable]:
    import psycopg

    ensure_postgres(settings)
    landed = []
    schema = f"landing{settings.schema_suffix}"
    with psycopg.connect(**postgres_params(settings)) as target:
        target.execute(f"create schema if not exists {schema}")
        for name, columns in _landing_tables(connection):
            wanted = [(column, _POSTGRES_TYPES.get(kind, "text")) for column, kind in columns]
            present = target.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = %s and table_name = %s order by ordinal_position",
                [schema, name],
            ).fetchall()
            if present == wanted:
                # Same shape: keep the table so the staging views on it stay valid.
                target.execute(f'truncate table {schema}."{name}"')
            else:
                target.execute(f'drop table if exists {schema}."{name}" cascade')
                target.execute(
                    f'create table {schema}."{name}" ('
                    + ", ".join(f'"{column}" {kind}' for column, kind in wanted)
                    + ")"
                )
            csv_path = scratch / f"{name}.csv"
            # Quoted values and unquoted nulls: COPY then tells NULL from ''. Postgres text holds
            # no NUL byte, so one (only possible in a raw rejected line) is dropped.
            select = ", ".join(
                f"replace(\"{column}\", chr(0), '')" if kind == "VARCHAR" else f'"{column}"'
                for column, kind in columns
            )
            connection.execute(
                f"copy (select {select} from landing.\"{name}\") to '{csv_path}' "
                "(format csv, header false, force_quote *)"
            )
            column_list = ", ".join(f'"{column}"' for column, _ in columns)
            with (
                target.cursor().copy(
                    f'copy {schema}."{name}" ({column_list}) from stdin (format csv)'
                ) as copy,
                csv_path.open("rb") as source,
            ):
                while block := source.read(1 << 20):
                    copy.write(block)
            target.execute(f'analyze {schema}."{name}"')
            rows = connection.execute(f'select count(*) from landing."{name}"').fetchone()[0]
            landed.append(LandedTable(name, int(rows)))
    return landed


SPARK_LANDING_LIST = "_landing_tables"


def _to_spark(connection: duckdb.DuckDBPyConnection, settings: Settings) -> list[LandedTable]:
    folder = spark_landing_dir(settings)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    landed = []
    for name, _ in _landing_tables(connection):
        path = folder / name / "data.parquet"
        path.parent.mkdir()
        connection.execute(f"copy landing.\"{name}\" to '{path}' (format parquet)")
        rows = connection.execute(f'select count(*) from landing."{name}"').fetchone()[0]
        landed.append(LandedTable(name, int(rows)))
    # The list of folders, which spark__load_landing registers as tables (dbt cannot list a
    # folder itself).
    names = ", ".join(f"('{table.name}')" for table in landed)
    listing = folder / SPARK_LANDING_LIST / "data.parquet"
    listing.parent.mkdir()
    connection.execute(
        f"copy (select * from (values {names}) as t(table_name)) to '{listing}' (format parquet)"
    )
    return landed


def main() -> int:
    """`python -m journey.target_landing`: loads the landing folder into JOURNEY_TARGET, so a
    plain `dbt build --target <postgres|spark>` can follow."""
    settings = Settings.from_env()
    if settings.target == "duckdb":
        print("Target duckdb loads the landing folder itself (dbt on-run-start): nothing to do.")
    land(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
