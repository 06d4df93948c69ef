"""fct_attribution: one row per (conversion, touchpoint, model) with its share of the credit."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, vocab
from expectations import thresholds as limits
from expectations.suites._mart import contract_suite, key, profile_suite, table_basics

TABLE = "fct_attribution"
COLUMNS = (
    "attribution_id", "conversion_touchpoint_id", "customer_id", "conversion_type",
    "conversion_at", "conversion_revenue_usd", "attribution_model", "touchpoint_id",
    "touchpoint_type", "touchpoint_at", "channel", "credit", "revenue_credit",
)  # fmt: skip
CONVERSION = "conversion_touchpoint_id"


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Per-group invariants as row-level columns: GX's pandas expectations have no group-by."""
    derived = frame.copy()
    if {CONVERSION, "attribution_model", "credit"} <= set(frame):
        groups = frame.groupby([CONVERSION, "attribution_model"], dropna=False)["credit"]
        derived["check__credit_sum_of_conversion_model"] = groups.transform("sum")
        derived["check__models_of_conversion"] = frame.groupby(CONVERSION, dropna=False)[
            "attribution_model"
        ].transform("nunique")
    if {"touchpoint_id", "channel"} <= set(frame):
        # The unattributed row, and only it, has no touchpoint (SPEC §8).
        derived["check__touchpoint_missing_iff_unattributed"] = frame["touchpoint_id"].isna() == (
            frame["channel"] == vocab.UNATTRIBUTED
        )
    if {"credit", "conversion_revenue_usd", "revenue_credit"} <= set(frame):
        expected = frame["credit"] * frame["conversion_revenue_usd"]
        derived["check__revenue_credit_error"] = (frame["revenue_credit"] - expected).abs()
    return derived


def contract() -> list[gxe.Expectation]:
    tolerance = limits.CREDIT_SUM_TOLERANCE
    return [
        *table_basics(COLUMNS),
        *key("attribution_id"),
        *checks.not_null(
            (CONVERSION, "customer_id", "conversion_at", "attribution_model", "channel", "credit")
        ),
        checks.in_set("attribution_model", vocab.ATTRIBUTION_MODELS),
        checks.in_set("conversion_type", vocab.CONVERSION_TYPES),
        checks.in_set("channel", (*vocab.CHANNELS, vocab.UNATTRIBUTED)),
        checks.between("credit", 0, 1),
        # Credits of one conversion under one model sum to 1 (SPEC §5).
        checks.between("check__credit_sum_of_conversion_model", 1 - tolerance, 1 + tolerance),
        checks.between(
            "check__models_of_conversion",
            len(vocab.ATTRIBUTION_MODELS),
            len(vocab.ATTRIBUTION_MODELS),
        ),
        checks.in_set("check__touchpoint_missing_iff_unattributed", [True]),
        checks.between("check__revenue_credit_error", 0, limits.REVENUE_CREDIT_TOLERANCE),
    ]


def prepare_profile(frame: pd.DataFrame) -> pd.DataFrame:
    derived = frame.copy()
    if {CONVERSION, "channel"} <= set(frame) and len(frame):
        unattributed = frame["channel"].eq(vocab.UNATTRIBUTED).groupby(frame[CONVERSION]).any()
        # One number for the whole table, repeated per row: the share of conversions that no
        # marketing touchpoint earned credit for.
        derived["check__unattributed_conversion_share"] = float(unattributed.mean())
    return derived


def profile() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnMaxToBeBetween(
            column="check__unattributed_conversion_share",
            min_value=0,
            max_value=limits.UNATTRIBUTED_CONVERSION_SHARE_MAX,
        ),
    ]


SUITES = (contract_suite(TABLE, contract, prepare), profile_suite(TABLE, profile, prepare_profile))
