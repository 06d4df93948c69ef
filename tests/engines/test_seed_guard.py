"""The guard against dbt-spark's 'None' seeds (dbt-adapters #487): `journey_no_none_text` on
every seed passes on real seeds and fails once a seed's text cell holds 'None'."""

from __future__ import annotations

from pathlib import Path

import duckdb
from dbt_harness import run_dbt, write_landing


def test_none_text_in_a_seed_fails_the_guard(tmp_path: Path) -> None:
    raw_dir = write_landing(tmp_path / "landing", {})
    warehouse = tmp_path / "warehouse.duckdb"
    seeded = run_dbt(["build", "--select", "resource_type:seed"], raw_dir, warehouse, tmp_path)
    assert seeded.returncode == 0, seeded.stdout[-3000:]
    assert "journey_no_none_text_identity_blocklist" in seeded.stdout

    with duckdb.connect(str(warehouse)) as connection:
        connection.execute(
            "update seeds.identity_blocklist set reason = 'None' where value = 'undefined'"
        )
    tested = run_dbt(["test", "--select", "identity_blocklist"], raw_dir, warehouse, tmp_path)
    assert tested.returncode != 0
    failed = [line for line in tested.stdout.splitlines() if "FAIL" in line]
    assert any("journey_no_none_text_identity_blocklist" in line for line in failed), failed
    assert not any("not_null" in line or "accepted_values" in line for line in failed)
