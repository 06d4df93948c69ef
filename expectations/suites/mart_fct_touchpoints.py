"""fct_touchpoints: one row per customer interaction, all systems in one table."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, vocab
from expectations import thresholds as limits
from expectations.suites._mart import (
    BOOLEANS,
    contract_suite,
    key,
    profile_suite,
    stage_columns,
    table_basics,
    with_stage_rank_check,
)

TABLE = "fct_touchpoints"
COLUMNS = (
    "touchpoint_id", "customer_id", "occurred_at", "source_table", "source_record_id",
    "touchpoint_type", "channel", "stage", "stage_rank", "revenue_usd", "is_conversion",
)  # fmt: skip


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    derived = with_stage_rank_check(frame, "stage", "stage_rank")
    if {"is_conversion", "touchpoint_type"} <= set(frame):
        # Only completed orders and won deals convert (SPEC §5).
        derived["check__conversion_has_conversion_type"] = ~frame["is_conversion"].fillna(
            False
        ).astype(bool) | frame["touchpoint_type"].isin(vocab.CONVERSION_TYPES)
    return derived


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *key("touchpoint_id"),
        *checks.not_null(
            ("customer_id", "occurred_at", "source_table", "source_record_id", "touchpoint_type")
        ),
        checks.in_set("touchpoint_type", vocab.TOUCHPOINT_TYPES),
        checks.in_set("source_table", vocab.RAW_TABLES),
        checks.in_set("channel", vocab.CHANNELS),
        *stage_columns("stage", "stage_rank"),
        checks.in_set("check__stage_matches_rank", [True]),
        checks.between("revenue_usd", min_value=0),
        checks.in_set("is_conversion", BOOLEANS),
        checks.in_set("check__conversion_has_conversion_type", [True]),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        *checks.not_null(("channel",), mostly=limits.NOT_NULL_MOSTLY["fct_touchpoints.channel"]),
        *checks.not_null(("stage",), mostly=limits.NOT_NULL_MOSTLY["fct_touchpoints.stage"]),
    ]


SUITES = (contract_suite(TABLE, contract, prepare), profile_suite(TABLE, profile))
