"""Benchmark: at each size, generate demo data once, then measure on the same files

- the raw-load floor: DuckDB copying the nine landing tables into a new database file once,
  with nothing else (no typing, no checks) — the least any build must spend reading its input;
- the bare `dbt build` (models, seeds, tests);
- the full orchestrated run, `journey run` (landing, quality suites, build, docs, reports);

and print each one's wall time and peak resident memory, the ratios run/floor and build/floor,
and the growth between sizes.

    python -m journey.bench --sizes 100000 --runs 1

With `--incremental`, at each size: the web events of the newest arrival day become a file of
their own; the warehouse is built on the history without it, then the same files are measured
twice — one new day's incremental `dbt build` and a full-refresh `dbt build` — with the fixed
overhead (process start and parse, `dbt parse`) shown on its own line.

    python -m journey.bench --incremental --sizes 20000
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from journey.contract import LANDING_TABLES, REQUIRED_LANDING_TABLES, landing_files
from journey.settings import PROJECT_DIR

GNU_TIME = "/usr/bin/time"

# The floor loads each table with DuckDB's own readers into a table of its own.
_FLOOR_SCRIPT = """
import sys, duckdb
from pathlib import Path
from journey.contract import LANDING_TABLES, landing_files
raw_dir, target = Path(sys.argv[1]), sys.argv[2]
with duckdb.connect(target) as connection:
    for table in LANDING_TABLES:
        files = [str(path) for path in landing_files(raw_dir, table)]
        if not files:
            continue  # an optional table the export does not carry
        reader = "read_parquet" if files[0].endswith(".parquet") else "read_csv"
        connection.execute(f"create table {table} as select * from {reader}($files)",
                           {"files": files})
"""


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str]) -> Measure:
    """Runs a command to completion; its wall time and peak resident memory (GNU time)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report.name, *command]
        if not Path(GNU_TIME).exists():
            wrapped = command
        started = time.perf_counter()
        completed = subprocess.run(
            wrapped,
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if completed.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr[-3000:]}")
        lines = report.read().strip().splitlines()
    peak_kb = float(lines[-1]) if lines and lines[-1].isdigit() else float("nan")
    return Measure(seconds, peak_kb / 1024)


def median(measures: list[Measure]) -> Measure:
    return Measure(
        statistics.median(m.seconds for m in measures),
        statistics.median(m.peak_mb for m in measures),
    )


def environment(work: Path, persons: int) -> dict[str, str]:
    return {
        **os.environ,
        "JOURNEY_RAW_DIR": str(work / f"landing_{persons}"),
        "JOURNEY_DUCKDB_PATH": str(work / f"warehouse_{persons}.duckdb"),
        "DBT_TARGET_PATH": str(work / f"target_{persons}"),
        "DBT_LOG_PATH": str(work / f"logs_{persons}"),
        "JOURNEY_REPORTS_DIR": str(work / f"reports_{persons}"),
        "DAGSTER_HOME": str(work / f"dagster_{persons}"),
    }


def ensure_generated(raw_dir: Path, persons: int, fmt: str, env: dict[str, str]) -> None:
    """Generates `persons` persons into `raw_dir` unless every required landing table has files."""
    if not all(landing_files(raw_dir, table) for table in REQUIRED_LANDING_TABLES):
        subprocess.run(
            [sys.executable, "-m", "journey.generate", "--persons", str(persons), "--out",
             str(raw_dir), "--format", fmt, "--no-progress"],
            cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip


def bench_size(
    persons: int, fmt: str, runs: int, steps: list[str], work: Path
) -> dict[str, Measure]:
    env = environment(work, persons)
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    raw_dir = Path(env["JOURNEY_RAW_DIR"])
    ensure_generated(raw_dir, persons, fmt, env)
    floor_db = work / f"floor_{persons}.duckdb"
    commands = {
        "floor": [sys.executable, "-c", _FLOOR_SCRIPT, str(raw_dir), str(floor_db)],
        "build": [str(bin_dir / "dbt"), "build", "--quiet"],
        "run": [str(bin_dir / "journey"), "run"],
    }
    results: dict[str, Measure] = {}
    for step in steps:
        # Every build and run starts from nothing (a run on a warehouse that has processed
        # these files would load nothing new), in a folder of its own at a fixed path, so
        # dbt's parse is reused as in a deployment.
        warehouse = work / f"{step}_{persons}" / "warehouse.duckdb"
        step_env = {**env, "JOURNEY_DUCKDB_PATH": str(warehouse)}
        measures = []
        for _ in range(runs):
            floor_db.unlink(missing_ok=True)
            shutil.rmtree(warehouse.parent, ignore_errors=True)
            warehouse.parent.mkdir(parents=True)
            measures.append(measure(commands[step], step_env))
        results[step] = median(measures)
    floor_db.unlink(missing_ok=True)
    return results


# Splits web_events into the history and the newest arrival day (by received_at); rows without
# a readable received_at stay in the history.
_SPLIT_SCRIPT = """
import sys, duckdb
from pathlib import Path
from journey.contract import landing_files
raw_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
files = [str(path) for path in landing_files(raw_dir, "web_events")]
reader = "read_parquet" if files[0].endswith(".parquet") else "read_csv"
with duckdb.connect() as connection:
    connection.execute(
        f"create table events as select *, try_cast(try_cast(received_at as timestamptz)"
        f" as date) as arrival_day from {reader}($files, all_varchar = true)"
        if reader == "read_csv" else
        f"create table events as select *, try_cast(try_cast(received_at as timestamptz)"
        f" as date) as arrival_day from {reader}($files)", {"files": files})
    newest = connection.execute("select max(arrival_day) from events").fetchone()[0]
    (out_dir / "web_events").mkdir(parents=True, exist_ok=True)
    for name, condition in (("history", "arrival_day is null or arrival_day < $day"),
                            ("day_2", "arrival_day = $day")):
        connection.execute(
            f"copy (select * exclude (arrival_day) from events where {condition})"
            f" to '{out_dir / 'web_events' / name}.parquet' (format parquet)", {"day": newest})
"""

# Numbers `landing._files` by arrival batch: a file named day_<n> came with batch n, others with 1.
_BATCH_SCRIPT = """
import sys, duckdb
with duckdb.connect(sys.argv[1]) as connection:
    connection.execute("alter table landing._files add column if not exists batch_id bigint")
    connection.execute(
        "update landing._files set batch_id = coalesce(try_cast("
        "regexp_extract(source_file, 'day_(\\d+)', 1) as bigint), 1)")
"""


def bench_incremental(persons: int, fmt: str, work: Path) -> dict[str, Measure]:
    """One new day's incremental build against a full-refresh build on the same files."""
    env = environment(work, persons)
    bin_dir = Path(sys.executable).parent
    raw_dir = Path(env["JOURNEY_RAW_DIR"])
    ensure_generated(raw_dir, persons, fmt, env)
    daily_dir = work / f"daily_{persons}"
    history_dir = work / f"history_{persons}"
    for folder in (daily_dir, history_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for table in LANDING_TABLES:
            if table != "web_events":
                for path in landing_files(raw_dir, table):
                    target = folder / path.name
                    if not target.exists():
                        target.symlink_to(path)
    subprocess.run([sys.executable, "-c", _SPLIT_SCRIPT, str(raw_dir), str(daily_dir)], check=True)
    (history_dir / "web_events").mkdir(exist_ok=True)
    history_file = history_dir / "web_events" / "history.parquet"
    if not history_file.exists():
        history_file.symlink_to(daily_dir / "web_events" / "history.parquet")
    dbt = str(bin_dir / "dbt")
    preloaded = ["--vars", '{"journey__landing_preloaded": true}']
    database = Path(env["JOURNEY_DUCKDB_PATH"])
    database.unlink(missing_ok=True)

    def prepare(folder: Path) -> None:
        step_env = {**env, "JOURNEY_RAW_DIR": str(folder)}
        for command in (
            [dbt, "run-operation", "load_landing", "--quiet"],
            [sys.executable, "-c", _BATCH_SCRIPT, str(database)],
        ):
            subprocess.run(command, cwd=PROJECT_DIR, env=step_env, check=True)

    # The history is built once, unmeasured; then the new day arrives.
    prepare(history_dir)
    subprocess.run([dbt, "build", "--quiet", *preloaded], cwd=PROJECT_DIR, env=env, check=True)
    prepare(daily_dir)
    daily_env = {**env, "JOURNEY_RAW_DIR": str(daily_dir)}
    full_database = work / f"full_{persons}.duckdb"
    full_database.write_bytes(database.read_bytes())
    results = {
        "parse": measure([dbt, "parse", "--quiet", *preloaded], daily_env),
        "incremental": measure([dbt, "build", "--quiet", *preloaded], daily_env),
    }
    full_env = {**daily_env, "JOURNEY_DUCKDB_PATH": str(full_database)}
    results["full"] = measure([dbt, "build", "--quiet", "--full-refresh", *preloaded], full_env)
    return results


def report_incremental(results: dict[int, dict[str, Measure]]) -> str:
    lines = [f"{'persons':>10} {'step':<12} {'seconds':>9} {'peak MB':>9}"]
    for persons, steps in results.items():
        for step, value in steps.items():
            lines.append(f"{persons:>10,} {step:<12} {value.seconds:>9.1f} {value.peak_mb:>9.0f}")
        overhead = steps["parse"].seconds
        ratio = steps["incremental"].seconds / steps["full"].seconds
        net = (steps["incremental"].seconds - overhead) / (steps["full"].seconds - overhead)
        lines.append(
            f"{persons:>10,} incremental/full {ratio:.2f}x; without the fixed overhead"
            f" (start + parse, {overhead:.1f} s): {net:.2f}x"
        )
    return "\n".join(lines)


def report(results: dict[int, dict[str, Measure]]) -> str:
    lines = [f"{'persons':>10} {'step':<6} {'seconds':>9} {'peak MB':>9} {'x floor':>8}"]
    for persons, steps in results.items():
        floor = steps.get("floor")
        for step, value in steps.items():
            ratio = f"{value.seconds / floor.seconds:8.1f}" if floor else f"{'-':>8}"
            lines.append(
                f"{persons:>10,} {step:<6} {value.seconds:>9.1f} {value.peak_mb:>9.0f} {ratio}"
            )
    sizes = list(results)
    for smaller, larger in itertools.pairwise(sizes):
        for step in results[larger]:
            if step in results[smaller]:
                growth = results[larger][step].seconds / results[smaller][step].seconds
                lines.append(f"growth {smaller:,} -> {larger:,} persons, {step}: {growth:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    parser.add_argument("--runs", type=int, default=1, help="runs per step (the median is shown)")
    parser.add_argument(
        "--steps", nargs="+", choices=["floor", "build", "run"], default=["floor", "build", "run"]
    )
    parser.add_argument("--keep", help="keep the work folder here (and reuse its landing data)")
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="measure one new day's incremental build against a full-refresh build",
    )
    if argv and argv[0] == "--":
        # `journey bench -- --incremental …`: the separator that passes options through.
        argv = argv[1:]
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journey-bench-") as folder:
        work = Path(args.keep or folder)
        work.mkdir(parents=True, exist_ok=True)
        if args.incremental:
            incremental = {
                persons: bench_incremental(persons, args.format, work) for persons in args.sizes
            }
            print(report_incremental(incremental))
            return 0
        results = {
            persons: bench_size(persons, args.format, args.runs, args.steps, work)
            for persons in args.sizes
        }
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
