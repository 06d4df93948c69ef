"""Salesforce and Segment exports from ../shared/external, and a small HubSpot portal in the
connector's shape (the external HubSpot seed has no stages or amounts), in one build with a
web user_id that is the HubSpot contact id, declared as one person."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt_harness import BuildWarehouse, Warehouse, csv_text
from vendor_landing import (
    SALESFORCE_DIR,
    SALESFORCE_TABLES,
    SEGMENT_DIR,
    copy_fivetran,
    finish_landing,
    read_rows,
)

pytestmark = pytest.mark.slow

HUBSPOT_FILES = {
    "contact.csv": (
        "id,property_email,property_createdate,property_lastmodifieddate,_fivetran_deleted\n"
        "HS1,Ann@Shop.io,2024-01-02 10:00:00,2024-01-05 10:00:00,false\n"
    ),
    "deal.csv": (
        "deal_id,deal_pipeline_stage_id,property_amount,property_createdate,property_closedate\n"
        "D1,closedwon,1200,2024-01-03 09:00:00,2024-02-01 12:00:00\n"
        "D2,closedlost,300,2024-01-03 09:00:00,2024-02-02 12:00:00\n"
        "D3,appointmentscheduled,50,2024-01-04 09:00:00,\n"
        "D4,4711,70,2024-01-04 09:00:00,2024-02-03 12:00:00\n"
    ),
    "deal_pipeline_stage.csv": "stage_id,label,is_closed,closed_won\n4711,Signed,true,true\n",
    "deal_contact.csv": "deal_id,contact_id\nD1,HS1\nD2,HS1\nD3,HS1\nD4,HS1\n",
}


@pytest.fixture(scope="module")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse
) -> Warehouse:
    raw_dir = tmp_path_factory.mktemp("crm_tools") / "landing"
    copy_fivetran(raw_dir, "salesforce", SALESFORCE_DIR, SALESFORCE_TABLES)
    (raw_dir / "segment").mkdir()
    (raw_dir / "segment" / "pages.csv").write_bytes(
        (SEGMENT_DIR / "example_segment_pages.csv").read_bytes()
    )
    (raw_dir / "hubspot").mkdir()
    for name, text in HUBSPOT_FILES.items():
        (raw_dir / "hubspot" / name).write_text(text)
    (raw_dir / "web_events.csv").write_text(
        csv_text(
            "web_events",
            [
                {
                    "event_id": "E1",
                    "anonymous_id": "a1",
                    "user_id": "HS1",
                    "event_name": "page_view",
                    "page_url": "https://shop.io/",
                    "event_at": "2024-01-01 08:00:00",
                }
            ],
        )
    )
    finish_landing(raw_dir, ("crm_contacts", "crm_accounts", "crm_deals", "crm_activities"))
    return build_warehouse(
        raw_dir,
        ("build", "--vars", "{journey__same_person_identifiers: [[user_id, contact_id]]}"),
    )


def test_salesforce_deals_won_and_their_amounts(warehouse: Warehouse) -> None:
    """Won is the opportunity's `is_won` (its stage names are obfuscated in this export); the
    history copy of each opportunity agrees and is superseded by the later version."""
    opportunities = read_rows(SALESFORCE_DIR / "sf_opportunity_data.csv")
    history = {
        row["id"]: row for row in read_rows(SALESFORCE_DIR / "sf_opportunity_history_data.csv")
    }
    assert all(history[row["id"]]["is_won"] == row["is_won"] for row in opportunities)
    expected = {
        row["id"]: float(row["amount"]) if row["amount"] else None
        for row in opportunities
        if row["is_won"] == "true"
    }
    assert len(expected) == 5
    ours = warehouse.query(
        "select deal_id, amount from staging.stg_crm__deals where deal_stage = 'closed_won'"
        " and deal_id like '006%'"
    )
    assert dict(ours) == expected
    assert warehouse.query(
        "select count(*) from staging.stg_crm__deals"
        " where deal_id like '006%' and deal_stage = 'closed_lost'"
    ) == [(sum(1 for r in opportunities if r["is_won"] == "false" and r["is_closed"] == "true"),)]


def test_salesforce_tasks_and_events_become_activities(warehouse: Warehouse) -> None:
    rows = read_rows(SALESFORCE_DIR / "sf_task_data.csv") + read_rows(
        SALESFORCE_DIR / "sf_event_data.csv"
    )
    expected_calls = sum(1 for row in rows if row["type"].lower() == "call")
    assert warehouse.query(
        "select count(*) from staging.base_crm__activities where _source_file like '%/salesforce/%'"
    ) == [(len(rows),)]
    assert warehouse.query(
        "select count(*) from staging.base_crm__activities"
        " where _source_file like '%/salesforce/%' and activity_type = 'call'"
    ) == [(expected_calls,)]


def test_hubspot_stages_map_through_the_vendor_seed_and_the_stage_flags(
    warehouse: Warehouse,
) -> None:
    assert warehouse.query(
        "select deal_id, deal_stage, amount from staging.stg_crm__deals"
        " where deal_id like 'D%' order by deal_id"
    ) == [
        ("D1", "closed_won", 1200.0),
        ("D2", "closed_lost", 300.0),
        ("D3", "appointment_scheduled", 50.0),
        ("D4", "closed_won", 70.0),
    ]
    assert warehouse.query(
        "select count(*) from marts.fct_touchpoints where touchpoint_type = 'deal_won'"
        " and source_record_id in ('D1', 'D4')"
    ) == [(2,)]


def test_declared_identifiers_join_web_and_crm_without_a_bridge(warehouse: Warehouse) -> None:
    customers = warehouse.query(
        "select distinct customer_id from marts.dim_customer_identifiers"
        " where (identifier_type, identifier_value) in"
        " (('user_id', 'HS1'), ('contact_id', 'HS1'), ('anonymous_id', 'a1'),"
        " ('email', 'ann@shop.io'))"
    )
    assert len(customers) == 1
    assert warehouse.query(
        "select customers_in_both, share_in_one_only from marts.agg_customer_tool_overlap"
        " where tool_a = 'hubspot' and tool_b = 'landing'"
    ) == [(1, 0.0)]


def test_segment_pages_become_page_views(warehouse: Warehouse) -> None:
    page = read_rows(SEGMENT_DIR / "example_segment_pages.csv")[0]
    assert warehouse.query(
        "select anonymous_id, user_id, event_name, page_url, utm_source, utm_medium"
        " from staging.stg_web__events where event_id = ?",
        [page["id"]],
    ) == [
        (
            page["anonymous_id"],
            page["user_id"],
            "page_view",
            page["url"],
            page["context_campaign_source"],
            page["context_campaign_medium"],
        )
    ]


def test_every_row_is_balanced(warehouse: Warehouse) -> None:
    assert warehouse.query("select bool_and(is_balanced) from marts.agg_row_reconciliation") == [
        (True,)
    ]
    assert warehouse.query(
        "select bool_and(is_balanced), sum(raw_rows) from marts.agg_vendor_row_reconciliation"
        " where tool = 'salesforce'"
    ) == [
        (
            True,
            sum(
                len(read_rows(p))
                for p in Path(SALESFORCE_DIR).glob("sf_*_data.csv")
                if p.name.split("_data")[0][3:] in SALESFORCE_TABLES
            ),
        )
    ]
