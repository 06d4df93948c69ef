"""`journey bench`: the figures it prints come from real runs on the files it generated."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey import bench
from journey.contract import LANDING_TABLES, REQUIRED_LANDING_TABLES, landing_files
from orchestration import cli


def test_floor_loads_the_generated_export_without_its_optional_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(LANDING_TABLES) > set(REQUIRED_LANDING_TABLES), "no optional table to leave out"
    # As the README gives it: `journey bench --sizes …`.
    assert cli.main(["bench", "--sizes", "60", "--steps", "floor", "--keep", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    floor = next(line.split() for line in lines if line.split()[1:2] == ["floor"])
    assert floor[0] == "60" and float(floor[2]) > 0 and float(floor[3]) > 0
    raw_dir = tmp_path / "landing_60"
    assert all(landing_files(raw_dir, table) for table in REQUIRED_LANDING_TABLES)


def test_report_gives_ratios_to_the_floor_and_growth_between_sizes() -> None:
    results = {
        1_000: {"floor": bench.Measure(2.0, 100), "run": bench.Measure(30.0, 900)},
        10_000: {"floor": bench.Measure(4.0, 150), "run": bench.Measure(90.0, 1200)},
    }
    lines = bench.report(results).splitlines()
    run_small = next(line for line in lines if line.split()[:2] == ["1,000", "run"])
    assert run_small.split()[-1] == f"{30.0 / 2.0:.1f}"
    assert "growth 1,000 -> 10,000 persons, run: 3.00x" in lines
