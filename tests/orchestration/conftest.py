"""Fixtures for the Dagster code location: one dbt parse per session, generated landing data."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import pytest

from journey.settings import Settings

PERSONS = 300
SEED = 3


@pytest.fixture(scope="session", autouse=True)
def dbt_paths(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """dbt artifacts and logs in a temporary folder: tests never touch the project's target/."""
    work = tmp_path_factory.mktemp("dbt")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(work / "target"))
        patch.setenv("DBT_LOG_PATH", str(work / "logs"))
        patch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        yield work


@pytest.fixture(scope="session")
def generated_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small, clean demo landing folder (CSV), generated once; copy it before changing it."""
    from journey.generate import generate

    raw_dir = tmp_path_factory.mktemp("landing") / "raw"
    generate(raw_dir, persons=PERSONS, seed=SEED, fmt="csv", progress=False)
    return raw_dir


@pytest.fixture
def landing_copy(generated_landing: Path, tmp_path: Path) -> Path:
    raw_dir = tmp_path / "raw"
    shutil.copytree(generated_landing, raw_dir)
    return raw_dir


SettingsFor = Callable[[Path], Settings]


@pytest.fixture
def settings_for(tmp_path: Path) -> SettingsFor:
    """Settings that read `raw_dir` and write the warehouse and reports under tmp_path."""

    def make(raw_dir: Path) -> Settings:
        return Settings(
            raw_dir=raw_dir,
            duckdb_path=tmp_path / "warehouse" / "journey.duckdb",
            reports_dir=tmp_path / "reports",
        )

    return make


@pytest.fixture(scope="session")
def definitions() -> dg.Definitions:
    """The code location as `dagster dev` loads it (paths do not matter for its shape)."""
    from orchestration.code_location import build_definitions

    return build_definitions(
        Settings(
            raw_dir=Path("/nonexistent/raw"),
            duckdb_path=Path("/nonexistent/wh.duckdb"),
            reports_dir=Path("/nonexistent/reports"),
        )
    )
