"""web_events: tracked web events, delivered at least once and sometimes late."""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive, vocab
from expectations import thresholds as limits
from expectations.suites._raw import raw_suites

TABLE = "web_events"
COLUMNS = (
    "event_id", "anonymous_id", "user_id", "event_name", "page_url", "referrer", "utm_source",
    "utm_medium", "utm_campaign", "user_agent", "event_at", "received_at",
)  # fmt: skip
TIMESTAMPS = ("event_at", "received_at")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    return derive.with_raw_readings(frame, text=("event_name",), timestamps=TIMESTAMPS)


def contract() -> list[gxe.Expectation]:
    low, high = limits.WEB_EVENT_ID_UNIQUE_SHARE
    return [
        checks.columns_present(COLUMNS),
        checks.row_count_band(),
        *checks.not_null(
            ("event_id", "anonymous_id", "event_at", "received_at"),
            mostly=limits.KEY_NOT_NULL_MOSTLY,
        ),
        # At-least-once delivery repeats a few event_ids; many repeats mean a replayed batch.
        gxe.ExpectColumnProportionOfUniqueValuesToBeBetween(
            column="event_id", min_value=low, max_value=high
        ),
        *checks.iso_timestamps(TIMESTAMPS),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        # received_at is the pipeline's clock; event_at may come from a wrong client clock.
        checks.fresh("received_at"),
        checks.category_in_set("event_name", vocab.EVENT_NAMES),
        checks.not_older_than("received_at", "event_at", limits.RECEIVED_AFTER_EVENT_MOSTLY),
    ]


SUITES = raw_suites(
    TABLE, prepare=prepare, contract=contract, profile=profile, freshness_column="received_at"
)
