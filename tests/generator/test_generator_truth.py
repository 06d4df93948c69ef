"""The truth files agree with the landing tables, read back the way the contract reads them."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta

from generated_files import (
    CHANGE_FEEDS,
    TIMESTAMP_COLUMNS,
    Rows,
    deduplicated_events,
    instant,
    latest_versions,
)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BOT = re.compile(r"bot|crawler|spider|headless", re.IGNORECASE)
TRUE = {"true", "t", "1", "yes"}


def usable_email(value: str | None) -> str | None:
    if value is None:
        return None
    email = value.strip().lower()
    if not EMAIL.match(email) or email.endswith("@example.com") or email.startswith("test@"):
        return None
    return email


def components(landing: dict[str, Rows]) -> dict[tuple[str, str], tuple[str, str]]:
    """Identity resolution as the contract defines it: connected components of current rows,
    without blocklisted/invalid emails and without shared emails or anonymous ids."""
    edges: list[tuple[tuple[str, str], tuple[str, str]]] = []

    def link(a_type: str, a: str | None, b_type: str, b: str | None) -> None:
        if a is not None and b is not None:
            edges.append(((a_type, a), (b_type, b)))

    for contact in latest_versions(landing["crm_contacts"], "contact_id").values():
        if (contact["is_deleted"] or "").strip().lower() not in TRUE:
            link("contact_id", contact["contact_id"], "email", usable_email(contact["email"]))
    for order in latest_versions(landing["crm_orders"], "order_id").values():
        link("contact_id", order["contact_id"], "email", usable_email(order["email"]))
    for ticket in latest_versions(landing["support_tickets"], "ticket_id").values():
        link("contact_id", ticket["contact_id"], "email", usable_email(ticket["requester_email"]))
    for row in landing["web_identifies"]:
        email = usable_email(row["email"])
        link("anonymous_id", row["anonymous_id"], "user_id", row["user_id"])
        link("user_id", row["user_id"], "email", email)
        link("anonymous_id", row["anonymous_id"], "email", email)
    for row in deduplicated_events(landing["web_events"]):
        if not BOT.search(row["user_agent"] or ""):
            link("anonymous_id", row["anonymous_id"], "user_id", row["user_id"])

    neighbours: dict[tuple[str, str], set] = defaultdict(set)
    for a, b in edges:
        for node, other in ((a, b), (b, a)):
            if other[0] in ("user_id", "contact_id"):
                neighbours[node].add(other)
    shared = {
        n
        for n, others in neighbours.items()
        if n[0] in ("email", "anonymous_id") and len(others) > 3
    }

    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        find(a), find(b)
        if a not in shared and b not in shared:
            parent[find(a)] = find(b)
    return {node: find(node) for node in list(parent)}


def identifiers(person: dict) -> list[tuple[str, str]]:
    ids = [("anonymous_id", anon) for anon in (person["anonymous_ids"] or "").split(";") if anon]
    for kind, column in (
        ("contact_id", "contact_id"),
        ("user_id", "user_id"),
        ("email", "primary_email"),
    ):
        if person[column]:
            ids.append((kind, person[column]))
    return ids


def test_every_clean_person_is_exactly_one_resolved_customer(landing, persons_truth) -> None:
    component = components(landing)
    owner: dict[tuple[str, str], str] = {}
    clean = [p for p in persons_truth if p["is_clean"] == "1"]
    assert len(clean) > 0.8 * len(persons_truth)
    for person in clean:
        roots = {component.get(node, node) for node in identifiers(person)}
        assert len(roots) == 1, person
        root = roots.pop()
        assert owner.setdefault(root, person["person_id"]) == person["person_id"]


def test_first_event_and_signup_facts_match_the_web_events(landing, persons_truth) -> None:
    events_by_anon: dict[str, list[dict]] = defaultdict(list)
    for row in deduplicated_events(landing["web_events"]):
        events_by_anon[row["anonymous_id"]].append(row)
    checked = 0
    for person in persons_truth:
        if person["is_clean"] != "1":
            continue
        events = [e for anon in person["anonymous_ids"].split(";") for e in events_by_anon[anon]]
        assert min(e["at"] for e in events) == instant(person["first_event_at"])
        signups = [e for e in events if e["event_name"] == "signup"]
        assert (person["signed_up"] == "1") == bool(signups)
        assert (person["user_id"] is not None) == bool(signups)
        if signups:
            assert {e["user_id"] for e in signups} == {person["user_id"]}
            signed_at = min(e["at"] for e in signups)
            anonymous = any(e["user_id"] is None and e["at"] < signed_at for e in events)
            assert person["visited_anonymously_before_signup"] == str(int(anonymous))
        else:
            assert person["visited_anonymously_before_signup"] == "0"
        checked += 1
    assert checked > 1000


def test_truth_mixes_journeys(persons_truth) -> None:
    share = lambda column: sum(p[column] == "1" for p in persons_truth) / len(persons_truth)  # noqa: E731
    assert 0.45 < share("signed_up") < 0.65
    assert 0.15 < share("purchased") < 0.45
    assert 0.2 < share("visited_anonymously_before_signup") < share("signed_up")
    assert 0.02 < 1 - share("is_clean") < 0.2


def test_purchases_match_orders_and_won_deals(landing, persons_truth) -> None:
    bought_at: dict[tuple[str, str], list] = defaultdict(list)
    for order in latest_versions(landing["crm_orders"], "order_id").values():
        if order["status"].strip().lower() in ("completed", "refunded"):
            if order["contact_id"]:
                bought_at[("contact_id", order["contact_id"])].append(instant(order["ordered_at"]))
            if usable_email(order["email"]):
                bought_at[("email", usable_email(order["email"]))].append(
                    instant(order["ordered_at"])
                )
    for deal in latest_versions(landing["crm_deals"], "deal_id").values():
        if deal["deal_stage"].strip().lower() == "closed_won":
            bought_at[("contact_id", deal["contact_id"])].append(instant(deal["closed_at"]))
    contacts = {c["contact_id"] for c in landing["crm_contacts"]}
    for person in persons_truth:
        if person["is_clean"] != "1":
            continue
        if person["contact_id"]:
            assert person["contact_id"] in contacts
        moments = [
            moment
            for key in (("contact_id", person["contact_id"]), ("email", person["primary_email"]))
            for moment in bought_at.get(key, [])
        ]
        assert (person["purchased"] == "1") == bool(moments), person
        if moments:
            assert instant(person["first_purchase_at"]) == min(moments)
            assert instant(person["first_purchase_at"]) >= instant(person["first_event_at"])


def test_every_timestamp_is_iso_8601_within_the_fixed_window(landing) -> None:
    for name, columns in TIMESTAMP_COLUMNS.items():
        for row in landing[name]:
            for column in columns:
                if row[column] is not None:
                    moment = instant(row[column])
                    assert 2024 <= moment.year <= 2026, (name, column, row[column])


def test_change_feed_versions_move_forward(landing) -> None:
    for name, key in CHANGE_FEEDS.items():
        born = "ordered_at" if name == "crm_orders" else "created_at"
        created: dict[str, set] = defaultdict(set)
        for row in landing[name]:
            created[row[key]].add(instant(row[born]))
            assert instant(row["updated_at"]) >= instant(row[born]) - timedelta(minutes=10)
        assert all(len(moments) == 1 for moments in created.values()), name
