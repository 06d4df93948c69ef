"""Fixtures for the quality suites: a good landing folder (the demo generator's, 300 persons)
loaded into a warehouse by the project's own loader, good marts (hand-made, see gx_fixtures),
and a warehouse file holding both."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gx_fixtures
from dbt_harness import run_dbt

from expectations.context import read_table
from expectations.runner import AS_OF_VARIABLE
from journey.generate import generate
from journey.settings import LANDING_TABLES

RawFrame = Callable[[str], pd.DataFrame]


@pytest.fixture(autouse=True)
def _no_as_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Freshness is judged against the landing folder unless a test sets the date itself."""
    monkeypatch.delenv(AS_OF_VARIABLE, raising=False)


@pytest.fixture(scope="session")
def good_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("landing") / "good"
    generate(folder, persons=300, seed=1, fmt="csv", progress=False)
    return folder


def load_landing(raw_dir: Path, duckdb_path: Path, work_dir: Path) -> Path:
    """Loads `raw_dir` into `landing.*` of `duckdb_path` with the project's loader."""
    done = run_dbt(["run-operation", "load_landing"], raw_dir, duckdb_path, work_dir)
    assert done.returncode == 0, done.stdout[-4000:]
    return duckdb_path


@pytest.fixture(scope="session")
def loaded_landing(good_landing: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file holding the good landing folder as loaded (no models)."""
    work = tmp_path_factory.mktemp("loaded")
    return load_landing(good_landing, work / "loaded.duckdb", work)


@pytest.fixture(scope="session")
def _raw_frames(loaded_landing: Path) -> dict[str, pd.DataFrame]:
    return {table: read_table(loaded_landing, "raw", table) for table in LANDING_TABLES}


@pytest.fixture
def raw_frame(_raw_frames: dict[str, pd.DataFrame]) -> RawFrame:
    """A fresh copy of a good landing table (as loaded: text, blanks missing), free to break."""
    return lambda table: _raw_frames[table].copy()


@pytest.fixture
def mart_frame() -> Callable[[str], pd.DataFrame]:
    frames = gx_fixtures.mart_frames()
    return lambda model: frames[model].copy()


@pytest.fixture
def good_warehouse(loaded_landing: Path, tmp_path: Path) -> Path:
    """The loaded landing tables and the good marts in one warehouse file, free to break."""
    path = Path(shutil.copy(loaded_landing, tmp_path / "warehouse.duckdb"))
    return gx_fixtures.write_warehouse(path, gx_fixtures.mart_frames())
