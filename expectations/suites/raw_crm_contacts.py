"""crm_contacts: a change feed of CRM contacts (one row per change)."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive, vocab
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "crm_contacts"
COLUMNS = (
    "contact_id", "email", "phone", "first_name", "last_name", "account_id", "lifecycle_stage",
    "lead_source", "created_at", "updated_at", "is_deleted",
)  # fmt: skip
TIMESTAMPS = ("created_at", "updated_at")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(
        frame, text=("email", "is_deleted", "lifecycle_stage"), timestamps=TIMESTAMPS
    )


def contract() -> list[gxe.Expectation]:
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(("contact_id", "updated_at"), mostly=limits.KEY_NOT_NULL_MOSTLY),
        # A change feed repeats contact_id once per change; a version is (id, updated_at).
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["contact_id", "updated_at"],
            mostly=limits.CHANGE_FEED_VERSION_UNIQUE_MOSTLY,
        ),
        *checks.iso_timestamps(TIMESTAMPS),
        checks.valid_emails("email"),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.fresh("updated_at"),
        checks.category_in_set("is_deleted", vocab.BOOLEAN_SPELLINGS),
        checks.not_older_than("updated_at", "created_at", limits.UPDATED_AFTER_CREATED_MOSTLY),
        # Lifecycle stages are the CRM's own list; a few dozen values means free text leaked in.
        gxe.ExpectColumnUniqueValueCountToBeBetween(
            column=derive.normalised("lifecycle_stage"), min_value=1, max_value=20
        ),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="updated_at"
)
