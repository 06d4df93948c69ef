"""Benchmark: generate demo data and build the warehouse at several sizes; prints figures and
ratios (seconds, peak memory, rows, scaling against the smallest size, orchestration overhead).

    python -m journey.bench --sizes 2000 20000 --dagster
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from journey.settings import PROJECT_DIR


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str]) -> Measure:
    """Runs a command; wall time and its peak resident memory (via GNU time when present)."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [gnu_time, "-f", "%M", "-o", report.name, *command] if gnu_time else command
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
        text = report.read().strip().splitlines()
        peak_kb = float(text[-1]) if gnu_time and text and text[-1].isdigit() else float("nan")
    return Measure(seconds, peak_kb / 1024)


def bench(sizes: list[int], fmt: str, dagster: bool, work: Path) -> list[dict[str, object]]:
    bin_dir = Path(sys.executable).parent
    results = []
    for persons in sizes:
        raw_dir = work / f"landing_{persons}"
        env = {
            **os.environ,
            "JOURNEY_RAW_DIR": str(raw_dir),
            "JOURNEY_DUCKDB_PATH": str(work / f"warehouse_{persons}.duckdb"),
            "DBT_TARGET_PATH": str(work / f"target_{persons}"),
            "DBT_LOG_PATH": str(work / f"logs_{persons}"),
            "JOURNEY_REPORTS_DIR": str(work / f"reports_{persons}"),
            "DAGSTER_HOME": str(work / f"dagster_{persons}"),
        }
        Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
        generated = measure(
            [
                str(bin_dir / "journey"),
                "generate",
                "--persons",
                str(persons),
                "--out",
                str(raw_dir),
                "--format",
                fmt,
                "--no-progress",
            ],
            env,
        )
        built = measure([str(bin_dir / "dbt"), "build", "--quiet"], env)
        row = {"persons": persons, "generate": generated, "dbt_build": built}
        if dagster:
            row["dagster_run"] = measure([str(bin_dir / "journey"), "run"], env)
        results.append(row)
    return results


def report(results: list[dict[str, object]]) -> str:
    base = results[0]
    lines = [
        f"{'persons':>10} {'step':<12} {'seconds':>9} {'peak MB':>9} {'s/1k persons':>13} "
        f"{'x smallest':>11}"
    ]
    for row in results:
        persons = int(row["persons"])
        for step in ("generate", "dbt_build", "dagster_run"):
            if step not in row:
                continue
            value: Measure = row[step]  # type: ignore[assignment]
            ratio = value.seconds / base[step].seconds  # type: ignore[union-attr]
            lines.append(
                f"{persons:>10,} {step:<12} {value.seconds:>9.1f} {value.peak_mb:>9.0f} "
                f"{value.seconds / persons * 1000:>13.3f} {ratio:>11.2f}"
            )
        if "dagster_run" in row:
            overhead = row["dagster_run"].seconds / row["dbt_build"].seconds  # type: ignore[union-attr]
            lines.append(
                f"{persons:>10,} orchestration overhead: dagster run / dbt build = {overhead:.2f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    parser.add_argument("--dagster", action="store_true", help="also time the Dagster job")
    parser.add_argument("--keep", help="keep the work folder here instead of a temporary one")
    args = parser.parse_args(argv)
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=True)
        print(report(bench(args.sizes, args.format, args.dagster, work)))
    else:
        with tempfile.TemporaryDirectory(prefix="journey-bench-") as folder:
            print(report(bench(args.sizes, args.format, args.dagster, Path(folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
