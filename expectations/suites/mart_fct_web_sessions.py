"""fct_web_sessions: one row per web session (per anonymous_id, split by inactivity)."""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations import checks, vocab
from expectations import thresholds as limits
from expectations.suites._mart import contract_suite, key, table_basics

TABLE = "fct_web_sessions"
COLUMNS = (
    "session_id", "anonymous_id", "customer_id", "user_id", "started_at", "ended_at",
    "duration_seconds", "event_count", "page_view_count", "first_event_id", "landing_page_url",
    "referrer", "utm_source", "utm_medium", "utm_campaign", "channel",
)  # fmt: skip


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *key("session_id"),
        *checks.not_null(("anonymous_id", "started_at", "ended_at", "first_event_id", "channel")),
        *checks.not_null(
            ("customer_id",), mostly=limits.NOT_NULL_MOSTLY["fct_web_sessions.customer_id"]
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="ended_at", column_B="started_at", or_equal=True
        ),
        checks.between("duration_seconds", min_value=0),
        checks.between("event_count", min_value=1),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="event_count", column_B="page_view_count", or_equal=True
        ),
        checks.in_set("channel", vocab.WEB_CHANNELS),
    ]


SUITES = (contract_suite(TABLE, contract),)
