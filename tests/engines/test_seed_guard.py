"""The guard against dbt-spark's 'None' seeds (dbt-adapters #487): `journey_no_none_text` on
every seed passes on real seeds and fails once a seed's text cell holds 'None'."""

from __future__ import annotations

from pathlib import Path

import duckdb
from dbt_harness import PROJECT_DIR, run_dbt, write_landing


def test_none_text_in_a_seed_fails_the_guard(tmp_path: Path) -> None:
    raw_dir = write_landing(tmp_path / "landing", {})
    warehouse = tmp_path / "warehouse.duckdb"
    seeded = run_dbt(["seed"], raw_dir, warehouse, tmp_path)
    assert seeded.returncode == 0, seeded.stdout[-3000:]
    guard = ["test", "--select", "test_name:journey_no_none_text"]
    passed = run_dbt(guard, raw_dir, warehouse, tmp_path)
    assert passed.returncode == 0, passed.stdout[-3000:]
    seeds = len(list((PROJECT_DIR / "seeds").glob("*.csv")))
    assert passed.stdout.count("PASS journey_no_none_text_") == seeds

    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            "update seeds.identity_blocklist set reason = 'None' where value = 'undefined'"
        )
    tested = run_dbt(guard, raw_dir, warehouse, tmp_path)
    assert tested.returncode != 0
    failed = [line for line in tested.stdout.splitlines() if " FAIL " in line]
    assert len(failed) == 1, failed
    assert "journey_no_none_text_identity_blocklist" in failed[0]
