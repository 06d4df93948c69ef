"""crm_activities: one row per CRM activity (emails, webinars, calls, meetings)."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive, vocab
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "crm_activities"
COLUMNS = ("activity_id", "contact_id", "activity_type", "occurred_at")
TIMESTAMPS = ("occurred_at",)


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(frame, text=("activity_type",), timestamps=TIMESTAMPS)


def contract() -> list[gxe.Expectation]:
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("activity_id", "occurred_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        # One row per activity, not a change feed (SPEC §8).
        *checks.unique(("activity_id",)),
        *checks.iso_timestamps(TIMESTAMPS),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("occurred_at"),
        checks.category_in_set("activity_type", vocab.ACTIVITY_TYPES),
        *checks.not_null(("contact_id",), mostly=limits.KEY_NOT_NULL_MOSTLY),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="occurred_at"
)
