"""The files honour the landing contract: names, columns, text types, ids and vocabularies."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta

import pyarrow as pa
import pyarrow.parquet as pq
from generated_files import deduplicated_events, read_csv_file, read_table

from journey.generate.schema import TABLES

# Copied from the SPEC's table on purpose: the generator must not be its own reference.
SPEC_COLUMNS = {
    "crm_contacts": "contact_id, email, phone, first_name, last_name, account_id, "
    "lifecycle_stage, lead_source, created_at, updated_at, is_deleted",
    "crm_accounts": "account_id, account_name, industry, employee_count, created_at, updated_at",
    "crm_deals": "deal_id, contact_id, account_id, deal_stage, amount, currency, created_at, "
    "closed_at, updated_at",
    "crm_activities": "activity_id, contact_id, activity_type, occurred_at",
    "crm_orders": "order_id, contact_id, email, order_total, currency, status, ordered_at, "
    "updated_at",
    "web_events": "event_id, anonymous_id, user_id, event_name, page_url, referrer, utm_source, "
    "utm_medium, utm_campaign, user_agent, event_at, received_at",
    "web_identifies": "anonymous_id, user_id, email, identified_at",
    "support_tickets": "ticket_id, requester_email, contact_id, channel, subject, category, "
    "priority, status, satisfaction_rating, created_at, first_response_at, solved_at, updated_at",
    "survey_nps": "response_id, email, score, comment, responded_at",
}
ID_PATTERNS = {
    ("crm_contacts", "contact_id"): r"C\d{7}",
    ("crm_contacts", "account_id"): r"A\d{6}",
    ("crm_accounts", "account_id"): r"A\d{6}",
    ("crm_deals", "deal_id"): r"D\d{6}",
    ("crm_activities", "activity_id"): r"ACT\d{8}",
    ("crm_orders", "order_id"): r"O\d{7}",
    ("support_tickets", "ticket_id"): r"T\d{7}",
    ("survey_nps", "response_id"): r"R\d{7}",
    (
        "web_events",
        "event_id",
    ): r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
    ("web_events", "anonymous_id"): r"anon-[0-9a-f]{16}",
    ("web_events", "user_id"): r"u\d{7}",
    ("web_identifies", "user_id"): r"u\d{7}",
}


def test_files_and_columns_follow_the_contract(generated) -> None:
    for fmt in ("parquet", "csv"):
        folder = generated(2000, fmt=fmt)
        assert sorted(path.name for path in folder.iterdir() if path.is_file()) == sorted(
            f"{name}.{fmt}" for name in SPEC_COLUMNS
        )
        for name, spec in SPEC_COLUMNS.items():
            header, rows = read_table(folder, name)
            assert header == spec.split(", ")
            assert rows, name
            for row in rows:
                assert all(value is None or isinstance(value, str) for value in row.values())
                assert any(value is not None for value in row.values())
    for name in SPEC_COLUMNS:
        schema = pq.read_schema(generated(2000) / f"{name}.parquet")
        assert all(field.type == pa.string() for field in schema), name
    assert tuple(TABLES) == tuple(SPEC_COLUMNS)


def test_csv_and_parquet_hold_the_same_values(generated) -> None:
    for name in SPEC_COLUMNS:
        _, parquet_rows = read_table(generated(2000, fmt="parquet"), name)
        _, csv_rows = read_csv_file(generated(2000, fmt="csv") / f"{name}.csv")
        assert csv_rows == parquet_rows, name


def test_csv_is_utf8_with_standard_quoting(generated) -> None:
    folder = generated(2000, fmt="csv")
    text = (folder / "survey_nps.csv").read_bytes().decode("utf-8")
    assert text.startswith("response_id,email,score,comment,responded_at\n")
    assert '"Our team says the office machine is ""a game changer""."' in text
    assert '"Works fine, delivery was slow"' in text
    agents = (folder / "web_events.csv").read_text(encoding="utf-8")
    assert (
        '"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)'
        in agents
    )
    names = (folder / "crm_contacts.csv").read_text(encoding="utf-8")
    assert any(ch in names for ch in "éöüÉ")


def test_ids_are_well_formed_and_unique_across_chunks(generated) -> None:
    folder = generated(1000, chunk_persons=250)
    tables = {name: read_table(folder, name)[1] for name in SPEC_COLUMNS}
    for (name, column), pattern in ID_PATTERNS.items():
        values = {row[column] for row in tables[name] if row[column] is not None}
        assert values and all(re.fullmatch(pattern, value) for value in values), (name, column)
    truth = read_csv_file(folder / "_truth" / "persons.csv")[1]
    for column in ("person_id", "contact_id", "user_id", "primary_email"):
        values = [person[column] for person in truth if person[column]]
        assert len(values) == len(set(values)), column
    owners = defaultdict(set)
    for person in truth:
        for anon in person["anonymous_ids"].split(";"):
            owners[anon].add(person["person_id"])
    shared = {anon for anon, people in owners.items() if len(people) > 1}
    assert all(len(owners[anon]) >= 4 for anon in shared)  # only kiosks are shared
    activity_ids = [row["activity_id"] for row in tables["crm_activities"]]
    assert len(activity_ids) == len(set(activity_ids))
    for name, key in (("survey_nps", "response_id"),):
        assert len({row[key] for row in tables[name]}) == len(tables[name])
    accounts = {row["account_id"] for row in tables["crm_accounts"]}
    assert {row["account_id"] for row in tables["crm_deals"] if row["account_id"]} <= accounts
    contacts = {row["contact_id"] for row in tables["crm_contacts"]}
    for name in ("crm_deals", "crm_activities", "crm_orders", "support_tickets"):
        assert {row["contact_id"] for row in tables[name] if row["contact_id"]} <= contacts, name


def test_web_events_look_like_sessions(landing) -> None:
    events = [row for row in landing["web_events"] if "bot" not in row["user_agent"].lower()]
    names = {row["event_name"] for row in events}
    assert names == {
        "page_view", "signup", "login", "demo_request", "add_to_cart", "checkout_started",
        "order_completed", "review_submitted",
    }  # fmt: skip
    mediums = {row["utm_medium"] for row in events if row["utm_medium"]}
    assert {"cpc", "paid_social", "display", "email", "affiliate"} <= mediums
    sources = {row["utm_source"] for row in events if row["utm_source"]}
    assert {"google", "bing", "facebook", "linkedin"} <= sources
    referrers = {row["referrer"] for row in events if row["referrer"] and not row["utm_source"]}
    assert "https://www.google.com/" in referrers and len(referrers) > 5
    by_anon = defaultdict(list)
    for row in deduplicated_events(events):
        by_anon[row["anonymous_id"]].append(row)
    starts = tagged_starts = 0
    for rows in by_anon.values():
        rows.sort(key=lambda row: row["at"])
        previous = None
        for row in rows:
            new_session = previous is None or row["at"] - previous > timedelta(minutes=30)
            tagged = bool(row["utm_source"] or row["referrer"])
            # Attribution fields only ever sit on the first event of a session.
            assert new_session or not tagged, row
            starts += new_session
            tagged_starts += new_session and tagged
            previous = row["at"]
    assert 0.4 < tagged_starts / starts < 0.9
    per_person = len(events) / 2000
    assert 10 < per_person < 40


def test_tiny_and_empty_runs_still_write_every_table(tmp_path) -> None:
    from journey.generate import generate

    for persons in (0, 1, 7):
        folder = tmp_path / str(persons)
        rows = generate(folder, persons=persons, seed=2, progress=False, chunk_persons=3)
        for name in SPEC_COLUMNS:
            header, written = read_table(folder, name)
            assert header == SPEC_COLUMNS[name].split(", ")
            assert len(written) == rows[name]
        truth = read_csv_file(folder / "_truth" / "persons.csv")[1]
        assert len(truth) == persons
        if persons == 0:
            assert sum(rows.values()) == 0


def test_csv_writer_round_trips_tricky_text(tmp_path) -> None:
    from journey.generate.writers import CsvSink

    tricky = ["plain", "a, b", 'say "hi"', "two\nlines", " padded ", None, "Zoë ☕", "x\r\ny"]
    values = [tricky[i % len(tricky)] for i in range(120_001)]  # spans several write slices
    table = pa.table({"id": [str(i) for i in range(len(values))], "text": values})
    sink = CsvSink(tmp_path / "t.csv", table.schema)
    sink.write(table)
    sink.close()
    header, rows = read_csv_file(tmp_path / "t.csv")
    assert header == ["id", "text"]
    assert [row["text"] for row in rows] == values
    assert [row["id"] for row in rows] == table["id"].to_pylist()
