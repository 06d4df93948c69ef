"""Fixtures for the Dagster code location: one dbt parse per session, generated landing data."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import pytest

from journey.settings import Settings
from orchestration.run import run_job

PERSONS = 300
SEED = 3


@pytest.fixture(scope="session")
def dbt_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dbt artifacts and logs for the session: parsed once, never in the project's target/."""
    return tmp_path_factory.mktemp("dbt")


def _point_dbt_at(patch: pytest.MonkeyPatch, work: Path) -> None:
    patch.setenv("DBT_TARGET_PATH", str(work / "target"))
    patch.setenv("DBT_LOG_PATH", str(work / "logs"))
    patch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@pytest.fixture(autouse=True)
def dbt_env(dbt_work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Per test, so the variables are gone again for the other test folders.
    _point_dbt_at(monkeypatch, dbt_work)


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


@contextmanager
def dagster_instance() -> Iterator[dg.DagsterInstance]:
    """An in-memory Dagster instance for runs in the test process: the same run history and
    event APIs as a DAGSTER_HOME, without a SQLite commit for each of the ~1,500 events a run
    stores. The tests of `journey run` itself (a real DAGSTER_HOME) use files."""
    with dg.DagsterInstance.ephemeral() as instance:
        yield instance


@contextmanager
def green_run(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> Iterator[tuple[dg.DagsterInstance, pytest.CaptureResult[str]]]:
    """The test instance and console output of one daily run that must succeed."""
    with dagster_instance() as instance:
        code = run_job(settings, instance=instance)
        out = capsys.readouterr()
        assert code == 0, out.out[-6000:] + out.err[-4000:]
        yield instance, out


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
def definitions(dbt_work: Path) -> dg.Definitions:
    """The code location as `dagster dev` loads it (the paths do not matter for its shape)."""
    from orchestration.code_location import build_definitions

    nowhere = Path("/nonexistent")
    with pytest.MonkeyPatch.context() as patch:
        _point_dbt_at(patch, dbt_work)
        return build_definitions(
            Settings(
                raw_dir=nowhere / "raw",
                duckdb_path=nowhere / "journey.duckdb",
                reports_dir=nowhere / "reports",
            )
        )
