"""Every raw suite runs over a generated landing of 20,000 persons (about 600,000 landing rows)
with the process's resident memory growing far less than reading the tables into pandas takes:
the metrics are computed in DuckDB, under sql_engine.MEMORY_LIMIT, and no table reaches Python."""

from __future__ import annotations

import textwrap
from pathlib import Path

import gx_fixtures
import pytest
from dbt_harness import run_dbt

from expectations import runner
from journey.contract import REQUIRED_LANDING_TABLES
from journey.generate import generate

PERSONS = 20_000
# Far below what the pandas path needs for the same tables (measured alongside).
MAX_GROWTH_MB = 400

_PROBE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path

    from expectations import runner
    from expectations.context import read_table
    from journey.settings import Settings

    mode, raw_dir, duckdb_path, reports_dir = sys.argv[1:5]
    specs = runner.select("raw")
    # The resident memory once everything is imported, against the peak after the work.
    with open("/proc/self/status") as status:
        before = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    summary = {}
    if mode == "sql":
        settings = Settings(Path(raw_dir), Path(duckdb_path), Path(reports_dir))
        outcomes = runner.run_suites(settings, layer="raw")
        summary = {o.suite: [o.status, o.rows] for o in outcomes}
    else:
        # What the pandas path held per table: the table as read and its prepared copy.
        for spec in specs:
            prepared = spec.prepare(read_table(Path(duckdb_path), "raw", spec.table))
            summary[spec.name] = len(prepared)
            del prepared
    # This process's own high-water mark: ru_maxrss would also count the pytest process this
    # one was forked from (Linux keeps the larger of the two across exec).
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    assert peak <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"before_kb": before, "peak_kb": peak, "summary": summary}))
    """
)


def _probe(mode: str, raw_dir: Path, duckdb_path: Path, reports_dir: Path) -> dict:
    report = gx_fixtures.run_probe(
        _PROBE,
        [mode, str(raw_dir), str(duckdb_path), str(reports_dir)],
        duckdb_path.with_name(f"probe_{mode}.py"),
        timeout=900,
    )
    report["growth_mb"] = (report["peak_kb"] - report["before_kb"]) / 1024
    return report


@pytest.mark.slow
def test_raw_suites_do_not_hold_tables_in_memory(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    generate(landing, persons=PERSONS, seed=3, fmt="parquet", progress=False)
    warehouse = tmp_path / "warehouse.duckdb"
    loaded = run_dbt(["run-operation", "load_landing"], landing, warehouse, tmp_path)
    assert loaded.returncode == 0, loaded.stdout[-4000:]

    through_sql = _probe("sql", landing, warehouse, tmp_path / "reports")
    through_pandas = _probe("pandas", landing, warehouse, tmp_path / "reports")

    raw_suites = [spec.name for spec in runner.select("raw")]
    assert sorted(through_sql["summary"]) == sorted(raw_suites)
    rows = {name: found[1] for name, found in through_sql["summary"].items()}
    assert rows == through_pandas["summary"]
    assert rows["raw_web_events"] > 250_000  # a table pandas needs hundreds of megabytes for
    print(
        f"raw suites on {sum(rows[f'raw_{t}'] for t in REQUIRED_LANDING_TABLES):,} landing rows: "
        f"SQL path grows {through_sql['growth_mb']:.0f} MB "
        f"(peak {through_sql['peak_kb'] / 1024:.0f} MB), "
        f"pandas reading alone grows {through_pandas['growth_mb']:.0f} MB "
        f"(peak {through_pandas['peak_kb'] / 1024:.0f} MB)"
    )
    # What the SQL path grows by is DuckDB's working memory (bounded by its memory limit) and
    # GX's bookkeeping, the same at any table size (about 140 MB); reading the tables into
    # pandas grows with them (about 650 MB here, before the old path's copies).
    assert through_sql["growth_mb"] < MAX_GROWTH_MB
    assert through_sql["growth_mb"] < through_pandas["growth_mb"] / 3
