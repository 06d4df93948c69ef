"""Expectation building blocks shared by the suite modules, so each module reads as a list of
what its table must satisfy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations import derive
from expectations import thresholds as limits
from expectations.spec import Severity

# The suite parameter a freshness expectation compares with; the runner supplies its value.
FRESH_AFTER = "fresh_after"

# GX's own severity levels, so Data Docs show which expectations block the run.
_GX_SEVERITY = {"error": "critical", "warn": "warning"}


def suite(
    name: str, severity: Severity, expectations: Iterable[gxe.Expectation], notes: str = ""
) -> gx.ExpectationSuite:
    """An expectation suite whose expectations all carry the suite's severity."""
    built = [
        expectation.copy(update={"severity": _GX_SEVERITY[severity]})
        for expectation in expectations
    ]
    meta = {"severity": severity, "notes": notes} if notes else {"severity": severity}
    return gx.ExpectationSuite(name=name, expectations=built, meta=meta)


def columns_present(columns: Sequence[str]) -> gxe.Expectation:
    # exact_match=False: extra columns are ignored by the contract (SPEC §1), missing ones fail.
    return gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=False)


def row_count_band(
    min_rows: int = limits.RAW_MIN_ROWS, max_rows: int = limits.RAW_MAX_ROWS
) -> gxe.Expectation:
    return gxe.ExpectTableRowCountToBeBetween(min_value=min_rows, max_value=max_rows)


def not_null(columns: Iterable[str], mostly: float = 1.0) -> list[gxe.Expectation]:
    return [gxe.ExpectColumnValuesToNotBeNull(column=column, mostly=mostly) for column in columns]


def unique(columns: Iterable[str]) -> list[gxe.Expectation]:
    return [gxe.ExpectColumnValuesToBeUnique(column=column) for column in columns]


def iso_timestamps(columns: Iterable[str]) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToMatchRegex(
            column=column, regex=derive.ISO_TIMESTAMP_REGEX, mostly=limits.TIMESTAMP_ISO_MOSTLY
        )
        for column in columns
    ]


def decimal_numbers(columns: Iterable[str]) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToMatchRegex(
            column=column, regex=derive.NUMBER_REGEX, mostly=limits.NUMBER_FORMAT_MOSTLY
        )
        for column in columns
    ]


def valid_emails(column: str) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToMatchRegex(
        column=derive.normalised(column), regex=derive.EMAIL_REGEX, mostly=limits.EMAIL_VALID_MOSTLY
    )


def category_in_set(
    column: str, values: Iterable[str], mostly: float = limits.CATEGORY_IN_SET_MOSTLY
) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeInSet(
        column=derive.normalised(column), value_set=sorted(values), mostly=mostly
    )


def fresh(timestamp_column: str) -> gxe.Expectation:
    """The latest timestamp is not before the run's `fresh_after` bound (see thresholds)."""
    return gxe.ExpectColumnMaxToBeBetween(
        column=derive.utc(timestamp_column), min_value={"$PARAMETER": FRESH_AFTER}
    )


def not_older_than(later: str, earlier: str, mostly: float) -> gxe.Expectation:
    """Parsed `later` >= parsed `earlier` on rows that have both."""
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=derive.utc(later),
        column_B=derive.utc(earlier),
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        mostly=mostly,
    )


def in_set(column: str, values: Iterable[object], mostly: float = 1.0) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values), mostly=mostly)


def between(
    column: str,
    min_value: float | None = None,
    max_value: float | None = None,
    mostly: float = 1.0,
) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column=column, min_value=min_value, max_value=max_value, mostly=mostly
    )
