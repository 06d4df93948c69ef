"""Late-data bound: with `journey__late_event_days` set, an event that arrives more than
that many days after it happened is quarantined with that reason, in the incremental run as in a
full refresh; a late event within the bound still reopens its anonymous_id's sessions."""

from __future__ import annotations

import pytest
from daily_arrival import DailyWarehouse, marts_differences, write_day
from dbt_harness import write_landing

from journey.contract import LANDING_COLUMNS

pytestmark = pytest.mark.slow

BOUND = {"journey__late_event_days": 3}


def event(event_id: str, event_at: str, received_at: str) -> dict[str, str]:
    return {
        "event_id": event_id,
        "anonymous_id": "anon-late",
        "event_name": "page_view",
        "page_url": "https://www.brewline.io/",
        "user_agent": "Mozilla/5.0",
        "event_at": event_at,
        "received_at": received_at,
    }


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("late_bound")
    raw_dir = work / "landing"
    columns = LANDING_COLUMNS["web_events"]
    write_day(
        raw_dir,
        "web_events",
        1,
        columns,
        [
            event("e1", "2025-01-10T10:00:00Z", "2025-01-10T10:00:01Z"),
            event("e2", "2025-01-10T10:10:00Z", "2025-01-10T10:10:01Z"),
        ],
    )
    write_landing(raw_dir, {})
    warehouse = DailyWarehouse(raw_dir, work / "daily.duckdb", work / "daily")
    warehouse.run(extra_vars=BOUND)
    write_day(
        raw_dir,
        "web_events",
        2,
        columns,
        [
            # Nine days late: beyond the bound of three.
            event("e3", "2025-01-01T09:00:00Z", "2025-01-10T12:00:00Z"),
            # One day late: within the bound, a session of its own the day before.
            event("e4", "2025-01-09T10:00:00Z", "2025-01-10T12:00:00Z"),
        ],
    )
    warehouse.run(extra_vars=BOUND)
    full = warehouse.copy(work / "full.duckdb", work / "full")
    full.dbt("run", "--full-refresh", extra_vars=BOUND)
    return {"daily": warehouse, "full": full}


def test_an_event_beyond_the_bound_is_quarantined_with_the_reason(bounded: dict) -> None:
    daily: DailyWarehouse = bounded["daily"]
    quarantined = daily.query(
        "select record_key, reason from marts.fct_quarantine where table_name = 'web_events'"
    )
    assert quarantined == [
        (
            "e3",
            "event older than the late-data bound of 3 days before its arrival: "
            "2025-01-01T09:00:00Z",
        )
    ]
    reconciliation = daily.query(
        "select raw_rows, quarantined_rows, unaccounted_rows, is_balanced"
        " from marts.agg_row_reconciliation where table_name = 'web_events'"
    )
    assert reconciliation == [(4, 1, 0, True)]


def test_a_late_event_within_the_bound_makes_its_session(bounded: dict) -> None:
    daily: DailyWarehouse = bounded["daily"]
    sessions = daily.query(
        "select first_event_id, event_count from marts.fct_web_sessions"
        " where anonymous_id = 'anon-late' order by started_at"
    )
    assert sessions == [("e4", 1), ("e1", 2)]


def test_the_bounded_incremental_runs_equal_a_bounded_full_refresh(bounded: dict) -> None:
    differences = marts_differences(bounded["daily"].duckdb_path, bounded["full"].duckdb_path)
    assert {table: d for table, d in differences.items() if d[1] or d[2]} == {}
    assert differences["fct_quarantine"][0] >= 1
