"""A bare dbt call writes an owner-only DuckDB warehouse (plugin journey.duckdb_owner_only)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import duckdb
import pytest
from dbt_harness import BuildWarehouse, write_landing


@pytest.mark.parametrize("existing", [False, True], ids=["new file", "readable older file"])
def test_a_bare_dbt_call_leaves_the_warehouse_owner_only(
    tmp_path: Path, build_warehouse: BuildWarehouse, existing: bool
) -> None:
    raw_dir = write_landing(tmp_path / "raw", {})
    duckdb_path = tmp_path / "warehouse" / "journey.duckdb"
    duckdb_path.parent.mkdir()
    if existing:
        duckdb.connect(str(duckdb_path)).close()
        duckdb_path.chmod(0o644)
    # The usual umask: without the plugin the file would be readable by everyone.
    previous = os.umask(0o022)
    try:
        built = build_warehouse(
            raw_dir, args=("seed", "--select", "touchpoint_types"), duckdb_path=duckdb_path
        )
    finally:
        os.umask(previous)

    assert stat.S_IMODE(duckdb_path.stat().st_mode) == 0o600
    assert built.query("select count(*) from seeds.touchpoint_types")[0][0] > 0
