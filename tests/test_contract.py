"""The Python landing contract and the dbt sources declare the same tables and columns."""

from __future__ import annotations

from pathlib import Path

import yaml

from journey.contract import LANDING_COLUMNS

PROJECT_DIR = Path(__file__).resolve().parent.parent


def dbt_landing_sources() -> dict[str, tuple[str, ...]]:
    declared: dict[str, tuple[str, ...]] = {}
    for path in sorted((PROJECT_DIR / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                identifier = table.get("identifier", table["name"])
                if str(source.get("schema", "")).startswith(
                    "landing"
                ) and not identifier.startswith("_"):
                    declared[identifier] = tuple(column["name"] for column in table["columns"])
    return declared


def test_dbt_sources_declare_exactly_the_landing_contract() -> None:
    assert dbt_landing_sources() == dict(LANDING_COLUMNS)


def test_contract_has_the_nine_landing_tables_and_the_optional_erasure_requests() -> None:
    from journey.contract import REQUIRED_LANDING_TABLES, TABLES

    assert len(REQUIRED_LANDING_TABLES) == 9
    assert set(LANDING_COLUMNS) - set(REQUIRED_LANDING_TABLES) == {"erasure_requests"}
    assert TABLES["erasure_requests"].optional and not TABLES["erasure_requests"].identifiers
    assert all(len(set(columns)) == len(columns) for columns in LANDING_COLUMNS.values())


def test_generator_event_codes_index_the_contract_event_names() -> None:
    from journey.contract import EVENT_NAMES
    from journey.generate import sessions

    codes = {
        "page_view": sessions.PAGE_VIEW,
        "signup": sessions.SIGNUP_EVENT,
        "login": sessions.LOGIN_EVENT,
        "demo_request": sessions.DEMO_EVENT,
        "add_to_cart": sessions.CART_EVENT,
        "checkout_started": sessions.CHECKOUT_EVENT,
        "order_completed": sessions.ORDER_EVENT,
        "review_submitted": sessions.REVIEW_EVENT,
    }
    assert {name: EVENT_NAMES[code] for name, code in codes.items()} == {n: n for n in codes}


def test_dbt_registry_macro_is_generated_from_the_contract() -> None:
    from journey.contract import DBT_MACRO_PATH, render_dbt_macro

    assert DBT_MACRO_PATH.read_text() == render_dbt_macro(), (
        "macros/landing/journey_landing_registry.sql is out of date: "
        "run `python -m journey.contract`"
    )


def test_registry_fields_name_columns_of_their_own_table() -> None:
    from journey.contract import IDENTIFIER_TYPES, REGISTRY

    for table in REGISTRY:
        named = (
            set(table.required)
            | set(table.timestamps)
            | set(table.numbers)
            | set(table.emails)
            | set(table.categories)
            | {column for _, column in table.identifiers}
            | {table.placed_by}
            | ({table.key} if table.key else set())
        )
        assert named <= set(table.columns), (table.name, named - set(table.columns))
        # A count is a number with a narrower range: the raw checks and the base models read
        # `integers` only among `numbers`.
        assert set(table.integers) <= set(table.numbers), table.name
        assert table.placed_by in table.required and table.placed_by in table.timestamps
        if table.key:
            assert table.key in table.required
        assert not table.has_deletes or table.change_feed
        types = {identifier_type for identifier_type, _ in table.identifiers}
        assert types <= set(IDENTIFIER_TYPES)
        assert {end for link in table.links for end in link} <= types


def test_repeated_keys_have_one_meaning_per_table() -> None:
    from journey.contract import REGISTRY

    for table in REGISTRY:
        assert table.repeats in {"latest_version", "earliest_delivery", "first_occurrence", "none"}
        assert (table.repeats == "latest_version") == table.change_feed, table.name
        assert (table.repeats == "none") == (table.key is None), table.name


def test_a_count_is_a_number_within_the_integer_range() -> None:
    from journey.contract import parses_as_number

    assert parses_as_number("1e12") and not parses_as_number("1e12", integer=True)
    assert parses_as_number(" 2147483647 ", integer=True)
    assert not parses_as_number("-2147483648", integer=True)
    assert not parses_as_number("many", integer=True)
