"""crm_accounts: a change feed of CRM accounts (companies)."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "crm_accounts"
COLUMNS = ("account_id", "account_name", "industry", "employee_count", "created_at", "updated_at")
TIMESTAMPS = ("created_at", "updated_at")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(
        frame, text=("industry",), timestamps=TIMESTAMPS, numbers=("employee_count",)
    )


def contract() -> list[gxe.Expectation]:
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("account_id", "updated_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["account_id", "updated_at"],
            mostly=limits.CHANGE_FEED_VERSION_UNIQUE_MOSTLY,
        ),
        *checks.iso_timestamps(TIMESTAMPS),
        *checks.decimal_numbers(("employee_count",)),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("updated_at"),
        checks.not_older_than("updated_at", "created_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
        checks.between(derive.number("employee_count"), 0, 10_000_000),
        gxe.ExpectColumnUniqueValueCountToBeBetween(
            column=derive.normalised("industry"), min_value=1, max_value=50
        ),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="updated_at"
)
