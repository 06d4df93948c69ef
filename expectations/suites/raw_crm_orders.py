"""crm_orders: a change feed of orders (status changes: pending, completed, refunded ...)."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive, vocab
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "crm_orders"
COLUMNS = (
    "order_id", "contact_id", "email", "order_total", "currency", "status", "ordered_at",
    "updated_at",
)  # fmt: skip
TIMESTAMPS = ("ordered_at", "updated_at")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(
        frame,
        text=("email", "currency", "status"),
        timestamps=TIMESTAMPS,
        numbers=("order_total",),
    )


def contract() -> list[gxe.Expectation]:
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("order_id", "updated_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["order_id", "updated_at"],
            mostly=limits.CHANGE_FEED_VERSION_UNIQUE_MOSTLY,
        ),
        *checks.iso_timestamps(TIMESTAMPS),
        *checks.decimal_numbers(("order_total",)),
        checks.valid_emails("email"),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("updated_at"),
        checks.category_in_set("status", vocab.ORDER_STATUSES),
        checks.category_in_set("currency", vocab.currencies()),
        checks.between(
            derive.number("order_total"), min_value=0, mostly=limits.NUMBER_FORMAT_MOSTLY
        ),
        checks.not_older_than("updated_at", "ordered_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="updated_at"
)
