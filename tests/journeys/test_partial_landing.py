"""SPEC §8: any landing table may be empty and any optional column may be empty in every row. A
team with only web data or only CRM data gets every mart its data allows, with every dbt test
green; dates without times build as midnight UTC."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from dbt_harness import BuildWarehouse, Warehouse

from journey.contract import REGISTRY, TABLES
from journey.generate import generate

WEB_TABLES = ("web_events", "web_identifies")
CRM_TABLES = tuple(
    table.name for table in REGISTRY if table.name not in WEB_TABLES and not table.optional
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw_dir = tmp_path_factory.mktemp("partial_source")
    generate(raw_dir, persons=150, seed=9, fmt="csv", progress=False)
    return raw_dir


def rewrite(
    source: Path, target: Path, change: Callable[[str, list[dict[str, str]]], list[dict[str, str]]]
) -> Path:
    """A copy of the landing folder with every table's rows passed through `change`."""
    target.mkdir(parents=True)
    for table in REGISTRY:
        if table.optional:
            continue
        with (source / f"{table.name}.csv").open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        with (target / f"{table.name}.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(table.columns), lineterminator="\n")
            writer.writeheader()
            writer.writerows(change(table.name, rows))
    shutil.copytree(source / "_truth", target / "_truth")
    return target


def count(warehouse: Warehouse, table: str) -> int:
    return warehouse.query(f"select count(*) from marts.{table}")[0][0]


def balanced(warehouse: Warehouse) -> bool:
    rows = warehouse.query(
        "select count(*), bool_and(is_balanced) from marts.agg_row_reconciliation"
    )
    return rows == [(len(TABLES), True)]


def test_web_data_only_builds_sessions_and_touchpoints(
    generated: Path, tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = rewrite(
        generated, tmp_path / "web_only", lambda table, rows: [] if table in CRM_TABLES else rows
    )
    warehouse = build_warehouse(raw_dir)  # fails the test when any dbt test fails
    assert count(warehouse, "fct_web_sessions") > 0 and count(warehouse, "dim_customers") > 0
    assert warehouse.query(
        "select distinct source_table from marts.fct_touchpoints order by 1"
    ) == [("web_events",)]
    assert count(warehouse, "fct_attribution") == 0  # conversions come from the CRM only
    assert count(warehouse, "fct_customer_stages") > 0 and balanced(warehouse)


def test_crm_data_only_builds_touchpoints_and_attribution(
    generated: Path, tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = rewrite(
        generated, tmp_path / "crm_only", lambda table, rows: [] if table in WEB_TABLES else rows
    )
    warehouse = build_warehouse(raw_dir)
    assert count(warehouse, "fct_web_sessions") == 0
    assert count(warehouse, "fct_touchpoints") > 0 and count(warehouse, "fct_attribution") > 0
    # Without web sessions every conversion is unattributed or credited to CRM touches.
    assert count(warehouse, "agg_journey_funnel") > 0 and balanced(warehouse)


def test_optional_columns_empty_in_every_row_and_dates_without_times(
    generated: Path, tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    def blank_optional(table: str, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        spec = TABLES[table]
        keep = set(spec.required) | {column for _, column in spec.identifiers}
        # Categories decide touchpoint types and conversions: keep them, blank the rest.
        keep |= set(spec.categories)
        changed = []
        for row in rows:
            new = {column: (value if column in keep else "") for column, value in row.items()}
            if table.startswith("crm_") or table.startswith("support_"):
                for column in spec.timestamps:
                    new[column] = new[column][:10]  # dates only, as some CRMs export them
            changed.append(new)
        return changed

    raw_dir = rewrite(generated, tmp_path / "sparse", blank_optional)
    warehouse = build_warehouse(raw_dir)
    assert count(warehouse, "fct_touchpoints") > 0 and balanced(warehouse)
    # Dates are midnight UTC; amounts are empty, so revenue is unknown but nothing breaks.
    times = warehouse.query(
        "select count(*) from marts.fct_touchpoints where source_table = 'crm_orders' "
        "and occurred_at != date_trunc('day', occurred_at)"
    )
    assert times == [(0,)]
    assert warehouse.query(
        "select count(*) from staging.stg_crm__accounts where employee_count is not null"
    ) == [(0,)]
    assert count(warehouse, "fct_attribution") > 0
