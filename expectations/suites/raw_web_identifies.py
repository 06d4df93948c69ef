"""web_identifies: the tracker's identify calls linking a device to a user and an email."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "web_identifies"
COLUMNS = ("anonymous_id", "user_id", "email", "identified_at")
TIMESTAMPS = ("identified_at",)


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(frame, text=("email",), timestamps=TIMESTAMPS)


def contract() -> list[gxe.Expectation]:
    # No key of its own: a person identifies again on every login, so pairs repeat by design;
    # user_id may be absent (an email-only identify), the device never is.
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("anonymous_id", "identified_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        *checks.iso_timestamps(TIMESTAMPS),
        checks.valid_emails("email"),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("identified_at"),
        *checks.not_null(("user_id",), mostly=limits.IDENTIFY_WITH_USER_MOSTLY),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="identified_at"
)
