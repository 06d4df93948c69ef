"""SPEC §1 rules on one hand-written landing folder: one dbt build, one assertion per rule."""

from __future__ import annotations

import re
from datetime import datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dbt_harness import LANDING_COLUMNS, BuildWarehouse, Warehouse, csv_text, write_landing

from journey.contract import LANDING_TABLES

CONTACTS = [
    # C1: two versions; the later updated_at (given with a +02:00 offset) wins.
    {
        "contact_id": "C1",
        "email": " Jane.Doe@Acme.IO ",
        "lifecycle_stage": "lead",
        "created_at": "2024-01-01T10:00:00Z",
        "updated_at": "2024-01-01T10:00:00Z",
    },
    {
        "contact_id": "C1",
        "email": "JANE.DOE@acme.io",
        "lifecycle_stage": "Customer",
        "created_at": "2024-01-01T10:00:00Z",
        "updated_at": "2024-02-01T12:00:00+02:00",
    },
    # C2: deleted on its latest version.
    {
        "contact_id": "C2",
        "email": "c2@acme.io",
        "updated_at": "2024-01-01 00:00:00",
        "is_deleted": "false",
    },
    {
        "contact_id": "C2",
        "email": "c2@acme.io",
        "updated_at": "2024-01-02 00:00:00",
        "is_deleted": " Yes ",
    },
    # C3: deleted only on an older version: kept.
    {
        "contact_id": "C3",
        "email": "c3@acme.io",
        "updated_at": "2024-01-01 00:00:00",
        "is_deleted": "TRUE",
    },
    {
        "contact_id": "C3",
        "email": "c3@acme.io",
        "updated_at": "2024-03-01 00:00:00",
        "is_deleted": "no",
    },
    # C4: exact tie on updated_at: the row written last wins.
    {
        "contact_id": "C4",
        "email": "c4@acme.io",
        "lifecycle_stage": "first",
        "updated_at": "2024-01-05 08:00:00",
    },
    {
        "contact_id": "C4",
        "email": "c4@acme.io",
        "lifecycle_stage": "second",
        "updated_at": "2024-01-05T08:00:00Z",
    },
    # C5: not an email.
    {"contact_id": "C5", "email": "c5.acme.io", "updated_at": "2024-01-01 00:00:00"},
    # C6: missing key.
    {"contact_id": " ", "email": "c6@acme.io", "updated_at": "2024-01-01 00:00:00"},
    # C7: unparseable timestamp.
    {"contact_id": "C7", "email": "c7@acme.io", "updated_at": "yesterday"},
    # C8: fractional seconds and an offset; deletion spelled 't' and '1'.
    {
        "contact_id": "C8",
        "email": "a@@acme.io",
        "created_at": "2024-01-01T10:00:00.123456+01:00",
        "updated_at": "2024-01-01T10:00:00.5-05:00",
        "is_deleted": "f",
    },
    {
        "contact_id": "C9",
        "email": "c9@acme.io",
        "updated_at": "2024-01-01 00:00:00",
        "is_deleted": "t",
    },
    {
        "contact_id": "C10",
        "email": "c10@acme.io",
        "updated_at": "2024-01-01 00:00:00",
        "is_deleted": "1",
    },
]

DEALS = [
    {
        "deal_id": "D1",
        "contact_id": "C1",
        "deal_stage": " Closed_Won ",
        "amount": "1000",
        "currency": " eur ",
        "created_at": "2024-01-10 00:00:00",
        "closed_at": "2024-01-20 00:00:00",
        "updated_at": "2024-01-20 00:00:00",
    },
    {
        "deal_id": "D2",
        "contact_id": "C1",
        "deal_stage": "open",
        "amount": "abc",
        "currency": "USD",
        "created_at": "2024-01-10 00:00:00",
        "updated_at": "2024-01-20 00:00:00",
    },
    {
        "deal_id": "D3",
        "contact_id": "C1",
        "deal_stage": "open",
        "amount": "50",
        "currency": "XYZ",
        "created_at": "2024-01-10 00:00:00",
        "updated_at": "2024-01-20 00:00:00",
    },
    {
        "deal_id": "D4",
        "contact_id": "C1",
        "deal_stage": "open",
        "amount": "70",
        "currency": "",
        "created_at": "2024-01-10 00:00:00",
        "updated_at": "2024-01-20 00:00:00",
    },
]

ACTIVITIES = [
    {
        "activity_id": "ACT1",
        "contact_id": "C1",
        "activity_type": " Email_Clicked ",
        "occurred_at": "2024-01-03 00:00:00",
    },
    {
        "activity_id": "ACT1",
        "contact_id": "C1",
        "activity_type": "call",
        "occurred_at": "2024-01-04 00:00:00",
    },
    {
        "activity_id": "ACT2",
        "contact_id": "",
        "activity_type": "call",
        "occurred_at": "2024-01-04 00:00:00",
    },
]

ORDERS = [
    {
        "order_id": "O1",
        "contact_id": "C1",
        "email": "jane.doe@acme.io",
        "order_total": "100",
        "currency": "EUR",
        "status": "pending",
        "ordered_at": "2024-01-15 00:00:00",
        "updated_at": "2024-01-15 00:00:00",
    },
    {
        "order_id": "O1",
        "contact_id": "C1",
        "email": "jane.doe@acme.io",
        "order_total": "100",
        "currency": "EUR",
        "status": " Completed ",
        "ordered_at": "2024-01-15 00:00:00",
        "updated_at": "2024-01-16 00:00:00",
    },
    {
        "order_id": "O2",
        "contact_id": "C1",
        "email": "jane.doe@acme.io",
        "order_total": "12,50",
        "currency": "USD",
        "status": "completed",
        "ordered_at": "2024-01-15 00:00:00",
        "updated_at": "2024-01-16 00:00:00",
    },
    # A finite number that overflows a double once converted to USD: kept, without USD value.
    {
        "order_id": "O4",
        "contact_id": "C1",
        "email": "jane.doe@acme.io",
        "order_total": "1.7e308",
        "currency": "EUR",
        "status": "completed",
        "ordered_at": "2024-01-17 00:00:00",
        "updated_at": "2024-01-17 00:00:00",
    },
    # A finite number far beyond any decimal(38, 9): valid, so it reaches the revenue marts.
    {
        "order_id": "O3",
        "contact_id": "",
        "email": "huge.order@bigco.io",
        "order_total": "1e35",
        "currency": "USD",
        "status": "completed",
        "ordered_at": "2024-01-17 00:00:00",
        "updated_at": "2024-01-17 00:00:00",
    },
]

WEB_EVENTS = [
    # E1 delivered twice: the earliest received_at wins (its page_url tells which).
    {
        "event_id": "E1",
        "anonymous_id": "a1",
        "event_name": "page_view",
        "page_url": "/late",
        "event_at": "2024-01-01T10:00:00Z",
        "received_at": "2024-01-01T10:05:00Z",
    },
    {
        "event_id": "E1",
        "anonymous_id": "a1",
        "event_name": "page_view",
        "page_url": "/first",
        "event_at": "2024-01-01T10:00:00Z",
        "received_at": "2024-01-01T10:01:00Z",
    },
    # E2: client clock hours ahead: event time becomes received_at.
    {
        "event_id": "E2",
        "anonymous_id": "a1",
        "event_name": "page_view",
        "event_at": "2024-01-01T15:00:00Z",
        "received_at": "2024-01-01T12:00:00Z",
    },
    # E3: exactly one hour ahead is tolerated; E4 one second more is not.
    {
        "event_id": "E3",
        "anonymous_id": "a1",
        "event_name": "page_view",
        "event_at": "2024-01-01T13:00:00Z",
        "received_at": "2024-01-01T12:00:00Z",
    },
    {
        "event_id": "E4",
        "anonymous_id": "a1",
        "event_name": "page_view",
        "event_at": "2024-01-01T13:00:01Z",
        "received_at": "2024-01-01T12:00:00Z",
    },
    # E5/E6: bots; E7: a browser.
    {
        "event_id": "E5",
        "anonymous_id": "b1",
        "event_name": "page_view",
        "user_agent": "Mozilla/5.0 (compatible; Googlebot/2.1)",
        "event_at": "2024-01-01 10:00:00",
        "received_at": "2024-01-01 10:00:01",
    },
    {
        "event_id": "E6",
        "anonymous_id": "b2",
        "event_name": "page_view",
        "user_agent": "Mozilla/5.0 HeadlessChrome/120.0",
        "event_at": "2024-01-01 10:00:00",
        "received_at": "2024-01-01 10:00:01",
    },
    {
        "event_id": "E7",
        "anonymous_id": "a2",
        "event_name": "page_view",
        "user_agent": "Mozilla/5.0 (Windows NT 10.0) Chrome/120.0",
        "event_at": "2024-01-01 10:00:00",
        "received_at": "2024-01-01 10:00:01",
    },
    # E8: arrives three days late: event time kept.
    {
        "event_id": "E8",
        "anonymous_id": "a2",
        "event_name": "page_view",
        "event_at": "2024-01-01T10:00:00-03:00",
        "received_at": "2024-01-04T13:00:00Z",
    },
    # E9: no event time.
    {
        "event_id": "E9",
        "anonymous_id": "a2",
        "event_name": "page_view",
        "event_at": "",
        "received_at": "2024-01-04T13:00:00Z",
    },
]

TICKETS = [
    {
        "ticket_id": "T1",
        "requester_email": " MIXED@Case.IO ",
        "status": "open",
        "created_at": "2024-01-05 00:00:00",
        "updated_at": "2024-01-05 00:00:00",
    },
    {
        "ticket_id": "T1",
        "requester_email": " MIXED@Case.IO ",
        "status": "Solved",
        "created_at": "2024-01-05 00:00:00",
        "updated_at": "2024-01-06 00:00:00",
    },
]

NPS = [
    {
        "response_id": "R1",
        "email": "jane.doe@acme.io",
        "score": "10",
        "responded_at": "2024-02-01 00:00:00",
    },
    {
        "response_id": "R2",
        "email": "jane.doe@acme.io",
        "score": "ten",
        "responded_at": "2024-02-01 00:00:00",
    },
    {
        "response_id": "R3",
        "email": "jane.doe@acme.io",
        "score": "-1e12",
        "responded_at": "2024-02-02 00:00:00",
    },
]


@pytest.fixture(scope="module")
def warehouse(
    tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse
) -> Warehouse:
    raw_dir = tmp_path_factory.mktemp("landing")
    # crm_contacts ends with a line that is not UTF-8 and a truncated line.
    contacts = csv_text("crm_contacts", CONTACTS).encode()
    contacts += b"C11,c11@acme.io,,J\xe9r\xf4me,,,,,,2024-01-01 00:00:00,\n"
    contacts += b"C12,c12@acme.io\n"
    (raw_dir / "crm_contacts.csv").write_bytes(contacts)
    # crm_accounts as Parquet (typed columns, an extra column that must be ignored).
    pq.write_table(
        pa.table(
            {
                "account_id": ["A1", "A1", "A2", "A3"],
                "account_name": ["Acme", "Acme Inc", "Beta", "Gamma"],
                "industry": ["Retail", "Retail", "Media", "Media"],
                # A3: a finite number, but no count: beyond the integer range.
                "employee_count": ["10", "12", "many", "1e12"],
                "created_at": [datetime(2024, 1, 1)] * 4,
                "updated_at": [
                    datetime(2024, 1, 1),
                    datetime(2024, 2, 1),
                    datetime(2024, 1, 1),
                    datetime(2024, 1, 1),
                ],
                "unexpected_extra": [1, 2, 3, 4],
            }
        ),
        raw_dir / "crm_accounts.parquet",
    )
    # web_identifies as a folder: an empty file, a CSV part and a Parquet part.
    folder = raw_dir / "web_identifies"
    folder.mkdir()
    (folder / "part-0.csv").write_bytes(b"")
    (folder / "part-1.csv").write_text(
        csv_text(
            "web_identifies",
            [
                {
                    "anonymous_id": "a1",
                    "user_id": "u1",
                    "email": " Jane.Doe@acme.io",
                    "identified_at": "2024-01-01T10:02:00Z",
                },
            ],
        )
    )
    pq.write_table(
        pa.table(
            {
                column: [value]
                for column, value in zip(
                    LANDING_COLUMNS["web_identifies"],
                    ["a2", "u2", "bad-email", "2024-01-01 10:03:00"],
                    strict=True,
                )
            }
        ),
        folder / "part-2.parquet",
    )
    write_landing(
        raw_dir,
        {
            "crm_deals": DEALS,
            "crm_activities": ACTIVITIES,
            "crm_orders": ORDERS,
            "web_events": WEB_EVENTS,
            "support_tickets": TICKETS,
            "survey_nps": NPS,
        },
    )
    return build_warehouse(raw_dir)


def one(warehouse: Warehouse, sql: str, *params: object) -> dict[str, object]:
    rows = warehouse.records(sql, params)
    assert len(rows) == 1, rows
    return rows[0]


NO_IDENTIFIER = "no usable identifier (empty, invalid or blocklisted): no customer, no touchpoint"


def reasons(warehouse: Warehouse, table: str) -> dict[str, str]:
    return dict(
        warehouse.query(
            "select record_key, reason from staging.stg_quarantine__records where table_name = ?",
            [table],
        )
    )


def test_change_feed_keeps_latest_version_with_offsets_in_utc(warehouse: Warehouse) -> None:
    contact = one(warehouse, "select * from staging.stg_crm__contacts where contact_id = 'C1'")
    assert contact["lifecycle_stage"] == "customer"
    assert contact["email"] == "jane.doe@acme.io"
    assert contact["updated_at"] == datetime(2024, 2, 1, 10, 0, 0)


def test_deleted_contact_removed_only_when_latest_version_is_deleted(warehouse: Warehouse) -> None:
    ids = {row[0] for row in warehouse.query("select contact_id from staging.stg_crm__contacts")}
    assert "C2" not in ids and "C9" not in ids and "C10" not in ids
    assert {"C1", "C3", "C4", "C5", "C8"} <= ids


def test_exact_tie_goes_to_the_row_written_last(warehouse: Warehouse) -> None:
    contact = one(warehouse, "select * from staging.stg_crm__contacts where contact_id = 'C4'")
    assert contact["lifecycle_stage"] == "second"


def test_invalid_email_is_no_email_and_is_quarantined_as_a_value(warehouse: Warehouse) -> None:
    # The reason shows the value masked; the value as it arrived stays in the identity tier.
    for contact_id, value, masked in (
        ("C5", "c5.acme.io", "c*** (10 chars)"),
        ("C8", "a@@acme.io", "a*** (10 chars)"),
    ):
        contact = one(
            warehouse, "select * from staging.stg_crm__contacts where contact_id = ?", contact_id
        )
        assert contact["email"] is None and contact["invalid_email"] == value
        assert reasons(warehouse, "crm_contacts")[contact_id] == f"invalid email in email: {masked}"
        raw = one(
            warehouse,
            "select raw.raw_value, quarantine.reason from marts.fct_quarantine_raw_values as raw"
            " inner join marts.fct_quarantine as quarantine using (quarantine_id)"
            " where raw.record_key = ?",
            contact_id,
        )
        assert raw == {"raw_value": value, "reason": f"invalid email in email: {masked}"}


def test_unreadable_lines_show_no_raw_text_outside_the_identity_tier(warehouse: Warehouse) -> None:
    lines = warehouse.records(
        "select quarantine.reason, raw.raw_value from marts.fct_quarantine as quarantine"
        " inner join marts.fct_quarantine_raw_values as raw using (quarantine_id)"
        " where quarantine.table_name = 'crm_contacts' and quarantine.line_number is not null"
    )
    assert len(lines) == 2
    for line in lines:
        assert line["raw_value"] and line["raw_value"] not in line["reason"]
        assert re.search(r": .\*\*\* \(\d+ chars\)$", line["reason"]), line["reason"]


def test_fractional_seconds_and_offsets_convert_to_utc(warehouse: Warehouse) -> None:
    contact = one(warehouse, "select * from staging.stg_crm__contacts where contact_id = 'C8'")
    assert contact["created_at"] == datetime(2024, 1, 1, 9, 0, 0, 123456)
    assert contact["updated_at"] == datetime(2024, 1, 1, 15, 0, 0, 500000)


def test_missing_key_and_unparseable_timestamp_are_quarantined(warehouse: Warehouse) -> None:
    found = reasons(warehouse, "crm_contacts")
    assert found["C7"] == "unparseable timestamp updated_at: yesterday"
    assert any(reason == "missing contact_id" for reason in found.values())


def test_unreadable_lines_are_quarantined_with_their_line_number(warehouse: Warehouse) -> None:
    lines = warehouse.records(
        "select record_key, reason, line_number from staging.stg_quarantine__records "
        "where table_name = 'crm_contacts' and line_number is not null order by line_number"
    )
    first_bad_line = len(CONTACTS) + 2  # header plus the good rows, 1-based
    assert [row["line_number"] for row in lines] == [first_bad_line, first_bad_line + 1]
    assert "INVALID ENCODING" in lines[0]["reason"]
    assert "MISSING COLUMNS" in lines[1]["reason"]


def test_parquet_file_is_read_extra_columns_ignored_non_numbers_quarantined(
    warehouse: Warehouse,
) -> None:
    account = one(warehouse, "select * from staging.stg_crm__accounts where account_id = 'A1'")
    assert account["account_name"] == "Acme Inc" and account["employee_count"] == 12
    assert reasons(warehouse, "crm_accounts")["A2"] == "unparseable number employee_count: many"


def test_a_count_beyond_the_integer_range_is_quarantined_and_the_build_goes_on(
    warehouse: Warehouse,
) -> None:
    """`1e12` employees and an NPS score of `-1e12` are finite numbers, but the staging models
    hold counts as integers: the rows are quarantined, where the cast stopped the build."""
    assert reasons(warehouse, "crm_accounts")["A3"] == "unparseable number employee_count: 1e12"
    assert reasons(warehouse, "survey_nps")["R3"] == "unparseable number score: -1e12"


def test_folder_of_files_and_empty_file_are_read_together(warehouse: Warehouse) -> None:
    rows = warehouse.records(
        "select anonymous_id, user_id, email, invalid_email, identified_at "
        "from staging.stg_web__identifies order by anonymous_id"
    )
    assert [(row["anonymous_id"], row["user_id"], row["email"]) for row in rows] == [
        ("a1", "u1", "jane.doe@acme.io"),
        ("a2", "u2", None),
    ]
    assert rows[1]["invalid_email"] == "bad-email"
    files = warehouse.query(
        "select count(*), sum(row_count) from landing._files where table_name = 'web_identifies'"
    )
    assert files == [(3, 2)]


def test_amounts_convert_to_usd_through_the_seed(warehouse: Warehouse) -> None:
    deal = one(warehouse, "select * from staging.stg_crm__deals where deal_id = 'D1'")
    assert deal["deal_stage"] == "closed_won" and deal["currency"] == "EUR"
    assert deal["amount_usd"] == pytest.approx(1080.0)
    default_currency = one(warehouse, "select * from staging.stg_crm__deals where deal_id = 'D4'")
    assert default_currency["currency"] == "USD" and default_currency["amount_usd"] == 70.0
    unknown = one(warehouse, "select * from staging.stg_crm__deals where deal_id = 'D3'")
    assert unknown["amount_usd"] is None
    found = reasons(warehouse, "crm_deals")
    assert found["D2"] == "unparseable number amount: abc"
    assert found["D3"].startswith("currency without an FX rate")
    order = one(warehouse, "select * from staging.stg_crm__orders where order_id = 'O1'")
    assert order["status"] == "completed" and order["order_total_usd"] == pytest.approx(108.0)
    assert reasons(warehouse, "crm_orders")["O2"] == "unparseable number order_total: 12,50"


def test_an_amount_too_large_for_usd_has_no_usd_value_and_is_quarantined(
    warehouse: Warehouse,
) -> None:
    order = one(warehouse, "select * from staging.stg_crm__orders where order_id = 'O4'")
    assert order["order_total"] == 1.7e308 and order["order_total_usd"] is None
    assert reasons(warehouse, "crm_orders")["O4"] == "order_total too large to convert to USD: EUR"


def test_an_amount_beyond_decimal_range_reaches_lifetime_revenue(warehouse: Warehouse) -> None:
    customer = one(
        warehouse,
        "select lifetime_revenue_usd from marts.dim_customers where customer_id = ("
        " select customer_id from marts.fct_touchpoints"
        " where source_table = 'crm_orders' and source_record_id = 'O3')",
    )
    assert customer["lifetime_revenue_usd"] == 1e35


def test_duplicate_key_in_a_one_row_per_record_table_is_quarantined(warehouse: Warehouse) -> None:
    activity = one(
        warehouse, "select * from staging.stg_crm__activities where activity_id = 'ACT1'"
    )
    assert activity["activity_type"] == "email_clicked"
    found = warehouse.query(
        "select record_key, reason from marts.fct_quarantine where table_name = 'crm_activities'"
    )
    # ACT2 has no contact_id: a valid row (SPEC §8) left with no usable identifier.
    assert sorted(found) == [
        ("ACT1", "duplicate activity_id (first occurrence kept)"),
        ("ACT2", NO_IDENTIFIER),
    ]


def test_web_events_deduplicated_on_earliest_received_at(warehouse: Warehouse) -> None:
    event = one(warehouse, "select * from staging.stg_web__events where event_id = 'E1'")
    assert event["page_url"] == "/first"


def test_clock_skew_beyond_one_hour_uses_received_at(warehouse: Warehouse) -> None:
    times = dict(
        warehouse.query(
            "select event_id, event_at from staging.stg_web__events where event_id in "
            "('E2', 'E3', 'E4', 'E8')"
        )
    )
    assert times["E2"] == datetime(2024, 1, 1, 12, 0, 0)
    assert times["E3"] == datetime(2024, 1, 1, 13, 0, 0)
    assert times["E4"] == datetime(2024, 1, 1, 12, 0, 0)
    assert times["E8"] == datetime(2024, 1, 1, 13, 0, 0)


def test_bots_flagged_by_seed_patterns(warehouse: Warehouse) -> None:
    flags = dict(warehouse.query("select event_id, is_bot from staging.stg_web__events"))
    assert flags["E5"] and flags["E6"] and not flags["E7"]


def test_ticket_email_normalised_and_nps_score_checked(warehouse: Warehouse) -> None:
    ticket = one(warehouse, "select * from staging.stg_support__tickets where ticket_id = 'T1'")
    assert ticket["requester_email"] == "mixed@case.io" and ticket["status"] == "solved"
    assert reasons(warehouse, "survey_nps")["R2"] == "unparseable number score: ten"
    assert reasons(warehouse, "web_events")["E9"] == "missing event_at"


def test_nothing_is_lost(warehouse: Warehouse) -> None:
    rows = warehouse.records("select * from marts.agg_row_reconciliation order by table_name")
    assert len(rows) == len(LANDING_TABLES) and all(row["is_balanced"] for row in rows)
    contacts = next(row for row in rows if row["table_name"] == "crm_contacts")
    assert contacts["raw_rows"] == len(CONTACTS) + 2
    events = next(row for row in rows if row["table_name"] == "web_events")
    assert (events["raw_rows"], events["superseded_rows"]) == (len(WEB_EVENTS), 1)
