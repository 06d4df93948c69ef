"""Every kind of mess is present, and mess_counts.json matches what the files really hold."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from generated_files import CHANGE_FEEDS, TIMESTAMP_COLUMNS, instant, latest_versions

from journey.contract import EMAIL_COLUMNS

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PLAIN_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
BOT = re.compile(r"bot|crawler|spider|headless", re.IGNORECASE)
TRUE = {"true", "t", "1", "yes"}
FALSE = {"false", "f", "0", "no", ""}


def _timestamp_values(landing) -> list[str]:
    """Every non-null value of every timestamp column, as written."""
    return [
        row[column]
        for name, columns in TIMESTAMP_COLUMNS.items()
        for row in landing[name]
        for column in columns
        if row[column] is not None
    ]


@pytest.fixture(scope="module")
def mess(generated) -> dict[str, int]:
    return json.loads((generated(2000) / "_truth" / "mess_counts.json").read_text())


def emails(landing) -> list[str]:
    return [row[column] for table, column in EMAIL_COLUMNS for row in landing[table] if row[column]]


def test_every_mess_kind_is_present(mess) -> None:
    expected = {
        "cdc_versions", "cdc_exact_ties", "deleted_contacts", "email_case_space_variants",
        "invalid_emails", "mixed_offsets", "duplicate_event_ids", "late_events",
        "clock_skew_events", "bot_events", "eur_amounts", "shared_devices", "team_inboxes",
        "blocklisted_emails", "categorical_variants", "server_side_identifies",
        "form_post_identifies", "orders_without_contact", "tickets_without_contact",
        "deals_without_contact", "deals_without_account", "internal_referrers",
        "one_digit_hours", "date_only_timestamps",
    }  # fmt: skip
    assert expected <= set(mess)
    assert {kind: count for kind, count in mess.items() if count <= 0} == {}


def test_change_feed_versions_and_exact_ties(landing, mess) -> None:
    versions = ties = 0
    for name, key in CHANGE_FEEDS.items():
        rows = landing[name]
        versions += len(rows) - len({row[key] for row in rows})
        per_instant = Counter((row[key], instant(row["updated_at"])) for row in rows)
        ties += sum(count > 1 for count in per_instant.values())
    assert versions == mess["cdc_versions"]
    assert ties == mess["cdc_exact_ties"]
    assert versions > 0.3 * sum(len(landing[name]) for name in CHANGE_FEEDS)


def test_deleted_contacts_and_flag_spellings(landing, mess) -> None:
    spellings = Counter(row["is_deleted"] for row in landing["crm_contacts"])
    assert {(s or "").strip().lower() for s in spellings} <= TRUE | FALSE
    assert {"true", "t", "1", "yes", "TRUE", " Yes ", "false", "f", "0", "no", None} <= set(
        spellings
    )
    latest = latest_versions(landing["crm_contacts"], "contact_id").values()
    deleted = sum((row["is_deleted"] or "").strip().lower() in TRUE for row in latest)
    assert deleted == mess["deleted_contacts"]
    assert deleted < 0.05 * len(latest)


def test_email_spellings(landing, mess) -> None:
    values = emails(landing)
    normalised = [value.strip().lower() for value in values]
    valid = [EMAIL.match(email) is not None for email in normalised]
    variants = sum(
        ok and raw != email for raw, email, ok in zip(values, normalised, valid, strict=True)
    )
    invalid = [raw for raw, ok in zip(values, valid, strict=True) if not ok]
    blocked = sum(
        ok and (email.endswith("@example.com") or email.startswith("test@"))
        for email, ok in zip(normalised, valid, strict=True)
    )
    assert variants == mess["email_case_space_variants"]
    assert len(invalid) == mess["invalid_emails"]
    assert blocked == mess["blocklisted_emails"]
    assert variants < 0.2 * len(values) and len(invalid) < 0.02 * len(values)
    assert any("@" not in value for value in invalid)
    assert any("@@" in value for value in invalid)
    assert any(value.strip().endswith("@") for value in invalid)
    assert any(value.count("@") == 1 and "." not in value.split("@")[1] for value in invalid)
    assert any(value != value.strip() for value in values)
    assert any(value.strip() != value.strip().lower() for value in values)


def test_timestamp_spellings_keep_the_instant(landing, mess) -> None:
    values = _timestamp_values(landing)
    unusual = [value for value in values if not PLAIN_UTC.match(value)]
    assert len(unusual) == mess["mixed_offsets"]
    assert len(unusual) < 0.15 * len(values)
    for marker in ("+02:00", "-05:00", "+05:30"):
        assert any(value.endswith(marker) for value in unusual), marker
    assert any(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$", v) for v in unusual)
    assert any(re.search(r"\.\d{6}(Z|[+-]\d\d:\d\d)?$", value) for value in unusual)
    # An offset spelling is the same instant: a duplicated event keeps its event_at instant.
    by_id: dict[str, set] = defaultdict(set)
    for row in landing["web_events"]:
        by_id[row["event_id"]].add(instant(row["event_at"]))
    assert all(len(moments) == 1 for moments in by_id.values())


def test_delivery_mess_in_web_events(landing, mess) -> None:
    events = landing["web_events"]
    ids = Counter(row["event_id"] for row in events)
    assert len(events) - len(ids) == mess["duplicate_event_ids"]
    first_received: dict[str, object] = {}
    for row in events:
        received = instant(row["received_at"])
        first_received[row["event_id"]] = min(
            first_received.get(row["event_id"], received), received
        )
    redelivered = [row for row in events if ids[row["event_id"]] > 1]
    assert any(instant(row["received_at"]) > first_received[row["event_id"]] for row in redelivered)
    gaps = [instant(row["received_at"]) - instant(row["event_at"]) for row in events]
    assert sum(gap >= timedelta(days=1) for gap in gaps) == mess["late_events"]
    assert sum(gap < -timedelta(hours=1) for gap in gaps) == mess["clock_skew_events"]
    assert mess["late_events"] + mess["clock_skew_events"] < 0.1 * len(events)


def test_bots_have_their_own_anonymous_ids(landing, mess) -> None:
    events = landing["web_events"]
    bots = [row for row in events if BOT.search(row["user_agent"])]
    assert len(bots) == mess["bot_events"]
    assert len(bots) < 0.1 * len(events)
    bot_ids = {row["anonymous_id"] for row in bots}
    humans = {row["anonymous_id"] for row in events if not BOT.search(row["user_agent"])}
    assert not bot_ids & humans
    assert all(row["user_id"] is None for row in bots)
    agents = " ".join(row["user_agent"] for row in bots)
    for marker in ("Googlebot", "bingbot", "HeadlessChrome", "spider", "Crawler"):
        assert marker in agents


def test_second_currency(landing, mess) -> None:
    currencies = [row["currency"] for name in ("crm_orders", "crm_deals") for row in landing[name]]
    assert {c.strip().upper() for c in currencies} == {"USD", "EUR"}
    assert sum(c.strip().lower() == "eur" for c in currencies) == mess["eur_amounts"]
    assert any(c != c.strip().upper() for c in currencies)
    assert mess["eur_amounts"] < 0.4 * len(currencies)


def test_shared_devices_and_team_inboxes(landing, mess) -> None:
    users_per_anon: dict[str, set] = defaultdict(set)
    for row in landing["web_identifies"]:
        if row["user_id"] and row["anonymous_id"]:
            users_per_anon[row["anonymous_id"]].add(row["user_id"])
    for row in landing["web_events"]:
        if row["user_id"] and not BOT.search(row["user_agent"]):
            users_per_anon[row["anonymous_id"]].add(row["user_id"])
    assert sum(len(users) > 3 for users in users_per_anon.values()) == mess["shared_devices"]

    contacts_per_email: dict[str, set] = defaultdict(set)
    for name, column in (
        ("crm_contacts", "email"),
        ("crm_orders", "email"),
        ("support_tickets", "requester_email"),
    ):
        for row in landing[name]:
            if row[column] and row["contact_id"]:
                contacts_per_email[row[column].strip().lower()].add(row["contact_id"])
    shared = [email for email, contacts in contacts_per_email.items() if len(contacts) > 3]
    assert len(shared) == mess["team_inboxes"]
    assert all(EMAIL.match(email) for email in shared)


def test_categorical_variants_keep_their_meaning(landing, mess) -> None:
    columns = (
        ("crm_deals", "deal_stage"),
        ("crm_orders", "status"),
        ("crm_activities", "activity_type"),
    )
    values = [row[column] for name, column in columns for row in landing[name]]
    assert sum(value != value.strip().lower() for value in values) == mess["categorical_variants"]
    assert {row["status"].strip().lower() for row in landing["crm_orders"]} == {
        "completed", "refunded", "cancelled", "pending",
    }  # fmt: skip
    assert {row["activity_type"].strip().lower() for row in landing["crm_activities"]} == {
        "email_sent", "email_opened", "email_clicked", "webinar_attended", "call", "meeting",
    }  # fmt: skip
    stages = {row["deal_stage"] for row in landing["crm_deals"]}
    assert {"closed_won", "closed_lost"} <= {stage.strip().lower() for stage in stages}
    assert any(stage.strip().lower() == "closed_won" and stage != "closed_won" for stage in stages)
    assert any(row["status"] == "Completed" for row in landing["crm_orders"])


def test_valid_shapes_spec_allows_are_written_and_counted(landing, mess) -> None:
    """SPEC §2, §3, §8 shapes, counted on the rows as written."""
    identifies = landing["web_identifies"]
    server_side = [row for row in identifies if row["anonymous_id"] is None and row["user_id"]]
    assert len(server_side) == mess["server_side_identifies"]
    form_posts = [
        row for row in identifies if row["anonymous_id"] and row["user_id"] is None and row["email"]
    ]
    assert len(form_posts) == mess["form_post_identifies"]
    for name, kind in (("crm_orders", "orders_without_contact"),
                       ("support_tickets", "tickets_without_contact")):  # fmt: skip
        assert sum(row["contact_id"] is None for row in landing[name]) == mess[kind]
    deals: dict[str, list] = defaultdict(list)
    for row in landing["crm_deals"]:
        deals[row["deal_id"]].append(row)
    without_contact = [
        rows for rows in deals.values() if all(r["contact_id"] is None for r in rows)
    ]
    assert len(without_contact) == mess["deals_without_contact"]
    # Only lost deals lose their contact, so no purchase in the truth depends on them.
    assert all(rows[-1]["deal_stage"].strip().lower() == "closed_lost" for rows in without_contact)
    without_account = [
        rows for rows in deals.values() if all(r["account_id"] is None for r in rows)
    ]
    assert len(without_account) == mess["deals_without_account"] > len(without_contact)
    internal = [
        row
        for row in landing["web_events"]
        if (row["referrer"] or "").startswith("https://www.brewline.io/")
    ]
    assert len(internal) == mess["internal_referrers"]
    assert all(row["utm_source"] is None and row["utm_medium"] is None for row in internal)
    values = _timestamp_values(landing)
    one_digit = [v for v in values if re.match(r"^\d{4}-\d\d-\d\d[T ]\d:", v)]
    assert len(one_digit) == mess["one_digit_hours"]
    date_only = [v for v in values if re.match(r"^\d{4}-\d\d-\d\d$", v)]
    assert len(date_only) == mess["date_only_timestamps"]
