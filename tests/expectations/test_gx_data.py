"""Reading the tables the suites validate: landing files as text, marts read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from expectations.data import load_mart_frame, load_raw_frame


def test_csv_is_read_as_text_with_only_empty_fields_missing(tmp_path: Path) -> None:
    (tmp_path / "survey_nps.csv").write_text(
        " Response_ID ,score,comment\nR1,007,NA\nR2,,null\n", encoding="utf-8"
    )
    frame = load_raw_frame(tmp_path, "survey_nps")
    assert list(frame.columns) == ["response_id", "score", "comment"]
    assert frame["score"].tolist()[0] == "007"  # text, not the number 7
    assert frame["score"].isna().tolist() == [False, True]
    assert frame["comment"].tolist() == ["NA", "null"]


def test_folder_of_parts_and_parquet_are_read_together(tmp_path: Path) -> None:
    parts = tmp_path / "crm_accounts"
    parts.mkdir()
    (parts / "a.csv").write_text("account_id,employee_count\nA1,10\n", encoding="utf-8")
    pd.DataFrame({"account_id": ["A2"], "employee_count": [25]}).to_parquet(parts / "b.parquet")

    frame = load_raw_frame(tmp_path, "crm_accounts")
    assert frame["account_id"].tolist() == ["A1", "A2"]
    assert frame["employee_count"].tolist() == ["10", "25"]

    only = load_raw_frame(tmp_path, "crm_accounts", columns=["employee_count"])
    assert list(only.columns) == ["employee_count"]


def test_missing_table_names_table_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"crm_orders.*crm_orders\.csv"):
        load_raw_frame(tmp_path, "crm_orders")


def test_mart_is_read_from_schema_marts(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.dim_customers as select 'c1' as customer_id")
    assert load_mart_frame(path, "dim_customers")["customer_id"].tolist() == ["c1"]
    with pytest.raises(duckdb.CatalogException):
        load_mart_frame(path, "fct_touchpoints")
