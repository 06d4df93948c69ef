"""agg_journey_funnel: one row per (first-touch month cohort, first-touch channel, stage)."""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations import checks
from expectations.suites._mart import contract_suite, stage_columns, table_basics

TABLE = "agg_journey_funnel"
COLUMNS = (
    "cohort_month", "first_touch_channel", "stage", "stage_rank", "cohort_customers",
    "customers_reached", "step_conversion_rate", "median_days_to_stage",
)  # fmt: skip


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *checks.not_null(("cohort_month", "stage", "cohort_customers", "customers_reached")),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["cohort_month", "first_touch_channel", "stage"]
        ),
        *stage_columns("stage", "stage_rank"),
        checks.between("cohort_customers", min_value=1),
        checks.between("customers_reached", min_value=0),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="cohort_customers", column_B="customers_reached", or_equal=True
        ),
        checks.between("step_conversion_rate", 0, 1),
        checks.between("median_days_to_stage", min_value=0),
    ]


SUITES = (contract_suite(TABLE, contract),)
