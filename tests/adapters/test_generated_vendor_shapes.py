"""Generator data written in the tools' shapes (`journey generate --vendor-shapes`) gives the
same marts as the canonical files: two warehouses built from one generated truth, every mart
of SPEC §3-§5 and §7 compared row for row (`except all` both ways).

Both are written to the same landing folder in turn (canonical, build, tool shapes, build):
keyless rows (web_identifies) are keyed by their file's path, which is then the same. No
column is left out of the comparison: no mart names the tool a row came from.
"""

from __future__ import annotations

import duckdb
import pytest
from dbt_harness import BuildWarehouse, Warehouse

from journey.contract import TOOL_FEEDS
from journey.generate import generate
from journey.generate.vendor import VENDOR_TOOLS

pytestmark = pytest.mark.slow

PERSONS = 300
SEED = 5

SPEC_MARTS = (
    "fct_touchpoints",
    "fct_web_sessions",
    "fct_customer_stages",
    "fct_customer_timeline",
    "dim_customer_identifiers",
    "dim_customers",
    "fct_attribution",
    "agg_journey_funnel",
    "agg_row_reconciliation",
    "fct_quarantine",
)


@pytest.fixture(scope="module")
def warehouses(
    tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse
) -> tuple[Warehouse, Warehouse]:
    landing = tmp_path_factory.mktemp("generated") / "landing"
    generate(landing, persons=PERSONS, seed=SEED, fmt="csv", progress=False)
    canonical = build_warehouse(landing)
    generate(
        landing, persons=PERSONS, seed=SEED, fmt="csv", progress=False, vendor_shapes=VENDOR_TOOLS
    )
    return canonical, build_warehouse(landing)


def test_the_vendor_build_reads_the_tool_tables(warehouses: tuple[Warehouse, Warehouse]) -> None:
    _, vendor = warehouses
    fed = {table for tool in VENDOR_TOOLS for table in TOOL_FEEDS[tool]}
    assert not any((vendor.raw_dir / f"{table}.csv").exists() for table in fed)
    mapped = dict(
        vendor.query(
            "select tool || '/' || vendor_table, mapped_rows"
            " from marts.agg_vendor_row_reconciliation where raw_rows > 0"
        )
    )
    assert {"snowplow/events", "hubspot/contact", "hubspot/deal", "zendesk/ticket"} <= set(mapped)
    assert all(count > 0 for count in mapped.values())


@pytest.mark.parametrize("mart", SPEC_MARTS)
def test_marts_are_the_same(warehouses: tuple[Warehouse, Warehouse], mart: str) -> None:
    canonical, vendor = warehouses
    with duckdb.connect() as connection:
        connection.execute(f"attach '{canonical.duckdb_path}' as canonical (read_only)")
        connection.execute(f"attach '{vendor.duckdb_path}' as vendor (read_only)")
        columns = [
            name
            for (name,) in connection.execute(
                "select column_name from information_schema.columns"
                " where table_catalog = 'canonical' and table_schema = 'marts'"
                " and table_name = ? order by ordinal_position",
                [mart],
            ).fetchall()
        ]
        assert columns, mart
        select = ", ".join(f'"{name}"' for name in columns)

        def rows(sql: str) -> list[tuple]:
            return connection.execute(sql).fetchall()

        left = f"select {select} from canonical.marts.{mart}"
        right = f"select {select} from vendor.marts.{mart}"
        (count,) = rows(f"select count(*) from ({left})")[0]
        assert (count,) == rows(f"select count(*) from ({right})")[0]
        assert rows(f"{left} except all {right} limit 5") == []
        assert rows(f"{right} except all {left} limit 5") == []
        if mart != "fct_quarantine":
            assert count > 0
