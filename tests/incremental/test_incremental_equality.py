"""Proof of equality: a warehouse fed day by day (late events, redeliveries and an identity
merge of two customers with history) equals, mart by mart, a full refresh on all the data."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from daily_arrival import (
    DAILY_TABLES,
    DailyWarehouse,
    marts_differences,
    read_rows,
    write_day,
)

from journey.generate import generate

pytestmark = pytest.mark.slow

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
NEW_DAYS = 3


def arrival_day(value: str) -> str:
    """The arrival date of a row (its first ten characters when ISO); '' for messy values."""
    value = value.strip()
    return value[:10] if ISO_DAY.match(value) else ""


def day_cutoffs(days: list[str]) -> list[str]:
    """Start dates of the new days: the last 15% of the rows in three equal parts."""
    ordered = sorted(day for day in days if day)
    return [ordered[int(len(ordered) * share)] for share in (0.85, 0.90, 0.95)]


def day_of(day: str, cutoffs: list[str]) -> int:
    """1 for history (and messy dates), 2… for the new days."""
    return 1 + sum(1 for cutoff in cutoffs if day and day >= cutoff)


class Feed:
    """The generated landing data cut into a history file and NEW_DAYS daily files."""

    def __init__(self, generated: Path, raw_dir: Path, seed: int) -> None:
        self.raw_dir = raw_dir
        raw_dir.mkdir(parents=True)
        for path in generated.iterdir():
            if path.suffix == ".csv" and path.stem not in DAILY_TABLES:
                (raw_dir / path.name).write_text(path.read_text())
        self.columns: dict[str, list[str]] = {}
        self.days: dict[str, dict[int, list[dict]]] = {}
        event_columns, events = read_rows(generated / "web_events.csv")
        cutoffs = day_cutoffs([arrival_day(row["received_at"]) for row in events])
        self.cutoffs = cutoffs
        by_day: dict[int, list[dict]] = {day: [] for day in range(1, NEW_DAYS + 2)}
        for row in events:
            by_day[day_of(arrival_day(row["received_at"]), cutoffs)].append(row)
        rng = random.Random(seed)
        history = [
            row
            for row in by_day[1]
            if arrival_day(row["event_at"])
            and row["anonymous_id"]
            and "bot" not in row["user_agent"]
        ]
        # Late events: history events held back and received on a later day, so they reopen,
        # split or join sessions that earlier runs already built.
        for row in rng.sample(history, 40):
            by_day[1].remove(row)
            day = rng.randint(2, NEW_DAYS + 1)
            received = by_day[day][-1]["received_at"] if by_day[day] else row["received_at"]
            by_day[day].append({**row, "received_at": received})
        # Redeliveries: history events delivered again later (the first delivery still wins).
        for row in rng.sample([row for row in by_day[1] if row in history], 15):
            day = rng.randint(2, NEW_DAYS + 1)
            by_day[day].append({**row, "user_agent": row["user_agent"] + " redelivered"})
        self.columns["web_events"] = event_columns
        self.days["web_events"] = by_day
        identify_columns, identifies = read_rows(generated / "web_identifies.csv")
        identify_days: dict[int, list[dict]] = {day: [] for day in range(1, NEW_DAYS + 2)}
        for row in identifies:
            identify_days[day_of(arrival_day(row["identified_at"]), cutoffs)].append(row)
        self.columns["web_identifies"] = identify_columns
        self.days["web_identifies"] = identify_days

    def write(self, day: int) -> None:
        for table in DAILY_TABLES:
            write_day(self.raw_dir, table, day, self.columns[table], self.days[table][day])


MERGE_PAIR_SQL = """
with identifiers as (
    select * from marts.dim_customer_identifiers where not is_shared
),
with_history as (
    select customer_id from marts.fct_touchpoints group by customer_id having count(*) >= 2
),
user_ids as (
    select customer_id, min(identifier_value) as user_id from identifiers
    where identifier_type = 'user_id' and customer_id in (select customer_id from with_history)
    group by customer_id
),
anonymous_ids as (
    select sessions.customer_id, min(sessions.anonymous_id) as anonymous_id
    from marts.fct_web_sessions as sessions
    inner join identifiers
        on identifiers.identifier_type = 'anonymous_id'
        and identifiers.identifier_value = sessions.anonymous_id
        and identifiers.customer_id = sessions.customer_id
    where sessions.customer_id in (select customer_id from with_history)
        and sessions.user_id is null
    group by sessions.customer_id
)
select user_ids.user_id, user_ids.customer_id, anonymous_ids.anonymous_id,
    anonymous_ids.customer_id
from user_ids
inner join anonymous_ids on user_ids.customer_id <> anonymous_ids.customer_id
order by user_ids.customer_id, anonymous_ids.customer_id
limit 1
"""


@pytest.fixture(scope="module")
def fed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Runs the daily feed incrementally and a full refresh on all of it."""
    generated = tmp_path_factory.mktemp("incremental_generated")
    generate(generated, persons=200, seed=17, fmt="csv", progress=False)
    work = tmp_path_factory.mktemp("incremental")
    feed = Feed(generated, work / "landing", seed=17)
    warehouse = DailyWarehouse(feed.raw_dir, work / "daily.duckdb", work / "daily")
    before_merge: tuple = ()
    for day in range(1, NEW_DAYS + 2):
        if day == NEW_DAYS + 1:
            # The last day's identify call joins two customers that already have history.
            before_merge = warehouse.query(MERGE_PAIR_SQL)[0]
            user_id, _, anonymous_id, _ = before_merge
            identified_at = feed.days["web_events"][day][-1]["received_at"]
            feed.days["web_identifies"][day].append(
                {"anonymous_id": anonymous_id, "user_id": user_id, "identified_at": identified_at}
            )
        feed.write(day)
        warehouse.run()
    full = warehouse.copy(work / "full.duckdb", work / "full")
    full.dbt("run", "--full-refresh")
    return {"daily": warehouse, "full": full, "before_merge": before_merge}


def test_every_mart_of_the_daily_runs_equals_a_full_refresh(fed: dict) -> None:
    differences = marts_differences(fed["daily"].duckdb_path, fed["full"].duckdb_path)
    assert len(differences) >= 20
    assert differences["fct_web_sessions"][0] > 0
    unequal = {table: d for table, d in differences.items() if d[1] or d[2]}
    assert unequal == {}
    # Without a late-data bound (the default) no late event is quarantined for its lateness.
    late = fed["daily"].query(
        "select count(*) from marts.fct_quarantine where reason like '%late-data bound%'"
    )
    assert late == [(0,)]


def test_the_daily_runs_were_incremental(fed: dict) -> None:
    daily: DailyWarehouse = fed["daily"]
    assert daily.query("select max(batch_id) from landing._files") == [(NEW_DAYS + 1,)]
    touched = daily.query("select count(*) from intermediate.int_web_anonymous_ids_touched")[0][0]
    sessions = daily.query("select count(distinct anonymous_id) from marts.fct_web_sessions")[0][0]
    assert 0 < touched < sessions / 2


def test_a_merge_moves_history_to_the_surviving_customer_and_is_logged(fed: dict) -> None:
    daily: DailyWarehouse = fed["daily"]
    user_id, user_customer, anonymous_id, anonymous_customer = fed["before_merge"]
    assert user_customer != anonymous_customer
    (survivor,) = {
        row[0]
        for row in daily.query(
            "select customer_id from marts.dim_customer_identifiers"
            " where (identifier_type, identifier_value) in (('user_id', ?), ('anonymous_id', ?))",
            [user_id, anonymous_id],
        )
    }
    merged_away = ({user_customer, anonymous_customer} - {survivor}).pop()
    for table in ("fct_web_sessions", "fct_touchpoints", "fct_customer_timeline", "dim_customers"):
        assert daily.query(
            f"select count(*) from marts.{table} where customer_id = ?", [merged_away]
        ) == [(0,)]
    sessions = daily.query(
        "select count(*) from marts.fct_web_sessions where anonymous_id = ? and customer_id = ?",
        [anonymous_id, survivor],
    )
    assert sessions[0][0] >= 1
    changes = daily.query(
        "select batch_id, change_type, cause_source_table, cause_from_identifier_value,"
        " cause_to_identifier_value from marts.fct_customer_id_changes"
        " where old_customer_id = ? and new_customer_id = ?",
        [merged_away, survivor],
    )
    assert changes == [(NEW_DAYS + 1, "merge", "web_identifies", user_id, anonymous_id)]
