"""crm_deals: a change feed of CRM deals; the latest version carries the final stage."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive, vocab
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "crm_deals"
COLUMNS = (
    "deal_id", "contact_id", "account_id", "deal_stage", "amount", "currency", "created_at",
    "closed_at", "updated_at",
)  # fmt: skip
TIMESTAMPS = ("created_at", "closed_at", "updated_at")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(
        frame, text=("deal_stage", "currency"), timestamps=TIMESTAMPS, numbers=("amount",)
    )


def contract() -> list[gxe.Expectation]:
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("deal_id", "updated_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["deal_id", "updated_at"],
            mostly=limits.CHANGE_FEED_VERSION_UNIQUE_MOSTLY,
        ),
        *checks.iso_timestamps(TIMESTAMPS),
        *checks.decimal_numbers(("amount",)),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("updated_at"),
        # Won and lost deals both occur; one of them missing means the stage names changed.
        gxe.ExpectColumnDistinctValuesToContainSet(
            column=derive.normalised("deal_stage"), value_set=list(vocab.CLOSED_DEAL_STAGES)
        ),
        checks.category_in_set("currency", vocab.currencies()),
        checks.between(derive.number("amount"), min_value=0, mostly=limits.NUMBER_FORMAT_MOSTLY),
        checks.not_older_than("closed_at", "created_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
        checks.not_older_than("updated_at", "created_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="updated_at"
)
