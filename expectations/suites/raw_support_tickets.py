"""support_tickets: a change feed of help-desk tickets."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "support_tickets"
COLUMNS = (
    "ticket_id", "requester_email", "contact_id", "channel", "subject", "category", "priority",
    "status", "satisfaction_rating", "created_at", "first_response_at", "solved_at",
    "updated_at",
)  # fmt: skip
TIMESTAMPS = ("created_at", "first_response_at", "solved_at", "updated_at")
CATEGORIES = ("channel", "priority", "status")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(
        frame, text=("requester_email", *CATEGORIES), timestamps=TIMESTAMPS
    )


def contract() -> list[gxe.Expectation]:
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("ticket_id", "updated_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["ticket_id", "updated_at"],
            mostly=limits.CHANGE_FEED_VERSION_UNIQUE_MOSTLY,
        ),
        *checks.iso_timestamps(TIMESTAMPS),
        checks.valid_emails("requester_email"),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("updated_at"),
        checks.not_older_than("updated_at", "created_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
        checks.not_older_than("solved_at", "created_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
        # Help-desk pick lists are short; many distinct values mean free text in a pick list.
        *(
            gxe.ExpectColumnUniqueValueCountToBeBetween(
                column=derive.normalised(column), min_value=1, max_value=20
            )
            for column in CATEGORIES
        ),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="updated_at"
)
