"""Bad landing folders stop the build with a message that names the table and the column."""

from __future__ import annotations

from pathlib import Path

from dbt_harness import LANDING_COLUMNS, BuildWarehouse, write_landing

from journey.contract import LANDING_TABLES, landing_folder_problem


def test_missing_required_column_stops_the_build_naming_table_and_column(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = write_landing(tmp_path / "landing", {})
    header = ",".join(column for column in LANDING_COLUMNS["crm_orders"] if column != "currency")
    (raw_dir / "crm_orders.csv").write_text(header + "\nO1,C1,a@b.io,10,completed,2024-01-01,\n")
    warehouse = build_warehouse(raw_dir, check=False)
    assert warehouse.result.returncode != 0
    assert "Landing table 'crm_orders'" in warehouse.result.stdout
    assert "required column 'currency' missing" in warehouse.result.stdout


def test_missing_table_stops_the_build_naming_the_table(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = write_landing(tmp_path / "landing", {})
    (raw_dir / "survey_nps.csv").unlink()
    warehouse = build_warehouse(raw_dir, check=False)
    assert warehouse.result.returncode != 0
    assert "Landing table 'survey_nps' not found" in warehouse.result.stdout


def test_empty_landing_tables_build_an_empty_balanced_warehouse(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = write_landing(tmp_path / "landing", {})
    (raw_dir / "crm_deals.csv").write_bytes(b"")
    warehouse = build_warehouse(raw_dir)
    assert warehouse.query("select count(*) from marts.fct_touchpoints") == [(0,)]
    assert warehouse.query(
        "select count(*), bool_and(is_balanced) from marts.agg_row_reconciliation"
    ) == [(len(LANDING_TABLES), True)]


def test_empty_landing_folder_stops_the_build_naming_the_folder(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = tmp_path / "nothing_here"
    raw_dir.mkdir()
    warehouse = build_warehouse(raw_dir, check=False)
    assert warehouse.result.returncode != 0
    assert f"Landing folder '{raw_dir}' (JOURNEY_RAW_DIR) is empty" in warehouse.result.stdout
    # The same words as the Python twin, which names the files it expected.
    message = landing_folder_problem(raw_dir)
    assert message is not None and "crm_contacts, crm_accounts" in message
    assert message in warehouse.result.stdout
