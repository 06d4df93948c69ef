"""Fixtures for the quality suites: a good landing folder (the demo generator's, 300 persons),
good marts (hand-made, see gx_fixtures), and a warehouse file holding them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gx_fixtures

from expectations.data import load_raw_frame
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


@pytest.fixture(scope="session")
def _raw_frames(good_landing: Path) -> dict[str, pd.DataFrame]:
    return {table: load_raw_frame(good_landing, table) for table in LANDING_TABLES}


@pytest.fixture
def raw_frame(_raw_frames: dict[str, pd.DataFrame]) -> RawFrame:
    """A fresh copy of a good landing table, free to break."""
    return lambda table: _raw_frames[table].copy()


@pytest.fixture
def mart_frame() -> Callable[[str], pd.DataFrame]:
    frames = gx_fixtures.mart_frames()
    return lambda model: frames[model].copy()


@pytest.fixture
def good_warehouse(tmp_path: Path) -> Path:
    return gx_fixtures.write_warehouse(tmp_path / "warehouse.duckdb", gx_fixtures.mart_frames())
