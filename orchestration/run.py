"""`journey run` and `journey ui`: the daily job in this process, or the Dagster UI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dagster as dg

from expectations.runner import data_docs_index, summarise
from journey.engines import print_target_summary
from journey.privacy import identity_path
from journey.report import journey_report_dir
from journey.settings import PROJECT_DIR, Settings
from journey.summary import print_warehouse_summary
from orchestration.code_location import build_definitions
from orchestration.jobs import JOURNEY_DAILY
from orchestration.journey_report import JOURNEY_REPORT_KEY
from orchestration.reports import DBT_DOCS_KEY, dbt_docs_dir
from orchestration.resources import JourneyResource
from orchestration.run_report import failure_report, suite_outcomes, warning_report
from orchestration.warehouse import WarehouseLocked, build_file, run_lock

DEFAULT_DAGSTER_HOME = PROJECT_DIR / ".dagster_home"
# The console shows progress, not Dagster's debug events (the UI keeps the full log).
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
# Runs queue one at a time: each writes the same DuckDB file, which allows a single writer.
DAGSTER_YAML = """\
concurrency:
  runs:
    max_concurrent_runs: 1
telemetry:
  enabled: false
"""
UI_SHUTDOWN_SECONDS = 30


def ensure_dagster_home() -> Path:
    """DAGSTER_HOME (default `.dagster_home/` in the project): run history the UI shows too."""
    home = Path(os.environ.get("DAGSTER_HOME") or DEFAULT_DAGSTER_HOME).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def run_job(
    settings: Settings, instance: dg.DagsterInstance | None = None, *, full_refresh: bool = False
) -> int:
    """Runs journey_daily end to end; 0 on success, 1 with the failures printed otherwise.
    An ordinary run updates the published warehouse with the landing files it has not
    processed; `full_refresh` rebuilds it from scratch.

    The run's locks (`run_lock`: the warehouse lock, and on Postgres the database's build lock)
    are taken before anything else, so a second run refuses at once (naming the run that
    builds) instead of after loading the code location.
    """
    run_id = str(uuid.uuid4())  # the form of Dagster's own run ids
    try:
        with run_lock(settings, run_id):
            return _run_locked(settings, run_id, instance, full_refresh)
    except WarehouseLocked as locked:
        print(f"Run of {JOURNEY_DAILY} refused: {locked}", file=sys.stderr)
        return 1


def _run_locked(
    settings: Settings, run_id: str, instance: dg.DagsterInstance | None, full_refresh: bool
) -> int:
    job = build_definitions(settings).resolve_job_def(JOURNEY_DAILY)
    if instance is None:
        ensure_dagster_home()
        instance = dg.DagsterInstance.get()
    started = time.monotonic()
    run_config: dict[str, object] = dict(QUIET_LOGS)
    if full_refresh:
        # Run config replaces the resource's configuration as a whole: every field is given.
        journey = JourneyResource.from_settings(settings).model_copy(update={"full_refresh": True})
        run_config["resources"] = {"journey": {"config": journey.model_dump()}}
    result = job.execute_in_process(
        instance=instance, raise_on_error=False, run_config=run_config, run_id=run_id
    )
    elapsed = time.monotonic() - started

    for line in warning_report(result):
        print(f"Warning: {line}")
    print_summaries(settings, result)
    if not result.success:
        print(
            f"\nRun {result.run_id} of {JOURNEY_DAILY} FAILED after {elapsed:.0f}s:",
            file=sys.stderr,
        )
        for line in failure_report(result) or ["(no failed step or check recorded)"]:
            print(f"  {line}", file=sys.stderr)
        if settings.target == "postgres":
            print(
                f"The published schemas of Postgres database {settings.postgres_database} were "
                "not replaced; this run's schemas *__build are kept until the next run.",
                file=sys.stderr,
            )
            return 1
        print(f"Warehouse {settings.duckdb_path} was not replaced.", file=sys.stderr)
        build = build_file(settings.duckdb_path, run_id)
        if build.exists():
            print(f"This run's build is kept until the next run: {build}", file=sys.stderr)
        return 1
    print(f"\nRun {result.run_id} of {JOURNEY_DAILY} succeeded in {elapsed:.0f}s.")
    return 0


def print_summaries(settings: Settings, result: dg.ExecuteInProcessResult) -> None:
    outcomes = suite_outcomes(result.get_asset_check_evaluations())
    if outcomes:
        print(f"\nQuality: {summarise(outcomes)}")
    if result.success:
        if settings.target == "postgres":
            print_target_summary(settings)
        else:
            print_warehouse_summary(settings)
    docs = dbt_docs_dir(settings.reports_dir) / "index.html"
    built = any(
        event.asset_key == DBT_DOCS_KEY for event in result.get_asset_materialization_events()
    )
    if settings.target == "postgres":
        print(f"\nWarehouse:      Postgres database {settings.postgres_database}")
    else:
        exists = settings.duckdb_path.exists()
        print(f"\nWarehouse:      {settings.duckdb_path}{'' if exists else ' (not built)'}")
        identity = identity_path(settings.duckdb_path)
        print(
            f"Identity tier:  {identity}{'' if identity.exists() else ' (not built)'} (owner only)"
        )
    print(f"dbt docs:       {docs}{'' if built else ' (not rebuilt by this run)'}")
    print(f"Quality report: {data_docs_index(settings)}")
    journey_built = any(
        event.asset_key == JOURNEY_REPORT_KEY for event in result.get_asset_materialization_events()
    )
    journey_index = journey_report_dir(settings.reports_dir) / "index.html"
    print(f"Journey report: {journey_index}{'' if journey_built else ' (not rebuilt by this run)'}")


def dagster_executable() -> str:
    beside_python = Path(sys.executable).with_name("dagster")
    return str(beside_python) if beside_python.exists() else "dagster"


def start_ui(settings: Settings, port: int = 3000) -> int:
    """`dagster dev` on 127.0.0.1 with this project's paths; returns when it is stopped."""
    home = ensure_dagster_home()
    env = {
        **os.environ,
        **settings.dbt_env(),
        "JOURNEY_REPORTS_DIR": str(settings.reports_dir),
        "DAGSTER_HOME": str(home),
    }
    command = [
        dagster_executable(),
        "dev",
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
        "-m",
        "orchestration.definitions",
    ]
    print(f"Dagster UI on http://127.0.0.1:{port} (Ctrl-C stops it); run history in {home}")
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        # In a terminal dagster dev received the same Ctrl-C; give it time to stop its
        # webserver, daemon and code server, and ask once more if it has not.
        try:
            return process.wait(timeout=UI_SHUTDOWN_SECONDS)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
            return process.wait()
