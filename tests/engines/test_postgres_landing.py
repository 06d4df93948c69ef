"""A plain `dbt build --target postgres` before the landing step stops with a message saying
how to load the landing schema, instead of failing later on a missing table."""

from __future__ import annotations

from dataclasses import replace
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


@pytest.mark.parametrize("key", ["a1b2c3", "with space", "back\\slash and -c other=1"])
def test_the_privacy_key_reaches_a_postgres_session_as_a_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """What `journey run` exports for a dbt process on Postgres gives its sessions the key as
    `journey.privacy_key`, however the key is spelled, and keeps other PGOPTIONS."""
    key_file = tmp_path / "key"
    key_file.write_text(key + "\n")
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=12345")
    settings = Settings.from_env({"JOURNEY_TARGET": "postgres"})
    ensure_postgres(settings)
    settings = replace(settings, privacy_key_file=key_file)
    for name, value in settings.dbt_env().items():
        monkeypatch.setenv(name, value)
    with psycopg.connect(**postgres_params(settings)) as connection:
        row = connection.execute(
            "select current_setting('journey.privacy_key'), current_setting('statement_timeout')"
        ).fetchone()
    assert row == (key, "12345ms")
