"""`generate(..., vendor_shapes=...)`: the same generated rows, written as the tools' tables.
Read back with Python's csv and pyarrow, independently of the writer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from generated_files import read_csv_file

from journey.contract import TOOL_FEEDS
from journey.generate import generate
from journey.generate.vendor import MARKER, VENDOR_TOOLS, parse_tools

PERSONS = 120
SEED = 11


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    canonical = tmp_path_factory.mktemp("canonical")
    vendor = tmp_path_factory.mktemp("vendor")
    generate(canonical, persons=PERSONS, seed=SEED, fmt="csv", progress=False)
    generate(
        vendor, persons=PERSONS, seed=SEED, fmt="csv", progress=False, vendor_shapes=VENDOR_TOOLS
    )
    return canonical, vendor


def test_fed_tables_move_into_tool_folders(folders: tuple[Path, Path]) -> None:
    canonical, vendor = folders
    fed = {table for tool in VENDOR_TOOLS for table in TOOL_FEEDS[tool]}
    assert sorted(p.name for p in vendor.glob("*.csv")) == sorted(
        p.name for p in canonical.glob("*.csv") if p.stem not in fed
    )
    for tool in VENDOR_TOOLS:
        assert (vendor / tool / MARKER).is_file()
    # The tables that stay canonical are byte for byte the canonical run's.
    for path in vendor.glob("*.csv"):
        assert path.read_bytes() == (canonical / path.name).read_bytes()


def test_every_canonical_row_is_one_tool_row(folders: tuple[Path, Path]) -> None:
    canonical, vendor = folders

    def rows(path: Path) -> list[dict[str, str | None]]:
        return read_csv_file(path)[1]

    events = rows(canonical / "web_events.csv")
    atomic = rows(vendor / "snowplow" / "events.csv")
    assert Counter(r["event_id"] for r in atomic) == Counter(r["event_id"] for r in events)
    assert Counter((r["domain_userid"], r["derived_tstamp"]) for r in atomic) == Counter(
        (r["anonymous_id"], r["event_at"]) for r in events
    )
    for table, tool_table, key, tool_key in (
        ("crm_contacts", "contact", "contact_id", "id"),
        ("crm_accounts", "company", "account_id", "id"),
        ("crm_deals", "deal", "deal_id", "deal_id"),
        ("crm_activities", "engagement", "activity_id", "id"),
    ):
        assert Counter(r[tool_key] for r in rows(vendor / "hubspot" / f"{tool_table}.csv")) == (
            Counter(r[key] for r in rows(canonical / f"{table}.csv"))
        ), table
    tickets = rows(canonical / "support_tickets.csv")
    zendesk = rows(vendor / "zendesk" / "ticket.csv")
    assert Counter(r["id"] for r in zendesk) == Counter(r["ticket_id"] for r in tickets)
    # Each ticket's requester is a Zendesk user carrying the ticket's email and contact id.
    users = {r["id"]: (r["email"], r["external_id"]) for r in rows(vendor / "zendesk" / "user.csv")}
    assert Counter(users.get(r["requester_id"], (None, None)) for r in zendesk) == Counter(
        (r["requester_email"], r["contact_id"]) for r in tickets
    )
    # Won deals keep HubSpot's own stage id; the vendor seed maps it back.
    won = {
        r["deal_id"] for r in rows(canonical / "crm_deals.csv") if r["deal_stage"] == "closed_won"
    }
    assert won
    assert {
        r["deal_id"]
        for r in rows(vendor / "hubspot" / "deal.csv")
        if r["deal_pipeline_stage_id"] == "closedwon"
    } == won


def test_parquet_shapes_and_a_plain_rerun_replace_the_tool_folders(tmp_path: Path) -> None:
    out = tmp_path / "landing"
    rows = generate(
        out, persons=30, seed=SEED, fmt="parquet", progress=False, vendor_shapes=("zendesk",)
    )
    assert not (out / "support_tickets.parquet").exists()
    assert pq.read_table(out / "zendesk" / "ticket.parquet").num_rows == rows["zendesk/ticket"]
    assert "support_tickets" not in rows
    assert (out / "web_events.parquet").is_file()
    generate(out, persons=30, seed=SEED, fmt="parquet", progress=False)
    assert not (out / "zendesk").exists()
    assert (out / "support_tickets.parquet").is_file()


def test_unknown_tool_is_refused() -> None:
    assert parse_tools("Snowplow, hubspot,hubspot") == ("snowplow", "hubspot")
    assert parse_tools("all") == VENDOR_TOOLS
    with pytest.raises(ValueError, match="unknown tool marketo"):
        parse_tools("snowplow,marketo")
