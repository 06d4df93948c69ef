"""survey_nps: one row per NPS survey response."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "survey_nps"
COLUMNS = ("response_id", "email", "score", "comment", "responded_at")
TIMESTAMPS = ("responded_at",)


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(
        frame, text=("email",), timestamps=TIMESTAMPS, numbers=("score",)
    )


def contract() -> list[gxe.Expectation]:
    low, high = limits.NPS_SCORE_RANGE
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(
            ("response_id", "score", "responded_at"), mostly=limits.KEY_NOT_NULL_MOSTLY
        ),
        *checks.unique(("response_id",)),
        *checks.iso_timestamps(TIMESTAMPS),
        checks.valid_emails("email"),
        *checks.decimal_numbers(("score",)),
        checks.between(derive.number("score"), low, high, mostly=limits.NPS_SCORE_IN_RANGE_MOSTLY),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("responded_at"),
        # Respondents use the scale: one or two distinct scores means a broken survey form.
        gxe.ExpectColumnUniqueValueCountToBeBetween(
            column=derive.number("score"), min_value=3, max_value=11
        ),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="responded_at"
)
