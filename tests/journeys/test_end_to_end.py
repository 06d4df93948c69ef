"""The demo generator knows each person's truth; the marts must agree with it (SPEC §2–§5)."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pandas as pd
import pytest
from dbt_harness import BuildWarehouse, Warehouse

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


def customer_of(person: pd.Series, identifiers: dict[tuple[str, str], str]) -> set[str]:
    return {identifiers[key] for key in person_identifiers(person) if key in identifiers}


def test_each_clean_person_is_exactly_one_customer(
    truth: pd.DataFrame, identifiers: dict[tuple[str, str], str]
) -> None:
    customers = [customer_of(person, identifiers) for _, person in truth.iterrows()]
    assert all(len(found) == 1 for found in customers)
    # No two clean people merged into one customer.
    flat = [next(iter(found)) for found in customers]
    assert len(set(flat)) == len(flat)


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


def test_nothing_is_lost_on_demo_data(demo: Warehouse) -> None:
    rows = demo.records("select * from marts.agg_row_reconciliation")
    assert len(rows) == 9 and all(row["is_balanced"] for row in rows)
    assert sum(row["superseded_rows"] for row in rows) > 0


def test_bots_make_no_sessions_and_shared_devices_are_flagged(demo: Warehouse) -> None:
    bot_sessions = demo.query(
        "select count(*) from marts.fct_web_sessions as sessions "
        "inner join staging.stg_web__events as events on sessions.first_event_id = events.event_id "
        "where events.is_bot"
    )
    assert bot_sessions == [(0,)]
    shared = demo.query(
        "select identifier_type, count(*) from marts.dim_customer_identifiers "
        "where is_shared group by 1 order by 1"
    )
    assert {kind for kind, _ in shared} == {"anonymous_id", "email"}


def test_attribution_credits_balance_on_demo_data(demo: Warehouse) -> None:
    sums = demo.query(
        "select attribution_model, min(total), max(total) from ("
        " select attribution_model, conversion_touchpoint_id, sum(credit) as total"
        " from marts.fct_attribution group by 1, 2) group by 1"
    )
    assert len(sums) == 5
    for _, low, high in sums:
        assert low == pytest.approx(1.0) and high == pytest.approx(1.0)
