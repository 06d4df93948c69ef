"""One warehouse built from generated demo data (400 persons) for the report and the
semantic layer tests."""

from __future__ import annotations

import pytest
from dbt_harness import BuildWarehouse, Warehouse

from journey.generate import generate


@pytest.fixture(scope="session")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse
) -> Warehouse:
    raw_dir = tmp_path_factory.mktemp("demo_400") / "landing"
    generate(raw_dir, persons=400, seed=7, fmt="csv", progress=False)
    return build_warehouse(raw_dir)
