"""Build time per target and size, and where each engine spends it (slowest dbt nodes).

python -m journey.bench_engines --sizes 2000 20000 --targets duckdb,postgres,spark
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from journey.dbt_runner import dbt_executable
from journey.engines import prepare_target
from journey.generate import generate
from journey.parity import start_empty, target_settings
from journey.settings import PROJECT_DIR, Settings


def slowest_nodes(run_results: Path, top: int) -> list[tuple[str, float]]:
    """(node, seconds) of the slowest nodes of a dbt run_results.json."""
    results = json.loads(run_results.read_text())["results"]
    timed = [(r["unique_id"].split(".", 2)[-1], float(r["execution_time"])) for r in results]
    return sorted(timed, key=lambda item: -item[1])[:top]


def bench_target(settings: Settings, work: Path, top: int) -> dict[str, object]:
    target_path = work / settings.target / "target"
    env = {
        **os.environ,
        **settings.dbt_env(),
        "DBT_TARGET_PATH": str(target_path),
        "DBT_LOG_PATH": str(work / settings.target / "logs"),
    }
    start_empty(settings)
    settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if settings.target != "duckdb":
        os.environ["DBT_TARGET_PATH"] = str(target_path)
        prepare_target(settings)
    landed = time.perf_counter()
    completed = subprocess.run(
        [dbt_executable(), "build", "--quiet"], cwd=PROJECT_DIR, env={**env, **settings.dbt_env()}
    )
    if completed.returncode != 0:
        raise SystemExit(f"dbt build on {settings.target} failed")
    finished = time.perf_counter()
    results = json.loads((target_path / "run_results.json").read_text())
    return {
        "landing_step": landed - started,
        "dbt_build": finished - landed,
        "nodes_seconds": sum(float(r["execution_time"]) for r in results["results"]),
        "slowest": slowest_nodes(target_path / "run_results.json", top),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--targets", default="duckdb,postgres,spark")
    parser.add_argument("--work", default="target/bench_engines")
    parser.add_argument("--top", type=int, default=5, help="slowest nodes shown per build")
    args = parser.parse_args(argv)
    work = (Path.cwd() / args.work).resolve()
    for persons in args.sizes:
        raw_dir = work / f"landing_{persons}"
        if not raw_dir.exists():
            generate(raw_dir, persons=persons, seed=42, fmt="parquet", progress=False)
        base = Settings.from_env({"JOURNEY_RAW_DIR": str(raw_dir)})
        for target in args.targets.split(","):
            folder = work / f"{target}_{persons}"
            row = bench_target(target_settings(base, target, folder), folder, args.top)
            print(
                f"{persons:>7,} persons  {target:<9} landing step {row['landing_step']:6.1f} s  "
                f"dbt build {row['dbt_build']:6.1f} s  "
                f"(node sum {row['nodes_seconds']:.1f} s)"
            )
            for node, seconds in row["slowest"]:  # type: ignore[attr-defined]
                print(f"{'':>30}{seconds:7.1f} s  {node}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
