"""Every suite passes on good data and fails, on the expectation meant to catch it, when one
thing is broken."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from expectations import thresholds
from expectations.derive import parse_utc
from expectations.registry import SUITES, suite
from expectations.runner import validate_frame
from expectations.spec import SuiteSpec

Breaker = Callable[[pd.DataFrame], pd.DataFrame]


def _every_other(frame: pd.DataFrame, share: float = 1 / 3) -> pd.Series:
    """A mask over about `share` of the rows, spread through the table."""
    return pd.Series(np.arange(len(frame)) % round(1 / share) == 0, index=frame.index)


def _third_emails_invalid(column: str) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[_every_other(frame), column] = "jane.doe.example.com"
        return frame

    return breaker


def _set(column: str, value: object, share: float = 1 / 2) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        frame[column] = frame[column].astype(object)
        frame.loc[_every_other(frame, share), column] = value
        return frame

    return breaker


def _drop(column: str) -> Breaker:
    return lambda frame: frame.drop(columns=[column])


def _repeat_rows(times: int) -> Breaker:
    """Rows repeated with the same id and updated_at: a replayed export."""
    return lambda frame: pd.concat([frame] * times, ignore_index=True)


def _repeat_one_ticket(frame: pd.DataFrame) -> pd.DataFrame:
    # The same ticket_id and updated_at for many rows.
    frame.loc[_every_other(frame, 1 / 2), ["ticket_id", "updated_at"]] = [
        "T-DUP",
        "2025-06-01T00:00:00Z",
    ]
    return frame


def _shift_back(columns: tuple[str, ...], days: int) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        for column in columns:
            shifted = parse_utc(frame[column]) - timedelta(days=days)
            frame[column] = shifted.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        return frame

    return breaker


def _swap(first: str, second: str) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        frame[[first, second]] = frame[[second, first]].to_numpy()
        return frame

    return breaker


def _replace_values(column: str, mapping: dict[str, str]) -> Breaker:
    def breaker(frame: pd.DataFrame) -> pd.DataFrame:
        normalised = frame[column].str.strip().str.lower()
        frame[column] = normalised.map(lambda value: mapping.get(value, value))
        return frame

    return breaker


def _attribution_credits_off(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame["attribution_model"] == "linear", "credit"] = 0.7
    return frame


def _duplicate_first_row(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame, frame.iloc[[0]]], ignore_index=True)


def _two_current_stages(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame["customer_id"] == "c1", "is_current"] = True
    return frame


def _all_unattributed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[frame["conversion_touchpoint_id"] == "tp5"].copy()
    frame["attribution_id"] = [f"x{n}" for n in range(len(frame))]
    return frame


def _unbalanced(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[0, "used_rows"] = 10
    return frame


def _heavy_quarantine(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[0, ["used_rows", "quarantined_rows"]] = [40, 52]
    return frame


def _same_sequence(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame["customer_id"] == "c1", "touch_sequence"] = 1
    return frame


# suite -> (how to break its table, the expectation that must catch it)
BREAKERS: dict[str, tuple[Breaker, str]] = {
    "raw_crm_contacts": (_third_emails_invalid("email"), "expect_column_values_to_match_regex"),
    "raw_crm_contacts_profile": (_set("is_deleted", "maybe"), "expect_column_values_to_be_in_set"),
    "raw_crm_accounts": (_set("employee_count", "many"), "expect_column_values_to_match_regex"),
    "raw_crm_accounts_profile": (
        _set("employee_count", "-5"),
        "expect_column_values_to_be_between",
    ),
    "raw_crm_deals": (_set("deal_id", None), "expect_column_values_to_not_be_null"),
    "raw_crm_deals_profile": (
        _replace_values("deal_stage", {"closed_won": "won"}),
        "expect_column_distinct_values_to_contain_set",
    ),
    "raw_crm_activities": (_duplicate_first_row, "expect_column_values_to_be_unique"),
    "raw_crm_activities_profile": (
        _replace_values("activity_type", {"call": "phone", "email_opened": "open"}),
        "expect_column_values_to_be_in_set",
    ),
    "raw_crm_orders": (_set("ordered_at", "yesterday"), "expect_column_values_to_match_regex"),
    "raw_crm_orders_profile": (
        _replace_values("status", {"completed": "done"}),
        "expect_column_values_to_be_in_set",
    ),
    "raw_web_events": (
        _repeat_rows(2),
        "expect_column_proportion_of_unique_values_to_be_between",
    ),
    "raw_web_events_profile": (
        _swap("event_at", "received_at"),
        "expect_column_pair_values_a_to_be_greater_than_b",
    ),
    "raw_web_identifies": (_drop("email"), "expect_table_columns_to_match_set"),
    "raw_web_identifies_profile": (
        _shift_back(("identified_at",), 365),
        "expect_column_max_to_be_between",
    ),
    "raw_support_tickets": (_repeat_one_ticket, "expect_compound_columns_to_be_unique"),
    "raw_support_tickets_profile": (
        lambda frame: frame.assign(priority=[f"urgent {n}" for n in range(len(frame))]),
        "expect_column_unique_value_count_to_be_between",
    ),
    "raw_survey_nps": (_set("score", "42", 1 / 3), "expect_column_values_to_be_between"),
    "raw_survey_nps_profile": (
        lambda frame: frame.assign(score="7"),
        "expect_column_unique_value_count_to_be_between",
    ),
    "mart_dim_customers": (_duplicate_first_row, "expect_column_values_to_be_unique"),
    "mart_dim_customers_profile": (
        lambda frame: frame.assign(identifier_count=[4, 3, 500]),
        "expect_column_max_to_be_between",
    ),
    "mart_dim_customer_identifiers": (
        lambda frame: frame.replace({"a@mail.com": "a-at-mail"}),
        "expect_column_values_to_match_regex",
    ),
    "mart_dim_customer_identifiers_profile": (
        lambda frame: frame.assign(is_shared=True),
        "expect_column_values_to_be_in_set",
    ),
    "mart_fct_touchpoints": (
        lambda frame: frame.replace({"stage": {"purchase": "purchased"}}),
        "expect_column_values_to_be_in_set",
    ),
    "mart_fct_touchpoints_profile": (
        lambda frame: frame.assign(channel=[None] * 5 + ["direct"]),
        "expect_column_values_to_not_be_null",
    ),
    "mart_fct_web_sessions": (
        _swap("started_at", "ended_at"),
        "expect_column_pair_values_a_to_be_greater_than_b",
    ),
    "mart_fct_customer_stages": (_two_current_stages, "expect_column_values_to_be_between"),
    "mart_fct_customer_timeline": (_same_sequence, "expect_compound_columns_to_be_unique"),
    "mart_fct_attribution": (_attribution_credits_off, "expect_column_values_to_be_between"),
    "mart_fct_attribution_profile": (_all_unattributed, "expect_column_max_to_be_between"),
    "mart_agg_journey_funnel": (
        lambda frame: frame.assign(customers_reached=[1, 2, 1]),
        "expect_column_pair_values_a_to_be_greater_than_b",
    ),
    "mart_agg_row_reconciliation": (_unbalanced, "expect_column_pair_values_to_be_equal"),
    "mart_agg_row_reconciliation_profile": (
        _heavy_quarantine,
        "expect_column_values_to_be_between",
    ),
}


@pytest.fixture
def table_of(raw_frame, mart_frame) -> Callable[[SuiteSpec], pd.DataFrame]:
    return lambda spec: raw_frame(spec.table) if spec.layer == "raw" else mart_frame(spec.table)


def _fresh_after(spec: SuiteSpec, good: pd.DataFrame):
    """The bound run_suites would set if the good table were the newest in the folder."""
    if spec.freshness_column is None:
        return None
    latest = spec.prepare(good)[spec.freshness_column].max()
    return latest - timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])


def test_every_suite_has_a_breaker() -> None:
    assert set(BREAKERS) == {spec.name for spec in SUITES}


@pytest.mark.parametrize("name", [spec.name for spec in SUITES])
def test_suite_passes_on_good_data(name: str, table_of) -> None:
    spec = suite(name)
    good = table_of(spec)
    outcome = validate_frame(spec, good, fresh_after=_fresh_after(spec, good))
    assert outcome.success, outcome.message()
    assert outcome.evaluated == len(spec.build_suite().expectations) > 0
    assert outcome.passed == outcome.evaluated
    assert outcome.rows == len(good)


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_suite_fails_on_its_bad_fixture(name: str, table_of) -> None:
    spec = suite(name)
    good = table_of(spec)
    breaker, expectation = BREAKERS[name]
    outcome = validate_frame(spec, breaker(good.copy()), fresh_after=_fresh_after(spec, good))
    assert not outcome.success
    assert expectation in {failure.expectation for failure in outcome.failed}, outcome.message()
