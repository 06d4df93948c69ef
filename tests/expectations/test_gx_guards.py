"""A suite never passes because it computed nothing: an empty table or an all-empty optional
column has "nothing to check" (SPEC §8), neither passed nor blocking; a suite without
expectations or a missing column fails; reading the warehouse's tables."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import great_expectations as gx
import pandas as pd
import pytest

from expectations.bridge import to_asset_check_result
from expectations.checks import SuiteSpec
from expectations.context import read_table
from expectations.runner import SUITES, suite, validate_frame
from expectations.verdict import NOTHING_TO_CHECK, PASSED


@pytest.fixture
def table_of_columns(raw_frame, mart_frame):
    """The suite's table with its columns and no rows (a header-only export)."""
    return lambda spec: (
        raw_frame(spec.table) if spec.layer == "raw" else mart_frame(spec.table)
    ).iloc[0:0]


@pytest.mark.parametrize("name", [spec.name for spec in SUITES])
def test_empty_table_has_nothing_to_check(name: str, table_of_columns) -> None:
    spec = suite(name)
    outcome = validate_frame(spec, table_of_columns(spec), previous_rows=None)
    assert outcome.success, outcome.message()
    assert outcome.status == NOTHING_TO_CHECK
    assert outcome.rows == 0
    assert "nothing to check" in outcome.message()

    result = to_asset_check_result(outcome)
    assert result.passed is False  # never reported as passed ...
    assert result.severity == dg.AssetCheckSeverity.WARN  # ... and never blocking
    assert result.metadata["status"].value == NOTHING_TO_CHECK
    assert "nothing to check" in (result.description or "")


def test_a_table_that_is_empty_but_was_not_yesterday_warns(raw_frame) -> None:
    empty = raw_frame("crm_contacts").iloc[0:0]
    outcome = validate_frame(suite("raw_crm_contacts_profile"), empty, previous_rows=500)
    assert [(f.expectation, f.observed) for f in outcome.failed] == [
        ("expect_table_row_count_to_be_between", "0 rows (expected between 250 and 1,000)")
    ]


def test_suite_without_expectations_fails(raw_frame) -> None:
    spec = SuiteSpec(
        name="raw_crm_contacts_nothing",
        layer="raw",
        table="crm_contacts",
        severity="error",
        build_suite=lambda: gx.ExpectationSuite(name="raw_crm_contacts_nothing"),
    )
    outcome = validate_frame(spec, raw_frame("crm_contacts"))
    assert not outcome.success
    assert outcome.evaluated == 1 and outcome.passed == 0
    assert outcome.failed[0].expectation == "suite_evaluates_expectations"


def test_row_condition_that_selects_nothing_has_nothing_to_check(mart_frame) -> None:
    identifiers = mart_frame("dim_customer_identifiers")
    identifiers = identifiers[identifiers["identifier_type"] != "email"]
    outcome = validate_frame(suite("mart_dim_customer_identifiers"), identifiers)
    assert outcome.success
    assert outcome.status == NOTHING_TO_CHECK
    (item,) = outcome.unchecked
    assert (item.expectation, item.observed) == (
        "expect_column_values_to_match_regex",
        "no row to evaluate",
    )


def test_empty_attribution_has_nothing_to_check_without_errors(mart_frame) -> None:
    # A team without conversions: no "column check__... does not exist".
    empty = mart_frame("fct_attribution").iloc[0:0]
    outcome = validate_frame(suite("mart_fct_attribution_profile"), empty)
    assert outcome.status == NOTHING_TO_CHECK
    assert "does not exist" not in outcome.message()


def test_all_empty_optional_mart_column_has_nothing_to_check(mart_frame) -> None:
    customers = mart_frame("dim_customers").assign(person_identifier_count=None)
    outcome = validate_frame(suite("mart_dim_customers"), customers)
    assert outcome.success and outcome.status == NOTHING_TO_CHECK
    assert [u.column for u in outcome.unchecked] == ["person_identifier_count"]


def test_missing_column_is_named(raw_frame) -> None:
    outcome = validate_frame(
        suite("raw_crm_contacts"), raw_frame("crm_contacts").drop(columns=["created_at"])
    )
    assert not outcome.success
    failures = {f.expectation: f for f in outcome.failed}
    assert failures["expect_table_columns_to_match_set"].observed == "missing columns: created_at"
    # The expectation on the missing column reports the error instead of passing.
    assert "does not exist" in failures["expect_column_values_to_match_regex"].observed


def test_passing_message_is_one_summary_line(raw_frame) -> None:
    outcome = validate_frame(suite("raw_crm_activities"), raw_frame("crm_activities"))
    assert outcome.status == PASSED
    assert outcome.message() == (
        f"crm_activities (raw_crm_activities): all {outcome.evaluated} expectations passed "
        f"on {outcome.rows:,} rows"
    )


def test_landing_tables_are_read_as_text_without_loader_columns(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema landing")
        connection.execute(
            "create table landing.survey_nps as select * from (values"
            " ('R1', '007', '  ', 'f.csv', 1), ('R2', null, 'NA', 'f.csv', 2))"
            " as t(response_id, score, comment, _source_file, _source_row)"
        )
        connection.execute("create schema marts")
        connection.execute("create table marts.dim_customers as select 'c1' as customer_id")
    frame = read_table(path, "raw", "survey_nps")
    assert list(frame.columns) == ["response_id", "score", "comment"]
    assert frame["score"].tolist()[0] == "007"  # text, not the number 7
    assert pd.isna(frame["comment"][0])  # blank text is empty, as the warehouse reads it
    assert frame["comment"][1] == "NA"  # "NA" typed into a form is text
    assert read_table(path, "mart", "dim_customers")["customer_id"].tolist() == ["c1"]
    with pytest.raises(LookupError, match=r"landing\.crm_orders not found.*load the landing"):
        read_table(path, "raw", "crm_orders")
