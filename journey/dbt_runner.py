"""Runs dbt in the project directory with the landing folder and warehouse from Settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from journey.settings import PROJECT_DIR, Settings


def dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else (shutil.which("dbt") or "dbt")


def run_dbt(args: list[str], settings: Settings, check: bool = True) -> int:
    """Runs `dbt <args>`; returns its exit code (raises SystemExit on failure when check)."""
    env = {**os.environ, **settings.dbt_env()}
    settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run([dbt_executable(), *args], cwd=PROJECT_DIR, env=env, check=False)
    if check and completed.returncode != 0:
        raise SystemExit(f"dbt {' '.join(args)} failed with exit code {completed.returncode}")
    return completed.returncode


def run_dbt_captured(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Runs `dbt <args>` in the project with `env`, its output captured as text; never raises
    on a failed run (the caller words the failure)."""
    return subprocess.run(
        [dbt_executable(), *args],
        cwd=PROJECT_DIR,
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
    )
