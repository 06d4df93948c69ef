"""A plain `dbt build --target postgres` before the landing step stops with a message saying
how to load the landing schema, instead of failing later on a missing table."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from dbt_harness import run_dbt, write_landing

from journey.engines import ensure_postgres, postgres_params
from journey.settings import Settings


def test_postgres_build_without_landing_step_says_how_to_load_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEY_PG_DATABASE", "journey_no_landing")
    settings = Settings.from_env(
        {"JOURNEY_TARGET": "postgres", "JOURNEY_PG_DATABASE": "journey_no_landing"}
    )
    ensure_postgres(settings)
    with psycopg.connect(**postgres_params(settings), autocommit=True) as connection:
        connection.execute("drop schema if exists landing cascade")
    monkeypatch.setenv("JOURNEY_TARGET", "postgres")
    for name, value in settings.dbt_env().items():
        monkeypatch.setenv(name, value)
    raw_dir = write_landing(tmp_path / "landing", {})
    result = run_dbt(
        ["build", "--select", "stg_crm__accounts"], raw_dir, tmp_path / "x.duckdb", tmp_path
    )
    assert result.returncode != 0
    assert "The landing schema of target postgres is not loaded" in result.stdout
    assert "python -m journey.target_landing" in result.stdout
