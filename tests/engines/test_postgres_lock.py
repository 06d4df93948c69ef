"""Two runs never build one Postgres database at once, even from two machines: each machine has
its own lock file, so the run also holds an advisory lock in the database itself. Needs a local
Postgres (scripts/postgres.sh starts one) unless JOURNEY_PG_PORT points at a server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from dataclasses import replace
from io import StringIO
from pathlib import Path

import psycopg
import pytest

from journey.engines import ensure_postgres, postgres_params
from journey.generate import generate
from journey.parity import start_empty
from journey.settings import PROJECT_DIR, Settings
from orchestration import cli
from orchestration.postgres_build import database_lock
from orchestration.run import run_job
from orchestration.warehouse import LOCK_TIMEOUT_VARIABLE, WarehouseLocked

DATABASE = "journey_lock_test"
# Holds the database's build lock for run "run-a" until killed.
HOLD = """
import sys, time
from journey.settings import Settings
from orchestration.postgres_build import database_lock
settings = Settings.from_env()
with database_lock(settings, "run-a"):
    print("held", flush=True)
    time.sleep(600)
"""

# Another machine's run that waits two seconds for the lock.
PROBE = """
from journey.settings import Settings
from orchestration.postgres_build import database_lock
with database_lock(Settings.from_env(), "run-d", timeout=2):
    pass
"""


def _settings(root: Path) -> Settings:
    """A machine's view of the shared database: its own landing folder and warehouse path."""
    return Settings(
        raw_dir=root / "landing",
        duckdb_path=root / "warehouse" / "journey.duckdb",
        reports_dir=root / "reports",
        target="postgres",
        postgres_database=DATABASE,
    )


def _script(folder: Path, name: str, text: str) -> str:
    """A script file (`python -c` would not do: pyspark, which GX imports, exits in a process
    whose main module has no file)."""
    path = folder / name
    path.write_text(text)
    return str(path)


@contextmanager
def _held_elsewhere(settings: Settings, folder: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (another machine, as far as lock files go) holding the build lock."""
    holder = subprocess.Popen(
        [sys.executable, _script(folder, "hold.py", HOLD)],
        cwd=PROJECT_DIR,
        env={**os.environ, **settings.dbt_env()},
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()


def test_a_run_from_another_machine_is_refused_naming_the_run_that_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(LOCK_TIMEOUT_VARIABLE, raising=False)
    first, second = _settings(tmp_path / "machine_a"), _settings(tmp_path / "machine_b")
    start_empty(first)
    generate(second.raw_dir, persons=20, seed=3, fmt="csv", progress=False)
    with _held_elsewhere(first, tmp_path):
        err = StringIO()
        started = time.monotonic()
        with redirect_stderr(err):
            code = run_job(second)
        message = err.getvalue()
        assert code == 1
        assert time.monotonic() - started < 30
        assert "refused" in message and f"Postgres database {DATABASE}" in message
        assert "journey run run-a" in message and "advisory lock" in message
        # Nothing of the second run reached the database.
        with psycopg.connect(**postgres_params(second)) as connection:
            assert connection.execute(
                "select count(*) from pg_namespace where nspname like"
                " 'landing%' or nspname like '%build'"
            ).fetchone() == (0,)
    # The holder was killed: its session ended and the lock with it.
    with database_lock(second, "run-b"):
        pass


def test_the_lock_is_reentrant_for_one_run_and_refuses_another_in_the_same_process(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    ensure_postgres(settings)
    with database_lock(settings, "run-a"), database_lock(settings, "run-a"):
        with pytest.raises(WarehouseLocked) as refused, database_lock(settings, "run-c"):
            pass
        assert "run run-a" in str(refused.value)
        # The other machine waits when it is told to, and gives up naming the holder.
        other = replace(settings, duckdb_path=tmp_path / "other" / "journey.duckdb")
        probe = subprocess.run(
            [sys.executable, _script(tmp_path, "probe.py", PROBE)],
            cwd=PROJECT_DIR,
            env={**os.environ, **other.dbt_env()},
            capture_output=True,
            text=True,
            check=False,
        )
        assert probe.returncode != 0
        assert "waited 2s" in probe.stderr and "journey run run-a" in probe.stderr


def _unreachable_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, Settings]:
    """A port nothing listens on, and settings with generated landing data."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("JOURNEY_PG_PORT", str(port))
    settings = _settings(tmp_path)
    generate(settings.raw_dir, persons=20, seed=3, fmt="csv", progress=False)
    return port, settings


def test_an_unreachable_database_refuses_the_run_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, settings = _unreachable_database(tmp_path, monkeypatch)
    err = StringIO()
    with redirect_stderr(err):
        code = run_job(settings)
    assert code == 1
    message = err.getvalue()
    assert f"Postgres database {DATABASE} cannot be reached to take its build lock" in message
    assert str(port) in message and "Traceback" not in message


def test_an_unreachable_database_refuses_journey_build_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, settings = _unreachable_database(tmp_path, monkeypatch)
    # The CLI reads the database from the environment (and exports the rest of its settings
    # there, which tests/conftest.py undoes after the test).
    monkeypatch.setenv("JOURNEY_PG_DATABASE", DATABASE)
    with pytest.raises(SystemExit) as refused:
        cli.main(
            [
                "build",
                "--target",
                "postgres",
                "--raw-dir",
                str(settings.raw_dir),
                "--duckdb-path",
                str(settings.duckdb_path),
            ]
        )
    message = str(refused.value.code)
    assert message.startswith("journey build refused: ")
    assert f"Postgres database {DATABASE} cannot be reached to take its build lock" in message
    assert str(port) in message
