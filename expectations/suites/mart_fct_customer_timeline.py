"""fct_customer_timeline: every touchpoint of a customer in order, with the stage as of it."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, vocab
from expectations.suites._mart import (
    BOOLEANS,
    contract_suite,
    key,
    rows_per_group,
    stage_columns,
    table_basics,
)
from expectations.suites.mart_fct_touchpoints import COLUMNS as TOUCHPOINT_COLUMNS

TABLE = "fct_customer_timeline"
COLUMNS = (
    *TOUCHPOINT_COLUMNS,
    "touch_sequence", "previous_touch_at", "days_since_previous_touch", "is_first_touch",
    "is_last_touch", "customer_stage", "customer_stage_rank",
)  # fmt: skip


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    derived = rows_per_group(frame, "customer_id", "is_first_touch", "check__first_touches")
    return rows_per_group(derived, "customer_id", "is_last_touch", "check__last_touches")


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *key("touchpoint_id"),
        *checks.not_null(("customer_id", "occurred_at", "touch_sequence")),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["customer_id", "touch_sequence"]),
        checks.between("touch_sequence", min_value=1),
        checks.between("days_since_previous_touch", min_value=0),
        checks.in_set("channel", vocab.CHANNELS),
        *stage_columns("customer_stage", "customer_stage_rank"),
        checks.in_set("is_first_touch", BOOLEANS),
        checks.in_set("is_last_touch", BOOLEANS),
        checks.between("check__first_touches", 1, 1),
        checks.between("check__last_touches", 1, 1),
    ]


SUITES = (contract_suite(TABLE, contract, prepare),)
