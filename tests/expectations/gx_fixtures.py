"""Helpers of the GX tests: small, hand-made marts that obey the mart contract (tests break
one thing at a time), and a probe run in a process of its own (for its memory)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd


def write_warehouse(path: Path, marts: dict[str, pd.DataFrame]) -> Path:
    """A DuckDB file with the given frames as tables of schema `marts`."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema if not exists marts")
        for name, frame in marts.items():
            connection.register("frame", frame)
            connection.execute(f"create or replace table marts.{name} as select * from frame")
            connection.unregister("frame")
    return path


def mart_frames() -> dict[str, pd.DataFrame]:
    """Small marts for three customers that obey the mart contract."""
    t0 = pd.Timestamp("2025-03-01 09:00:00")
    hour = pd.Timedelta(hours=1)
    touchpoints = pd.DataFrame(
        {
            "touchpoint_id": ["tp1", "tp2", "tp3", "tp4", "tp5", "tp6"],
            "customer_id": ["c1", "c1", "c1", "c2", "c2", "c3"],
            "occurred_at": [t0, t0 + hour, t0 + 2 * hour, t0, t0 + 3 * hour, t0],
            "source_table": [
                "web_events", "crm_activities", "crm_orders", "web_events", "crm_deals",
                "support_tickets",
            ],
            "source_record_id": ["E1", "ACT1", "O1", "E2", "D1", "T1"],
            "touchpoint_type": [
                "web_session", "email_clicked", "order", "web_session", "deal_won",
                "ticket_opened",
            ],
            "channel": ["paid_search", "email", "sales", "direct", "sales", "support"],
            "stage": ["awareness", "consideration", "purchase", "awareness", "purchase",
                      "consideration"],
            "stage_rank": [1, 2, 4, 1, 4, 2],
            "revenue_usd": [0.0, 0.0, 120.0, 0.0, 5000.0, 0.0],
            "is_conversion": [False, False, True, False, True, False],
        }
    )  # fmt: skip
    timeline = touchpoints.assign(
        touch_sequence=[1, 2, 3, 1, 2, 1],
        previous_touch_at=[pd.NaT, t0, t0 + hour, pd.NaT, t0, pd.NaT],
        days_since_previous_touch=[None, 1 / 24, 1 / 24, None, 3 / 24, None],
        is_first_touch=[True, False, False, True, False, True],
        is_last_touch=[False, False, True, False, True, True],
        customer_stage=["awareness", "consideration", "purchase", "awareness", "purchase",
                        "consideration"],
        customer_stage_rank=[1, 2, 4, 1, 4, 2],
    )  # fmt: skip
    stages = pd.DataFrame(
        {
            "customer_stage_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
            "customer_id": ["c1", "c1", "c1", "c2", "c2", "c3"],
            "stage": ["awareness", "consideration", "purchase", "awareness", "purchase",
                      "consideration"],
            "stage_rank": [1, 2, 4, 1, 4, 2],
            "entered_at": [t0, t0 + hour, t0 + 2 * hour, t0, t0 + 3 * hour, t0],
            "exited_at": [t0 + hour, t0 + 2 * hour, pd.NaT, t0 + 3 * hour, pd.NaT, pd.NaT],
            "is_current": [False, False, True, False, True, True],
            "days_in_stage": [1 / 24, 1 / 24, None, 3 / 24, None, None],
            "entered_touchpoint_id": ["tp1", "tp2", "tp3", "tp4", "tp5", "tp6"],
        }
    )  # fmt: skip
    customers = pd.DataFrame(
        {
            "customer_id": ["c1", "c2", "c3"],
            "primary_email": ["a@mail.com", "b@mail.com", None],
            "primary_contact_id": ["C1", "C2", None],
            "contact_ids": ["C1", "C2", None],
            "identifier_count": [4, 3, 1],
            "person_identifier_count": [3, 2, 0],
            "first_touch_at": [t0, t0, t0],
            "first_touch_channel": ["paid_search", "direct", "support"],
            "first_purchase_at": [t0 + 2 * hour, t0 + 3 * hour, pd.NaT],
            "current_stage": ["purchase", "purchase", "consideration"],
            "current_stage_rank": [4, 4, 2],
            "orders": [1, 0, 0],
            "lifetime_revenue_usd": [120.0, 5000.0, 0.0],
            "tickets": [0, 0, 1],
            "latest_nps_score": [9, None, 3],
            "latest_nps_at": [t0 + 5 * hour, pd.NaT, t0 + hour],
        }
    )
    identifiers = pd.DataFrame(
        {
            "customer_id": ["c1", "c1", "c1", "c1", "c2", "c2", "c2", "c3"],
            "identifier_type": ["contact_id", "email", "user_id", "anonymous_id", "contact_id",
                                "email", "anonymous_id", "anonymous_id"],
            "identifier_value": ["C1", "a@mail.com", "U1", "anon-1", "C2", "b@mail.com",
                                 "anon-2", "anon-3"],
            "is_shared": [False] * 8,
            "first_seen_at": [t0] * 8,
        }
    )  # fmt: skip
    attribution = _attribution(t0, hour)
    sessions = pd.DataFrame(
        {
            "session_id": ["ss1", "ss2"],
            "anonymous_id": ["anon-1", "anon-2"],
            "customer_id": ["c1", "c2"],
            "user_id": ["U1", None],
            "started_at": [t0, t0],
            "ended_at": [t0 + hour / 4, t0],
            "duration_seconds": [900.0, 0.0],
            "event_count": [3, 1],
            "page_view_count": [2, 1],
            "first_event_id": ["E1", "E2"],
            "landing_page_url": ["https://www.example.io/", "https://www.example.io/shop"],
            "referrer": ["https://www.google.com/", None],
            "utm_source": ["google", None],
            "utm_medium": ["cpc", None],
            "utm_campaign": ["brand", None],
            "channel": ["paid_search", "direct"],
        }
    )
    funnel = pd.DataFrame(
        {
            "cohort_month": [pd.Timestamp("2025-03-01")] * 3,
            "first_touch_channel": ["paid_search", "paid_search", "direct"],
            "stage": ["awareness", "purchase", "awareness"],
            "stage_rank": [1, 4, 1],
            "cohort_customers": [1, 1, 1],
            "customers_reached": [1, 1, 1],
            "step_conversion_rate": [None, 1.0, None],
            "median_days_to_stage": [0.0, 2 / 24, 0.0],
        }
    )
    tables = [
        "crm_contacts", "crm_accounts", "crm_deals", "crm_activities", "crm_orders",
        "web_events", "web_identifies", "support_tickets", "survey_nps",
    ]  # fmt: skip
    reconciliation = pd.DataFrame(
        {
            "table_name": tables,
            "raw_rows": [100] * 9,
            "used_rows": [90] * 9,
            "superseded_rows": [8] * 9,
            "quarantined_rows": [2] * 9,
            "is_balanced": [True] * 9,
        }
    )
    return {
        "fct_touchpoints": touchpoints,
        "fct_customer_timeline": timeline,
        "fct_customer_stages": stages,
        "dim_customers": customers,
        "dim_customer_identifiers": identifiers,
        "fct_attribution": attribution,
        "fct_web_sessions": sessions,
        "agg_journey_funnel": funnel,
        "agg_row_reconciliation": reconciliation,
    }


def _attribution(t0: pd.Timestamp, hour: pd.Timedelta) -> pd.DataFrame:
    """Order O1 of c1 (and six repeat orders like it) credited to its session and email click
    under every model; deal D1 of c2 has no eligible touchpoint and gets the unattributed row:
    1 of 8 conversions unattributed, as few as in generated data."""
    models = ("first_touch", "last_touch", "linear", "position_based", "time_decay")
    credits = {
        "first_touch": (1.0, 0.0),
        "last_touch": (0.0, 1.0),
        "linear": (0.5, 0.5),
        "position_based": (0.5, 0.5),
        "time_decay": (0.4, 0.6),
    }
    rows = []
    for model, conversion in [
        (m, c) for m in models for c in ("tp3", *(f"tp3-{n}" for n in range(6)))
    ]:
        for position, (touchpoint, channel, kind) in enumerate(
            (("tp1", "paid_search", "web_session"), ("tp2", "email", "email_clicked"))
        ):
            credit = credits[model][position]
            rows.append(
                {
                    "conversion_touchpoint_id": conversion,
                    "customer_id": "c1",
                    "conversion_type": "order",
                    "conversion_at": t0 + 2 * hour,
                    "conversion_revenue_usd": 120.0,
                    "attribution_model": model,
                    "touchpoint_id": touchpoint,
                    "touchpoint_type": kind,
                    "touchpoint_at": t0 + position * hour,
                    "channel": channel,
                    "credit": credit,
                    "revenue_credit": credit * 120.0,
                }
            )
    for model in models:
        rows.append(
            {
                "conversion_touchpoint_id": "tp5",
                "customer_id": "c2",
                "conversion_type": "deal_won",
                "conversion_at": t0 + 3 * hour,
                "conversion_revenue_usd": 5000.0,
                "attribution_model": model,
                "touchpoint_id": None,
                "touchpoint_type": None,
                "touchpoint_at": pd.NaT,
                "channel": "unattributed",
                "credit": 1.0,
                "revenue_credit": 5000.0,
            }
        )
    frame = pd.DataFrame(rows)
    frame.insert(0, "attribution_id", [f"at{n}" for n in range(len(frame))])
    return frame


def run_probe(source: str, args: list[str], script: Path, timeout: int) -> dict:
    """Runs Python `source` as the file `script` with `args` in a fresh process of the project;
    returns the JSON object its last line of output prints.

    A script file, not `python -c`: pyspark (when installed) takes a main module without a
    file for its doctest runner and exits while Great Expectations imports it."""
    script.write_text(source)
    project = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
