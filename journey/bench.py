"""Benchmark: at each size, generate demo data once, then measure on the same files

- the raw-load floor: DuckDB copying the nine landing tables into a new database file once,
  with nothing else (no typing, no checks) — the least any build must spend reading its input;
- the bare `dbt build` (models, seeds, tests);
- the full orchestrated run, `journey run` (landing, quality suites, build, docs, reports);

and print each one's wall time and peak resident memory, the ratios run/floor and build/floor,
and the growth between sizes.

    python -m journey.bench --sizes 100000 --runs 1
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from journey.contract import LANDING_TABLES, landing_files
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


def bench_size(
    persons: int, fmt: str, runs: int, steps: list[str], work: Path
) -> dict[str, Measure]:
    env = environment(work, persons)
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    raw_dir = Path(env["JOURNEY_RAW_DIR"])
    if not all(landing_files(raw_dir, table) for table in LANDING_TABLES):
        subprocess.run(
            [sys.executable, "-m", "journey.generate", "--persons", str(persons), "--out",
             str(raw_dir), "--format", fmt, "--no-progress"],
            cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    floor_db = work / f"floor_{persons}.duckdb"
    commands = {
        "floor": [sys.executable, "-c", _FLOOR_SCRIPT, str(raw_dir), str(floor_db)],
        "build": [str(bin_dir / "dbt"), "build", "--quiet"],
        "run": [str(bin_dir / "journey"), "run"],
    }
    results: dict[str, Measure] = {}
    for step in steps:
        measures = []
        for _ in range(runs):
            floor_db.unlink(missing_ok=True)
            measures.append(measure(commands[step], env))
        results[step] = median(measures)
    floor_db.unlink(missing_ok=True)
    return results


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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="journey-bench-") as folder:
        work = Path(args.keep or folder)
        work.mkdir(parents=True, exist_ok=True)
        results = {
            persons: bench_size(persons, args.format, args.runs, args.steps, work)
            for persons in args.sizes
        }
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
