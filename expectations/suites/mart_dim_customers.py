"""dim_customers: one row per customer (a connected component of the identity graph)."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks
from expectations import thresholds as limits
from expectations.suites._mart import (
    contract_suite,
    key,
    profile_suite,
    stage_columns,
    table_basics,
)

TABLE = "dim_customers"
COLUMNS = (
    "customer_id", "primary_email", "primary_contact_id", "contact_ids", "identifier_count",
    "first_touch_at", "first_touch_channel", "first_purchase_at", "current_stage",
    "current_stage_rank", "orders", "lifetime_revenue_usd", "tickets", "latest_nps_score",
    "latest_nps_at",
)  # fmt: skip
NULL_CEILINGS = (
    "first_touch_at", "first_touch_channel", "current_stage", "primary_email",
)  # fmt: skip


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *key("customer_id"),
        *stage_columns("current_stage", "current_stage_rank"),
        checks.between("identifier_count", min_value=1),
        checks.between("orders", min_value=0),
        checks.between("tickets", min_value=0),
        checks.between("lifetime_revenue_usd", min_value=0),
        checks.between("latest_nps_score", 0, 10),
    ]


def prepare_profile(frame: pd.DataFrame) -> pd.DataFrame:
    derived = frame.copy()
    if "identifier_count" in frame:
        # 1/0 per customer, so the column mean is the share of stitched customers.
        derived["check__has_several_identifiers"] = (
            pd.to_numeric(frame["identifier_count"], errors="coerce") > 1
        ).astype(float)
    return derived


def profile() -> list[gxe.Expectation]:
    low, high = limits.MULTI_IDENTIFIER_CUSTOMER_SHARE
    return [
        gxe.ExpectColumnMeanToBeBetween(
            column="check__has_several_identifiers", min_value=low, max_value=high
        ),
        # The largest identity component: over-merging shows up here first.
        gxe.ExpectColumnMaxToBeBetween(
            column="identifier_count", max_value=limits.MAX_IDENTIFIERS_PER_CUSTOMER
        ),
        *(
            gxe.ExpectColumnValuesToNotBeNull(
                column=column, mostly=limits.NOT_NULL_MOSTLY[f"{TABLE}.{column}"]
            )
            for column in NULL_CEILINGS
        ),
    ]


SUITES = (contract_suite(TABLE, contract), profile_suite(TABLE, profile, prepare_profile))
