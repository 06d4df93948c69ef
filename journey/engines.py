"""The engines behind the dbt targets: starting the local Postgres, connecting to it, and where
local Spark keeps its tables. DuckDB needs nothing: its file is created by the build."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from journey.settings import PROJECT_DIR, Settings, local_postgres_port


def postgres_params(settings: Settings, database: str | None = None) -> dict[str, Any]:
    """psycopg connection parameters, read the way profiles.yml reads them."""
    env = {**os.environ, **settings.dbt_env()}
    return {
        "host": env.get("JOURNEY_PG_HOST") or "127.0.0.1",
        "port": int(env.get("JOURNEY_PG_PORT") or 5432),
        "user": env.get("JOURNEY_PG_USER") or "postgres",
        "password": env.get("JOURNEY_PG_PASSWORD") or None,
        "dbname": database or settings.postgres_database,
    }


def ensure_postgres(settings: Settings) -> None:
    """Starts the project's local cluster when no server is configured (JOURNEY_PG_PORT unset),
    then creates the target database when it is missing."""
    import psycopg

    if not os.environ.get("JOURNEY_PG_PORT"):
        subprocess.run(["bash", str(PROJECT_DIR / "scripts" / "postgres.sh"), "start"], check=True)
        assert local_postgres_port(), "scripts/postgres.sh start wrote no port file"
    params = postgres_params(settings, database="postgres")
    with psycopg.connect(**params, autocommit=True) as connection:
        exists = connection.execute(
            "select 1 from pg_database where datname = %s", [settings.postgres_database]
        ).fetchone()
        if not exists:
            connection.execute(f'create database "{settings.postgres_database}"')


def spark_table_dir(settings: Settings, schema: str, table: str) -> Path:
    """Folder of a managed Parquet table of the local Spark warehouse."""
    return settings.spark_dir / "warehouse" / f"{schema}.db" / table


def spark_landing_dir(settings: Settings) -> Path:
    """Parquet files of the landing tables, registered as tables by spark__load_landing."""
    return settings.spark_dir / "landing"


def prepare_target(settings: Settings) -> None:
    """Before `dbt build` on Postgres or Spark: the server, then the landing step."""
    from journey.target_landing import land

    if settings.target == "postgres":
        ensure_postgres(settings)
    land(settings)


def print_target_summary(settings: Settings) -> None:
    """Rows per mart on a Postgres or Spark target."""
    from journey.parity import mart_sums

    print(f"\nWarehouse: target {settings.target}")
    print(f"Landing folder: {settings.raw_dir}")
    for name, mart in mart_sums(settings).items():
        print(f"  {'marts.' + name:<55} {mart.rows:>12,} rows")
