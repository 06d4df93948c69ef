"""A suite never passes because it computed nothing, and its message says what failed where."""

from __future__ import annotations

import great_expectations as gx
import pandas as pd
import pytest

from expectations.registry import SUITES, suite
from expectations.runner import validate_frame
from expectations.spec import SuiteSpec


@pytest.mark.parametrize("name", [spec.name for spec in SUITES])
def test_empty_frame_fails(name: str, table_of_columns) -> None:
    spec = suite(name)
    outcome = validate_frame(spec, table_of_columns(spec))
    assert not outcome.success
    assert outcome.rows == 0
    assert outcome.failed
    assert spec.table in outcome.message()


def test_frame_without_columns_fails() -> None:
    outcome = validate_frame(suite("raw_crm_contacts"), pd.DataFrame())
    assert not outcome.success
    failures = {f.expectation: f for f in outcome.failed}
    assert failures["expect_table_row_count_to_be_between"].observed.startswith("0 ")
    assert failures["expect_table_columns_to_match_set"].observed.startswith("missing columns:")


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


def test_expectation_over_an_all_null_column_fails(raw_frame) -> None:
    deals = raw_frame("crm_deals").assign(closed_at=None)
    outcome = validate_frame(suite("raw_crm_deals"), deals)
    assert not outcome.success
    (failure,) = [f for f in outcome.failed if f.column == "closed_at"]
    assert failure.expectation == "expect_column_values_to_match_regex"
    assert "nothing was checked" in failure.observed


def test_row_condition_that_selects_nothing_fails(mart_frame) -> None:
    identifiers = mart_frame("dim_customer_identifiers")
    identifiers = identifiers[identifiers["identifier_type"] != "email"]
    outcome = validate_frame(suite("mart_dim_customer_identifiers"), identifiers)
    assert not outcome.success
    (failure,) = outcome.failed
    assert failure.expectation == "expect_column_values_to_match_regex"
    assert failure.observed == "no rows to evaluate"


def test_message_names_table_expectation_column_and_observed_value(raw_frame) -> None:
    contacts = raw_frame("crm_contacts")
    broken = contacts.index[::3]
    contacts.loc[broken, "email"] = "jane.doe.example.com"
    outcome = validate_frame(suite("raw_crm_contacts"), contacts)

    lines = outcome.message().splitlines()
    assert len(lines) == len(outcome.failed) == 1
    (line,) = lines
    assert "crm_contacts" in line
    assert "expect_column_values_to_match_regex" in line
    assert "email__normalised" in line
    non_null = contacts["email"].notna().sum()
    assert f"of {non_null:,} values unexpected" in line
    assert "'jane.doe.example.com'" in line


def test_missing_column_is_named(raw_frame) -> None:
    outcome = validate_frame(
        suite("raw_crm_contacts"), raw_frame("crm_contacts").drop(columns=["email"])
    )
    assert not outcome.success
    failures = {f.expectation: f for f in outcome.failed}
    assert failures["expect_table_columns_to_match_set"].observed == "missing columns: email"
    # The expectation on the missing column reports the error instead of passing.
    assert "does not exist" in failures["expect_column_values_to_match_regex"].observed


def test_passing_message_is_one_summary_line(raw_frame) -> None:
    outcome = validate_frame(suite("raw_crm_activities"), raw_frame("crm_activities"))
    assert outcome.success
    assert outcome.message() == (
        f"crm_activities (raw_crm_activities): all {outcome.evaluated} expectations passed "
        f"on {outcome.rows:,} rows"
    )


@pytest.fixture
def table_of_columns(raw_frame, mart_frame):
    """The suite's table with its columns and no rows."""
    return lambda spec: (
        raw_frame(spec.table) if spec.layer == "raw" else mart_frame(spec.table)
    ).iloc[0:0]
