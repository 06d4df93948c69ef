"""fct_customer_stages: one row per stage a customer entered (monotonic, skipped stages absent)."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks
from expectations.suites._mart import (
    BOOLEANS,
    contract_suite,
    key,
    rows_per_group,
    stage_columns,
    table_basics,
    with_stage_rank_check,
)

TABLE = "fct_customer_stages"
COLUMNS = (
    "customer_stage_id", "customer_id", "stage", "stage_rank", "entered_at", "exited_at",
    "is_current", "days_in_stage", "entered_touchpoint_id",
)  # fmt: skip


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    derived = with_stage_rank_check(frame, "stage", "stage_rank")
    return rows_per_group(derived, "customer_id", "is_current", "check__current_rows_of_customer")


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *key("customer_stage_id"),
        *checks.not_null(("customer_id", "stage", "entered_at", "entered_touchpoint_id")),
        # A customer enters each stage at most once: stage assignment is monotonic.
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["customer_id", "stage"]),
        *stage_columns("stage", "stage_rank"),
        checks.in_set("check__stage_matches_rank", [True]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="exited_at",
            column_B="entered_at",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        checks.between("days_in_stage", min_value=0),
        checks.in_set("is_current", BOOLEANS),
        # Exactly one current stage per customer who has stages.
        checks.between("check__current_rows_of_customer", 1, 1),
    ]


SUITES = (contract_suite(TABLE, contract, prepare),)
