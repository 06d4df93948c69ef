"""Every suite passes on good data; every blocking expectation fails, alone, when exactly its
column is broken; and the shapes SPEC calls valid never block."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from expectations import raw, thresholds
from expectations.checks import SuiteSpec
from expectations.runner import SUITES, suite, validate_frame
from expectations.verdict import FAILED, NOTHING_TO_CHECK, PASSED
from journey.contract import TABLES

Breaker = Callable[[pd.DataFrame], pd.DataFrame]
Target = tuple[str, str, str | None]  # (suite, expectation type, column)


def _half(frame: pd.DataFrame) -> pd.Series:
    """A mask over every other row: far beyond any `mostly` a blocking expectation allows."""
    return pd.Series(np.arange(len(frame)) % 2 == 0, index=frame.index)


def _set(column: str, value: object) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        frame[column] = frame[column].astype(object)
        frame.loc[_half(frame), column] = value
        return frame

    return breaker


def _blocking_targets(spec: SuiteSpec) -> list[Target]:
    targets = []
    for expectation in spec.build_suite().expectations:
        config = expectation.configuration
        kwargs = config.kwargs
        column = kwargs.get("column") or (
            f"{kwargs['column_A']}, {kwargs['column_B']}" if "column_A" in kwargs else None
        )
        targets.append((spec.name, config.type, column))
    return targets


def _raw_breaker(table: str, kind: str, column: str | None) -> Breaker:
    """Breaks exactly the column the raw contract expectation reads."""
    contract = TABLES[table]
    if kind == "expect_table_columns_to_match_set":
        # A column no other blocking expectation reads.
        used = {*contract.required, *contract.timestamps, *contract.numbers, contract.key}
        spare = next(name for name in contract.columns if name not in used)
        return lambda frame: frame.drop(columns=[spare])
    assert column is not None
    if kind == "expect_column_values_to_not_be_null":
        return _set(column, None)
    if kind == "expect_column_values_to_match_regex" and column.endswith("__as_timestamp"):
        return _set(column.removesuffix("__as_timestamp"), "31/12/2024 10:00")
    if kind == "expect_column_values_to_match_regex" and column.endswith("__as_number"):
        return _set(column.removesuffix("__as_number"), "1,000.50")
    if kind == "expect_column_values_to_be_unique":
        return _set(column, "DUPLICATE")
    raise AssertionError(f"no breaker for {kind} on {table}.{column}")


def _swap(first: str, second: str) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        frame[[first, second]] = frame[[second, first]].to_numpy()
        return frame

    return breaker


def _first_row(column: str, value: object) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        frame[column] = frame[column].astype(object)
        frame.loc[frame.index[0], column] = value
        return frame

    return breaker


# Blocking mart expectations: (suite, type, column) -> how to break exactly that column.
MART_BREAKERS: dict[Target, Breaker] = {
    (
        "mart_dim_customers",
        "expect_column_max_to_be_between",
        "person_identifier_count",
    ): _first_row("person_identifier_count", 500),
    (
        "mart_dim_customer_identifiers",
        "expect_column_values_to_match_regex",
        "identifier_value",
    ): lambda frame: frame.replace({"a@mail.com": "a-at-mail"}),
    (
        "mart_fct_touchpoints",
        "expect_column_values_to_be_in_set",
        "check__stage_matches_rank",
    ): _first_row("stage_rank", 3),
    (
        "mart_fct_web_sessions",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "ended_at, started_at",
    ): _swap("started_at", "ended_at"),
    (
        "mart_fct_web_sessions",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "event_count, page_view_count",
    ): _first_row("page_view_count", 10),
    (
        "mart_fct_customer_stages",
        "expect_column_values_to_be_in_set",
        "check__stage_matches_rank",
    ): _first_row("stage_rank", 5),
    (
        "mart_fct_customer_stages",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "exited_at, entered_at",
    ): _first_row("exited_at", pd.Timestamp("2000-01-01")),
    (
        "mart_fct_customer_timeline",
        "expect_column_values_to_be_between",
        "days_since_previous_touch",
    ): _first_row("days_since_previous_touch", -1.0),
    (
        "mart_agg_journey_funnel",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "cohort_customers, customers_reached",
    ): _first_row("customers_reached", 2),
    (
        "mart_agg_journey_funnel",
        "expect_column_values_to_be_between",
        "step_conversion_rate",
    ): lambda frame: frame.assign(step_conversion_rate=[None, 1.5, None]),
}

BLOCKING: list[Target] = [
    target for spec in SUITES if spec.severity == "error" for target in _blocking_targets(spec)
]


def _breaker(target: Target) -> Breaker:
    spec = suite(target[0])
    if spec.layer == "raw":
        return _raw_breaker(spec.table, target[1], target[2])
    return MART_BREAKERS[target]


@pytest.fixture
def table_of(raw_frame, mart_frame) -> Callable[[SuiteSpec], pd.DataFrame]:
    return lambda spec: raw_frame(spec.table) if spec.layer == "raw" else mart_frame(spec.table)


def _fresh_after(spec: SuiteSpec, good: pd.DataFrame):
    """The bound run_suites would set if the good table were the newest in the folder."""
    if spec.freshness_column is None:
        return None
    latest = spec.prepare(good)[spec.freshness_column].max()
    return latest - timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])


@pytest.mark.parametrize("name", [spec.name for spec in SUITES])
def test_suite_passes_on_good_data(name: str, table_of) -> None:
    spec = suite(name)
    good = table_of(spec)
    outcome = validate_frame(
        spec, good, fresh_after=_fresh_after(spec, good), previous_rows=len(good)
    )
    assert outcome.status == PASSED, outcome.message()
    assert outcome.evaluated == len(spec.build_suite().expectations) > 0
    assert outcome.passed == outcome.evaluated
    assert outcome.rows == len(good)


def test_every_blocking_mart_expectation_has_a_breaker() -> None:
    assert {target for target in BLOCKING if target[0].startswith("mart_")} == set(MART_BREAKERS)


@pytest.mark.parametrize("target", BLOCKING, ids=lambda target: "/".join(map(str, target)))
def test_breaking_a_column_fails_exactly_its_blocking_expectation(target: Target, table_of) -> None:
    spec = suite(target[0])
    broken = _breaker(target)(table_of(spec))
    outcome = validate_frame(spec, broken)
    assert outcome.status == FAILED
    failed = [(spec.name, failure.expectation, failure.column) for failure in outcome.failed]
    assert failed == [target], outcome.message()


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("2021-02-30 10:00:00", "created_at"),  # the pattern fits, the calendar does not
        ("infinity", "created_at"),
        ("epoch", "created_at"),
        ("2024-01-01 10:00 Europe/Berlin", "created_at"),
        ("NaN", "amount"),
        ("1e400", "amount"),
        ("1_000", "amount"),
        ("-Infinity", "amount"),
    ],
)
def test_the_gate_refuses_what_the_warehouse_does_not_parse(
    value: str, column: str, raw_frame
) -> None:
    outcome = validate_frame(suite("raw_crm_deals"), _set(column, value)(raw_frame("crm_deals")))
    suffix = "__as_timestamp" if column.endswith("_at") else "__as_number"
    assert [(f.expectation, f.column) for f in outcome.failed] == [
        ("expect_column_values_to_match_regex", column + suffix)
    ]
    assert repr(value) in outcome.failed[0].observed or value in outcome.failed[0].observed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12-30 3:15:52", "2020-12-30 03:15:52"),
        ("2020-12-30", "2020-12-30 00:00:00"),
        ("2020-12-30T23:15:52.123456789Z", "2020-12-30 23:15:52.123456"),
        ("2020-12-30T01:00:00+02:00", "2020-12-29 23:00:00"),
        ("2020-12-30 01:00:00-0130", "2020-12-30 02:30:00"),
        ("2020-12-30 01:00:00 UTC", "2020-12-30 01:00:00"),
        ("2021-02-29", None),
        ("2020-12-30 25:00:00", None),
        ("infinity", None),
        ("30/12/2020", None),
    ],
)
def test_timestamps_read_as_the_contract_says(text: str, expected: str | None) -> None:
    reading = raw.read_timestamp(text)
    assert (None if reading is None else str(reading)) == expected


def test_numbers_read_as_the_contract_says() -> None:
    assert raw.read_number("-12.50") == -12.5
    assert raw.read_number("1e3") == 1000.0
    for text in ("NaN", "inf", "1e400", "1_000", "1,000", "12 EUR", ""):
        assert raw.read_number(text) is None, text
    # A count column also keeps to the integer range.
    assert raw.read_count("2147483647") == 2147483647.0
    assert raw.read_number("1e12") == 1e12
    for text in ("1e12", "-2147483648", "many"):
        assert raw.read_count(text) is None, text


def _without(column: str, share: float = 1.0) -> Breaker:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        mask = pd.Series(np.arange(len(frame)) < round(len(frame) * share), index=frame.index)
        frame[column] = frame[column].astype(object).where(~mask, None)
        return frame

    return change


def _reformat(column: str, how: Callable[[pd.Timestamp], str]) -> Breaker:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        parsed = raw.with_readings(frame, TABLES["crm_orders"])[raw.utc(column)]
        frame[column] = parsed.map(lambda value: how(value) if pd.notna(value) else None)
        return frame

    return change


# Shapes SPEC §1/§2/§8 call valid: none may fail a blocking expectation.
VALID_SHAPES: dict[str, tuple[str, Breaker]] = {
    "identifies_without_anonymous_id": ("web_identifies", _without("anonymous_id", 0.3)),
    "form_posts_without_user_id": ("web_identifies", _without("user_id", 0.5)),
    "identifies_all_links_empty_but_one": ("web_identifies", _without("email")),
    "orders_without_contact_id": ("crm_orders", _without("contact_id")),
    "tickets_without_contact_id": ("support_tickets", _without("contact_id")),
    "accounts_without_employee_count": ("crm_accounts", _without("employee_count")),
    "deals_without_closed_at": ("crm_deals", _without("closed_at")),
    "deals_without_amount": ("crm_deals", _without("amount")),
    "tickets_without_first_response_at": ("support_tickets", _without("first_response_at")),
    "events_without_user_id": ("web_events", _without("user_id")),
    "events_without_received_at": ("web_events", _without("received_at")),
    "one_digit_hours": (
        "crm_orders",
        _reformat("ordered_at", lambda at: f"{at:%Y-%m-%d} {at.hour}:{at:%M:%S}"),
    ),
    "dates_without_time": ("crm_orders", _reformat("ordered_at", lambda at: f"{at:%Y-%m-%d}")),
    "replayed_change_feed": ("support_tickets", lambda frame: pd.concat([frame] * 3)),
}


@pytest.mark.parametrize("shape", sorted(VALID_SHAPES))
def test_valid_shapes_never_block(shape: str, raw_frame) -> None:
    table, change = VALID_SHAPES[shape]
    outcome = validate_frame(suite(f"raw_{table}"), change(raw_frame(table)))
    assert outcome.success, outcome.message()
    assert outcome.status in (PASSED, NOTHING_TO_CHECK)


def test_an_all_empty_optional_column_has_nothing_to_check(raw_frame) -> None:
    outcome = validate_frame(suite("raw_crm_deals"), _without("closed_at")(raw_frame("crm_deals")))
    assert outcome.success and outcome.status == PASSED
    assert [(u.expectation, u.column) for u in outcome.unchecked] == [
        ("expect_column_values_to_match_regex", "closed_at__as_timestamp")
    ]
    assert outcome.passed == outcome.evaluated - 1
    assert "nothing to check" in outcome.message()


def test_an_all_empty_required_column_blocks(raw_frame) -> None:
    outcome = validate_frame(
        suite("raw_crm_orders"), _without("ordered_at")(raw_frame("crm_orders"))
    )
    assert [(f.expectation, f.column) for f in outcome.failed] == [
        ("expect_column_values_to_not_be_null", "ordered_at")
    ]
    rows = len(raw_frame("crm_orders"))
    assert outcome.failed[0].observed == f"{rows:,} of {rows:,} rows empty (100.0%)"


# Warning suites: (how to break the table, the expectation and column that must catch it).
PROFILE_BREAKERS: dict[str, tuple[Breaker, str, str]] = {
    "raw_crm_contacts_profile": (
        _set("email", "jane.doe.example.com"),
        "expect_column_values_to_match_regex",
        "email__normalised",
    ),
    "raw_crm_orders_profile": (
        _set("status", "done"),
        "expect_column_values_to_be_in_set",
        "status__normalised",
    ),
    "raw_web_events_profile": (
        _swap("event_at", "received_at"),
        "expect_column_pair_values_a_to_be_greater_than_b",
        "received_at__utc, event_at__utc",
    ),
    "raw_support_tickets_profile": (
        lambda frame: pd.concat([frame] * 3),
        "expect_compound_columns_to_be_unique",
        "ticket_id, updated_at",
    ),
    "raw_survey_nps_profile": (
        _set("score", "42"),
        "expect_column_values_to_be_between",
        "score__value",
    ),
    "raw_web_identifies_profile": (
        lambda frame: frame.assign(anonymous_id=None, user_id=None, email=None),
        "expect_column_values_to_be_in_set",
        "check__row_has_identifier",
    ),
    "mart_dim_customers_profile": (
        lambda frame: frame.assign(identifier_count=1),
        "expect_column_mean_to_be_between",
        "check__has_several_identifiers",
    ),
    "mart_dim_customer_identifiers_profile": (
        lambda frame: frame.assign(is_shared=True),
        "expect_column_values_to_be_in_set",
        "is_shared",
    ),
    "mart_fct_touchpoints_profile": (
        lambda frame: frame.assign(channel=[None] * 5 + ["direct"]),
        "expect_column_values_to_not_be_null",
        "channel",
    ),
    "mart_fct_attribution_profile": (
        lambda frame: frame.assign(channel="unattributed"),
        "expect_column_mean_to_be_between",
        "check__conversion_is_unattributed",
    ),
    "mart_agg_row_reconciliation_profile": (
        _first_row("quarantined_rows", 52),
        "expect_column_values_to_be_between",
        "check__quarantined_share",
    ),
}


@pytest.mark.parametrize("name", sorted(PROFILE_BREAKERS))
def test_profile_warns_on_its_bad_fixture(name: str, table_of) -> None:
    spec = suite(name)
    breaker, expectation, column = PROFILE_BREAKERS[name]
    good = table_of(spec)
    outcome = validate_frame(spec, breaker(good.copy()), fresh_after=_fresh_after(spec, good))
    assert spec.severity == "warn"
    assert (expectation, column) in {(f.expectation, f.column) for f in outcome.failed}, (
        outcome.message()
    )


def test_raw_volume_is_compared_with_the_previous_run(raw_frame) -> None:
    spec = suite("raw_crm_contacts_profile")
    contacts = raw_frame("crm_contacts")
    first = validate_frame(spec, contacts, previous_rows=None)
    assert [u.column for u in first.unchecked] == [None]
    assert "no previous run" in first.unchecked[0].observed

    halved = validate_frame(spec, contacts.iloc[: len(contacts) // 3], previous_rows=len(contacts))
    (failure,) = halved.failed
    assert failure.expectation == "expect_table_row_count_to_be_between"
    low = int(len(contacts) * thresholds.VOLUME_CHANGE[0])
    assert failure.observed.startswith(f"{len(contacts) // 3:,} rows (expected between {low:,}")


def test_messages_never_say_nan(raw_frame) -> None:
    identifies = _without("identified_at", 0.4)(raw_frame("web_identifies"))
    identifies = _set("email", "not-an-email")(identifies)
    messages = [
        validate_frame(suite(name), identifies).message()
        for name in ("raw_web_identifies", "raw_web_identifies_profile")
    ]
    for message in messages:
        assert not re.search(r"\bnan\b", message, re.IGNORECASE), message
    rows = len(identifies)
    empty = round(rows * 0.4)
    assert f"{empty:,} of {rows:,} rows empty ({100 * empty / rows:.1f}%)" in messages[0]
    assert "non-empty values unexpected" in messages[1]


def test_a_login_on_many_devices_warns_and_many_emails_block(mart_frame) -> None:
    """Devices alone (cookies rotate) never block: the error suite counts person identifiers,
    the profile warns on the whole identifier count."""
    many_devices = mart_frame("dim_customers")
    many_devices.loc[0, "identifier_count"] = thresholds.MAX_IDENTIFIERS_PER_CUSTOMER + 10
    assert validate_frame(suite("mart_dim_customers"), many_devices).status == PASSED
    warned = validate_frame(suite("mart_dim_customers_profile"), many_devices)
    assert ("expect_column_max_to_be_between", "identifier_count") in {
        (f.expectation, f.column) for f in warned.failed
    }, warned.message()

    many_emails = many_devices.copy()
    many_emails.loc[0, "person_identifier_count"] = (
        thresholds.MAX_PERSON_IDENTIFIERS_PER_CUSTOMER + 1
    )
    blocked = validate_frame(suite("mart_dim_customers"), many_emails)
    assert blocked.status == FAILED
    assert [(f.expectation, f.column) for f in blocked.failed] == [
        ("expect_column_max_to_be_between", "person_identifier_count")
    ]
