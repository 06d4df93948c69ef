"""Parity: the same landing folder built on several targets must give the same marts.

    journey parity --targets duckdb,postgres,spark

Per mart, the row count and an order-independent checksum of the rows on each target: every
value is written canonically (timestamps to the second, numbers rounded to 1e-9, nulls
marked), each row is hashed, and the hashes are summed modulo 2^64. Any difference (a mart
missing, another count or checksum, a failed build) exits non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import hashlib
import os
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import psycopg

from journey.dbt_runner import run_dbt_captured
from journey.engines import ensure_postgres, postgres_params, spark_table_dir
from journey.settings import TARGETS, Settings
from journey.target_landing import land

MART_SCHEMA = "marts"


@dataclass(frozen=True)
class MartSum:
    rows: int
    checksum: str


@dataclass
class TargetResult:
    target: str
    seconds: float = 0.0
    error: str | None = None
    marts: dict[str, MartSum] = field(default_factory=dict)


def canonical(value: object) -> str:
    """One spelling per value on every engine."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | decimal.Decimal):
        number = round(float(value), 9)
        if number != number or number in (float("inf"), float("-inf")):
            return str(number)
        if number == int(number) and abs(number) < 2**53:
            return str(int(number))
        return repr(number)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


def checksum(rows: Iterable[Sequence[object]]) -> MartSum:
    """Row count and the sum (mod 2^64) of the rows' hashes: independent of row order."""
    total = count = 0
    for row in rows:
        text = "\x1f".join(canonical(value) for value in row)
        total = (total + int.from_bytes(hashlib.sha256(text.encode()).digest()[:8])) % 2**64
        count += 1
    return MartSum(count, f"{total:016x}")


def start_empty(settings: Settings) -> None:
    """Removes the target's warehouse, so a build starts from nothing: an earlier build's
    tables (an incremental model with older columns, the customer id change log that a full
    refresh keeps on purpose) must neither fail the build nor colour the comparison."""
    if settings.target == "duckdb":
        wal = settings.duckdb_path.with_name(settings.duckdb_path.name + ".wal")
        for path in (settings.duckdb_path, wal):
            path.unlink(missing_ok=True)
    elif settings.target == "spark":
        shutil.rmtree(settings.spark_dir, ignore_errors=True)
    else:
        ensure_postgres(settings)
        with psycopg.connect(
            **postgres_params(settings, database="postgres"), autocommit=True
        ) as connection:
            name = settings.postgres_database.replace('"', '""')
            connection.execute(f'drop database if exists "{name}" with (force)')
            connection.execute(f'create database "{name}"')


def target_settings(base: Settings, target: str, work: Path) -> Settings:
    """Each target's own warehouse inside `work`, on the same landing folder."""
    return replace(
        base,
        target=target,
        duckdb_path=work / "duckdb" / "warehouse.duckdb",
        spark_dir=work / "spark",
        postgres_database=os.environ.get("JOURNEY_PARITY_PG_DATABASE", "journey_parity"),
    )


def build(settings: Settings, work: Path) -> TargetResult:
    """Landing step (Postgres, Spark) and `dbt build` on one target."""
    result = TargetResult(settings.target)
    started = time.perf_counter()
    target_path = work / settings.target / "target"
    env = {
        **os.environ,
        **settings.dbt_env(),
        "DBT_TARGET_PATH": str(target_path),
        "DBT_LOG_PATH": str(work / settings.target / "logs"),
    }
    try:
        start_empty(settings)
        if settings.target == "postgres":
            env.update(settings.dbt_env())
        settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
        land(settings, target_path)
        completed = run_dbt_captured(["build", "--quiet"], env)
        if completed.returncode != 0:
            result.error = f"dbt build failed:\n{completed.stdout[-3000:]}"
        else:
            result.marts = mart_sums(settings)
    except SystemExit as error:
        result.error = str(error)
    result.seconds = time.perf_counter() - started
    return result


def mart_sums(settings: Settings) -> dict[str, MartSum]:
    """Checksum of every table of schema `marts` on the settings' target."""
    if settings.target == "duckdb":
        with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
            return _duckdb_sums(connection, _duckdb_marts(connection))
    if settings.target == "postgres":
        with psycopg.connect(**postgres_params(settings)) as connection:
            names = [
                name
                for (name,) in connection.execute(
                    "select table_name from information_schema.tables "
                    "where table_schema = %s order by 1",
                    [MART_SCHEMA],
                )
            ]
            return {
                name: checksum(connection.execute(f'select * from {MART_SCHEMA}."{name}"'))
                for name in names
            }
    # Spark: the marts are Parquet tables of the local warehouse, read here with DuckDB.
    folder = spark_table_dir(settings, MART_SCHEMA, "x").parent
    sums = {}
    with duckdb.connect() as connection:
        for table in sorted(path for path in folder.iterdir() if path.is_dir()):
            files = sorted(table.glob("*.parquet"))
            rows = (
                connection.execute(f"select * from read_parquet({[str(f) for f in files]})")
                if files
                else []
            )
            sums[table.name] = checksum(rows.fetchall() if files else rows)
    return sums


def _duckdb_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        name
        for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = ? order by 1",
            [MART_SCHEMA],
        ).fetchall()
    ]


def _duckdb_sums(connection: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, MartSum]:
    return {
        name: checksum(connection.execute(f'select * from {MART_SCHEMA}."{name}"').fetchall())
        for name in names
    }


def compare(results: Sequence[TargetResult]) -> tuple[bool, str]:
    """(equal everywhere, the report table)."""
    marts = sorted({name for result in results for name in result.marts})
    width = max([len(name) for name in marts] + [12])
    lines = [
        f"{'mart':<{width}} "
        + " ".join(f"{r.target + ' rows':>14} {r.target + ' checksum':>18}" for r in results)
        + "  parity"
    ]
    equal = True
    for result in results:
        if result.error:
            equal = False
            lines.append(f"{result.target}: {result.error}")
    for name in marts:
        sums = [result.marts.get(name) for result in results]
        same = all(s is not None for s in sums) and len(set(sums)) == 1
        equal = equal and same
        cells = " ".join(
            f"{'missing':>14} {'':>18}" if s is None else f"{s.rows:>14,} {s.checksum:>18}"
            for s in sums
        )
        lines.append(f"{name:<{width}} {cells}  {'ok' if same else 'DIFFERENT'}")
    lines.append("build seconds: " + ", ".join(f"{r.target} {r.seconds:.1f}" for r in results))
    return equal, "\n".join(lines)


def parity(targets: Sequence[str], work: Path, base: Settings | None = None) -> int:
    """Builds the landing folder on every target and prints the comparison; 0 when equal."""
    base = base or Settings.from_env()
    results = [build(target_settings(base, target, work), work) for target in targets]
    equal, text = compare(results)
    print(text)
    print("parity: all marts equal" if equal else "parity: DIFFERENCES found")
    return 0 if equal else 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--targets", default="duckdb,postgres", help="comma-separated targets")
    parser.add_argument("--raw-dir", help="landing folder (default: JOURNEY_RAW_DIR)")
    parser.add_argument(
        "--work", default="target/parity", help="folder for the targets' warehouses and logs"
    )


def run_from_args(args: argparse.Namespace) -> int:
    targets = [name.strip() for name in args.targets.split(",") if name.strip()]
    unknown = [name for name in targets if name not in TARGETS]
    if unknown or len(targets) < 2:
        raise SystemExit(f"--targets: two or more of {', '.join(TARGETS)}; got {args.targets}")
    if args.raw_dir:
        os.environ["JOURNEY_RAW_DIR"] = args.raw_dir
    return parity(targets, (Path.cwd() / args.work).resolve())
