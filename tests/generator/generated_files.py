"""Reading generated landing files back independently of the generator's own code."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq

Rows = list[dict[str, str | None]]

TIMESTAMP_COLUMNS = {
    "crm_contacts": ("created_at", "updated_at"),
    "crm_accounts": ("created_at", "updated_at"),
    "crm_deals": ("created_at", "closed_at", "updated_at"),
    "crm_activities": ("occurred_at",),
    "crm_orders": ("ordered_at", "updated_at"),
    "web_events": ("event_at", "received_at"),
    "web_identifies": ("identified_at",),
    "support_tickets": ("created_at", "first_response_at", "solved_at", "updated_at"),
    "survey_nps": ("responded_at",),
}
CHANGE_FEEDS = {
    "crm_contacts": "contact_id",
    "crm_accounts": "account_id",
    "crm_deals": "deal_id",
    "crm_orders": "order_id",
    "support_tickets": "ticket_id",
}


def read_csv_file(path: Path) -> tuple[list[str], Rows]:
    """Header and rows of a CSV with the standard library; an empty field is None."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [
            {k: (v if v != "" else None) for k, v in zip(header, line, strict=True)}
            for line in reader
        ]
    return header, rows


def read_table(folder: Path, name: str) -> tuple[list[str], Rows]:
    """Header and rows of one landing table, whichever format was written."""
    parquet = folder / f"{name}.parquet"
    if parquet.exists():
        table = pq.read_table(parquet)
        return table.column_names, table.to_pylist()
    return read_csv_file(folder / f"{name}.csv")


def instant(text: str) -> datetime:
    """Parse an ISO-8601 landing timestamp; no offset means UTC, as the contract says."""
    # A one-digit hour (`2024-03-05 3:15:52`) is valid ISO-style text some exports write.
    value = datetime.fromisoformat(re.sub(r"^(\d{4}-\d\d-\d\d)[T ](\d):", r"\1T0\2:", text))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def latest_versions(rows: Rows, key: str) -> dict[str, dict[str, str | None]]:
    """Latest row per id of a change feed (exact ties resolved by the later row)."""
    latest: dict[str, dict[str, str | None]] = {}
    for row in rows:
        current = latest.get(row[key])
        if current is None or instant(row["updated_at"]) >= instant(current["updated_at"]):
            latest[row[key]] = row
    return latest


def deduplicated_events(events: Rows) -> list[dict]:
    """Earliest received row per event_id, plus `at`: the contract's effective event time
    (received_at when event_at is more than an hour after it)."""
    first: dict[str, dict] = {}
    for row in events:
        kept = first.get(row["event_id"])
        if kept is None or instant(row["received_at"]) < instant(kept["received_at"]):
            first[row["event_id"]] = row
    result = []
    for row in first.values():
        event_at, received_at = instant(row["event_at"]), instant(row["received_at"])
        at = received_at if event_at > received_at + timedelta(hours=1) else event_at
        result.append({**row, "at": at})
    return result
