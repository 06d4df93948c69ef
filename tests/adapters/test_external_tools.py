"""The adapters on real exports: Snowplow, HubSpot and Zendesk files from ../shared/external
dropped into a landing folder in their own shapes (no hand mapping), one warehouse build."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dbt_harness import BuildWarehouse, Warehouse
from vendor_landing import (
    HUBSPOT_DIR,
    SNOWPLOW_DIR,
    ZENDESK_DIR,
    copy_tool_exports,
    finish_landing,
    read_rows,
)

from journey.contract import LANDING_TABLES

pytestmark = pytest.mark.slow

PROVIDED = (
    "crm_contacts",
    "crm_accounts",
    "crm_deals",
    "crm_activities",
    "web_events",
    "support_tickets",
)


@pytest.fixture(scope="module")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse
) -> Warehouse:
    raw_dir = tmp_path_factory.mktemp("external") / "landing"
    copy_tool_exports(raw_dir)
    finish_landing(raw_dir, PROVIDED)
    return build_warehouse(raw_dir)


def snowplow_events() -> list[dict[str, str]]:
    return read_rows(SNOWPLOW_DIR / "source" / "snowplow_web_events.csv")


def test_missing_canonical_files_are_fine_when_a_tool_folder_provides_them(
    warehouse: Warehouse,
) -> None:
    assert not any((warehouse.raw_dir / f"{table}.csv").exists() for table in PROVIDED)
    assert warehouse.query(
        "select count(*), bool_and(is_balanced) from marts.agg_row_reconciliation"
    ) == [(len(LANDING_TABLES), True)]


def test_every_vendor_row_reaches_the_base_models(warehouse: Warehouse) -> None:
    """Row counts of the copied files (Python's csv reader) against the reconciliation."""
    expected = {
        ("snowplow", "events"): len(snowplow_events()),
        **{
            ("hubspot", table): len(read_rows(HUBSPOT_DIR / f"{table}_data.csv"))
            for table in ("contact", "company", "deal", "engagement", "email_event")
        },
        ("zendesk", "ticket"): len(read_rows(ZENDESK_DIR / "ticket_data.csv")),
    }
    rows = warehouse.query(
        "select tool, vendor_table, raw_rows, mapped_rows, is_balanced"
        " from marts.agg_vendor_row_reconciliation where raw_rows > 0"
    )
    assert {(tool, table): (raw, mapped, ok) for tool, table, raw, mapped, ok in rows} == {
        key: (count, count, True) for key, count in expected.items()
    }
    # The same rows are counted with the canonical ones: web_events reads the 160 atomic rows.
    assert warehouse.query(
        "select raw_rows from marts.agg_row_reconciliation where table_name = 'web_events'"
    ) == [(len(snowplow_events()),)]


def test_snowplow_page_views_match_the_packages_expected_page_views(warehouse: Warehouse) -> None:
    """The Snowplow package's 43 expected page views are all ours. Ours has six more, each one
    a rule of the package that the contract does not have: the package keys page views by the
    web_page context id (so it drops a page view without one and keeps one of two sharing it),
    drops page views after a session's `max_session_days` (3) and from devices that sent events
    more than 3 days late, and leaves out sessions that started before its start date
    (`Unexpired session`). The atomic rows name their edge case in user_id."""
    expected = {
        row["event_id"]
        for row in read_rows(SNOWPLOW_DIR / "expected" / "snowplow_web_page_views_expected.csv")
    }
    ours = {
        row[0]
        for row in warehouse.query(
            "select event_id from staging.stg_web__events"
            " where event_name = 'page_view' and not is_bot"
        )
    }
    assert len(expected) == 43
    assert expected <= ours
    label = {row["event_id"]: row["user_id"] for row in snowplow_events()}
    assert Counter(label[event_id] for event_id in ours - expected) == Counter(
        {
            "long session": 2,
            "late arriving: device created/sent >3 days": 1,
            "NULL page_view_id": 1,
            "dupe: page_view_id different derived_tstamp": 1,
            "Unexpired session": 1,
        }
    )


def test_snowplow_sessions_agree_with_the_package_where_the_rules_agree(
    warehouse: Warehouse,
) -> None:
    """The package's sessions are the tracker's `domain_sessionid`; ours end after 30 minutes
    without an event (SPEC §3). A tracker session whose page views never pause for more than
    30 minutes holds its page views in one session of ours; the `long session` case (two days)
    is split by the timeout."""
    page_views = read_rows(SNOWPLOW_DIR / "expected" / "snowplow_web_page_views_expected.csv")
    our_session = dict(
        warehouse.query("select event_id, session_id from intermediate.int_web_events_sessionized")
    )
    by_tracker_session: dict[str, list[dict[str, str]]] = {}
    for row in page_views:
        by_tracker_session.setdefault(row["domain_sessionid"], []).append(row)

    def longest_pause(rows: list[dict[str, str]]) -> timedelta:
        times = sorted(datetime.fromisoformat(row["derived_tstamp"]) for row in rows)
        return max((b - a for a, b in itertools.pairwise(times)), default=timedelta())

    compared = 0
    for tracker_session, rows in by_tracker_session.items():
        sessions = {our_session[row["event_id"]] for row in rows}
        if longest_pause(rows) <= timedelta(minutes=30):
            assert len(sessions) == 1, tracker_session
            compared += 1
        else:
            assert len(sessions) > 1, tracker_session
    assert compared >= 10
    long_sessions = {
        row["domain_sessionid"] for row in page_views if row["user_id"] == "long session"
    }
    assert long_sessions
    assert all(
        longest_pause(by_tracker_session[session]) > timedelta(minutes=30)
        for session in long_sessions
    )


def test_snowplow_users_are_stitched_by_the_identity_graph(warehouse: Warehouse) -> None:
    """The package's users are its 11 domain_userids, each stitched to its latest user_id. Our
    graph links a cookie to every user_id it carries, unless it carries more than
    `identity_max_links` (3) of them: then the cookie is shared and keeps no links (SPEC §2) —
    the package's stitching case (one cookie, 10 user_ids) is exactly that."""
    users = read_rows(SNOWPLOW_DIR / "expected" / "snowplow_web_users_expected.csv")
    user_ids_per_cookie: dict[str, set[str]] = {}
    for row in snowplow_events():
        if row["domain_userid"] and row["user_id"]:
            user_ids_per_cookie.setdefault(row["domain_userid"], set()).add(row["user_id"])
    customer_of = {
        (kind, value): customer
        for customer, kind, value in warehouse.query(
            "select customer_id, identifier_type, identifier_value"
            " from marts.dim_customer_identifiers"
        )
    }
    shared = {
        value
        for (value,) in warehouse.query(
            "select identifier_value from marts.dim_customer_identifiers"
            " where identifier_type = 'anonymous_id' and is_shared"
        )
    }
    assert len(users) == 11
    stitched = 0
    for user in users:
        cookie = user["domain_userid"]
        assert ("anonymous_id", cookie) in customer_of
        if len(user_ids_per_cookie[cookie]) > 3:
            assert cookie in shared
        else:
            user_id = ("user_id", user["user_id"])
            assert customer_of[("anonymous_id", cookie)] == customer_of[user_id]
            stitched += 1
    assert stitched == 10


def test_hubspot_export_lands_with_its_deals_and_activities(warehouse: Warehouse) -> None:
    """Fivetran's HubSpot seed is obfuscated: no deal has a pipeline stage or an amount and the
    email recipients are hashes, so no deal is won and no email event finds its contact."""
    assert warehouse.query("select count(*) from staging.stg_crm__contacts") == [(22,)]
    assert warehouse.query("select count(*) from staging.stg_crm__accounts") == [(24,)]
    assert warehouse.query(
        "select count(*), count(amount), count(*) filter (where deal_stage = 'closed_won')"
        " from staging.base_crm__deals"
    ) == [(44, 0, 0)]
    engagement = read_rows(HUBSPOT_DIR / "engagement_data.csv")[0]
    contact = read_rows(HUBSPOT_DIR / "engagement_contact_data.csv")[0]["contact_id"]
    call = read_rows(HUBSPOT_DIR / "engagement_call_data.csv")[0]
    assert warehouse.query(
        "select activity_id, contact_id, activity_type, cast(occurred_at as varchar)"
        " from staging.stg_crm__activities where contact_id is not null"
    ) == [(engagement["id"], contact, "call", call["property_hs_timestamp"][:23])]
    email_events = len(read_rows(HUBSPOT_DIR / "email_event_data.csv"))
    assert warehouse.query(
        "select count(*) from marts.fct_quarantine"
        " where table_name = 'crm_activities' and reason like 'no usable identifier%'"
    ) == [(email_events,)]
    assert warehouse.query(
        "select count(*) from marts.fct_touchpoints where touchpoint_type = 'call'"
    ) == [(1,)]


def test_zendesk_tickets_per_requester(warehouse: Warehouse) -> None:
    """Tickets per requester email: the ticket's requester_id looked up in the user export."""
    email_of = {row["id"]: row["email"] or None for row in read_rows(ZENDESK_DIR / "user_data.csv")}
    expected = Counter(
        email_of.get(row["requester_id"]) for row in read_rows(ZENDESK_DIR / "ticket_data.csv")
    )
    ours = warehouse.query(
        "select requester_email, count(*) from staging.stg_support__tickets group by 1"
    )
    assert dict(ours) == dict(expected)
    assert warehouse.query(
        "select count(*) from marts.fct_touchpoints where touchpoint_type = 'ticket_opened'"
    ) == [(expected["example@email.com"],)]


def test_tools_sharing_no_identifier_are_reported(warehouse: Warehouse) -> None:
    """The three exports share no email or id (MANIFEST): every customer is in one tool only."""
    rows = warehouse.query(
        "select tool_a, tool_b, customers_in_both, share_in_one_only"
        " from marts.agg_customer_tool_overlap order by 1, 2"
    )
    assert [(a, b) for a, b, _, _ in rows] == [
        ("hubspot", "snowplow"),
        ("hubspot", "zendesk"),
        ("snowplow", "zendesk"),
    ]
    assert all(both == 0 and share == 1.0 for _, _, both, share in rows)


def test_a_tool_table_without_its_key_column_stops_the_build(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = finish_landing(tmp_path / "landing", ())
    (raw_dir / "zendesk").mkdir()
    (raw_dir / "zendesk" / "ticket.csv").write_text("subject,status\nhello,open\n")
    warehouse = build_warehouse(raw_dir, ("run-operation", "load_vendor_landing"), check=False)
    assert warehouse.result.returncode != 0
    assert "Tool table 'zendesk/ticket'" in warehouse.result.stdout
    assert "required column 'id' missing" in warehouse.result.stdout
