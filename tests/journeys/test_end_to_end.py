"""The demo generator knows each person's truth; the marts must agree with it (SPEC §2–§5)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pandas as pd
import pytest
from dbt_harness import BuildWarehouse, Warehouse

from journey.contract import LANDING_TABLES
from journey.generate import generate

PERSONS = 2000


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse) -> Warehouse:
    raw_dir = tmp_path_factory.mktemp("demo")
    generate(raw_dir, persons=PERSONS, seed=11, fmt="parquet", progress=False)
    return build_warehouse(raw_dir)


@pytest.fixture(scope="module")
def truth(demo: Warehouse) -> pd.DataFrame:
    persons = pd.read_csv(demo.raw_dir / "_truth" / "persons.csv", dtype=str, keep_default_na=False)
    return persons[persons["is_clean"] == "1"]


@pytest.fixture(scope="module")
def identifiers(demo: Warehouse) -> dict[tuple[str, str], str]:
    rows = demo.query(
        "select identifier_type, identifier_value, customer_id from marts.dim_customer_identifiers"
    )
    return {(kind, value): customer for kind, value, customer in rows}


def person_identifiers(person: pd.Series) -> list[tuple[str, str]]:
    found = [("anonymous_id", value) for value in person["anonymous_ids"].split(";") if value]
    for kind, column in (
        ("contact_id", "contact_id"),
        ("user_id", "user_id"),
        ("email", "primary_email"),
    ):
        if person[column]:
            found.append((kind, person[column]))
    return found


@pytest.fixture(scope="module")
def all_persons(demo: Warehouse) -> pd.DataFrame:
    return pd.read_csv(demo.raw_dir / "_truth" / "persons.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def mess(demo: Warehouse) -> dict[str, int]:
    return json.loads((demo.raw_dir / "_truth" / "mess_counts.json").read_text())


def customer_of(person: pd.Series, identifiers: dict[tuple[str, str], str]) -> set[str]:
    """The customers of a person's truth identifiers; every one must be in the mart."""
    keys = person_identifiers(person)
    missing = [key for key in keys if key not in identifiers]
    assert not missing, f"{person['person_id']}: identifiers missing from the mart: {missing}"
    return {identifiers[key] for key in keys}


def test_each_clean_person_is_exactly_one_customer(
    truth: pd.DataFrame, identifiers: dict[tuple[str, str], str]
) -> None:
    customers = [customer_of(person, identifiers) for _, person in truth.iterrows()]
    assert all(len(found) == 1 for found in customers)
    # No two clean people merged into one customer.
    flat = [next(iter(found)) for found in customers]
    assert len(set(flat)) == len(flat)


def test_a_clean_persons_customer_holds_exactly_their_truth_identifiers(
    truth: pd.DataFrame, identifiers: dict[tuple[str, str], str]
) -> None:
    by_customer: dict[str, set[tuple[str, str]]] = {}
    for key, customer in identifiers.items():
        by_customer.setdefault(customer, set()).add(key)
    for _, person in truth.iterrows():
        (customer,) = customer_of(person, identifiers)
        assert by_customer[customer] == set(person_identifiers(person)), person["person_id"]


def test_every_mart_identifier_belongs_to_a_person_of_the_truth(
    all_persons: pd.DataFrame, identifiers: dict[tuple[str, str], str], mess: dict[str, int]
) -> None:
    known = {key for _, person in all_persons.iterrows() for key in person_identifiers(person)}
    strangers = {key for key in identifiers if key not in known}
    # Only team inboxes (shared emails no person owns) are not a person's own identifier; bots
    # add none (SPEC §8).
    assert {kind for kind, _ in strangers} <= {"email"}
    assert len(strangers) <= mess["team_inboxes"]


def test_customer_id_is_md5_of_the_smallest_identifier(
    truth: pd.DataFrame, identifiers: dict[tuple[str, str], str]
) -> None:
    with_contact = truth[truth["contact_id"] != ""]
    assert len(with_contact) > 100
    for _, person in with_contact.iterrows():
        expected = hashlib.md5(f"contact_id:{person['contact_id']}".encode()).hexdigest()
        assert customer_of(person, identifiers) == {expected}


def test_anonymous_visitor_who_signed_up_and_bought_starts_with_an_awareness_session(
    demo: Warehouse, truth: pd.DataFrame, identifiers: dict[tuple[str, str], str]
) -> None:
    journeys = truth[
        (truth["visited_anonymously_before_signup"] == "1")
        & (truth["signed_up"] == "1")
        & (truth["purchased"] == "1")
    ]
    assert len(journeys) > 50
    first_touches = {
        customer: (touchpoint_type, stage)
        for customer, touchpoint_type, stage in demo.query(
            "select customer_id, touchpoint_type, stage from marts.fct_customer_timeline "
            "where touch_sequence = 1"
        )
    }
    purchases = dict(demo.query("select customer_id, first_purchase_at from marts.dim_customers"))
    stages = dict(demo.query("select customer_id, current_stage_rank from marts.dim_customers"))
    for _, person in journeys.iterrows():
        (customer,) = customer_of(person, identifiers)
        assert first_touches[customer] == ("web_session", "awareness")
        expected = datetime.fromisoformat(person["first_purchase_at"].replace("Z", "+00:00"))
        assert purchases[customer] == expected.replace(tzinfo=None)
        assert stages[customer] >= 4


def test_people_who_never_bought_have_no_purchase(
    demo: Warehouse, truth: pd.DataFrame, identifiers: dict[tuple[str, str], str]
) -> None:
    never = truth[truth["purchased"] == "0"]
    purchases = dict(demo.query("select customer_id, first_purchase_at from marts.dim_customers"))
    for _, person in never.iterrows():
        (customer,) = customer_of(person, identifiers)
        assert purchases[customer] is None


def test_nothing_is_lost_and_the_counts_agree_with_the_generator(
    demo: Warehouse, mess: dict[str, int]
) -> None:
    rows = {
        row["table_name"]: row for row in demo.records("select * from marts.agg_row_reconciliation")
    }
    assert len(rows) == len(LANDING_TABLES) and all(row["is_balanced"] for row in rows.values())
    assert all(row["unaccounted_rows"] == 0 for row in rows.values())
    # Repeated deliveries are superseded; every other web row is in a mart or excluded.
    assert rows["web_events"]["superseded_rows"] == mess["duplicate_event_ids"]
    # Change feeds: every older version, plus the tombstone of each deleted contact.
    change_feeds = ("crm_contacts", "crm_accounts", "crm_deals", "crm_orders", "support_tickets")
    superseded = sum(rows[name]["superseded_rows"] for name in change_feeds)
    assert superseded == mess["cdc_versions"] + mess["deleted_contacts"]
    # A deal without contact carries no identifier: quarantined, nothing else in the deals.
    assert rows["crm_deals"]["quarantined_rows"] == mess["deals_without_contact"] > 0
    # Bots (counted by the generator) are excluded, never quarantined or in a mart.
    assert rows["web_events"]["excluded_rows"] >= mess["bot_events"] - mess["duplicate_event_ids"]


def test_bots_make_no_sessions_and_shared_identifiers_are_flagged(
    demo: Warehouse, all_persons: pd.DataFrame, mess: dict[str, int]
) -> None:
    # Bots have their own anonymous ids, none of which a person of the truth owns.
    human = {anon for ids in all_persons["anonymous_ids"] for anon in ids.split(";") if anon}
    events = pd.read_parquet(demo.raw_dir / "web_events.parquet", columns=["anonymous_id"])
    bot_rows = int((~events["anonymous_id"].isin(human)).sum())
    assert bot_rows == mess["bot_events"] > 0
    session_anons = {
        anon for (anon,) in demo.query("select anonymous_id from marts.fct_web_sessions")
    }
    assert session_anons and session_anons <= human
    shared = dict(
        demo.query(
            "select identifier_type, count(*) from marts.dim_customer_identifiers "
            "where is_shared group by 1"
        )
    )
    assert shared == {"anonymous_id": mess["shared_devices"], "email": mess["team_inboxes"]}


def test_sessions_from_the_sites_own_pages_are_direct(
    demo: Warehouse, mess: dict[str, int]
) -> None:
    channels = demo.query(
        "select channel, count(*) from marts.fct_web_sessions "
        "where referrer like 'https://www.brewline.io/%' group by 1"
    )
    assert mess["internal_referrers"] > 0
    assert [channel for channel, _ in channels] == ["direct"]


def test_attribution_credits_balance_on_demo_data(demo: Warehouse) -> None:
    sums = demo.query(
        "select attribution_model, min(total), max(total) from ("
        " select attribution_model, conversion_touchpoint_id, sum(credit) as total"
        " from marts.fct_attribution group by 1, 2) group by 1"
    )
    assert len(sums) == 5
    for _, low, high in sums:
        assert low == pytest.approx(1.0) and high == pytest.approx(1.0)
