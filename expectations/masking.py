"""Unexpected-value samples without personal data.

GX keeps up to `partial_unexpected_count` sample values per expectation in its result, which
the project stores (validation results), renders (Data Docs), hands to Dagster (check
metadata) and prints (the run's console report). Every result is masked here first, right
after validation: values of personal columns (journey.privacy.PERSONAL_COLUMNS) become
`j***@e***.com` or `J*** (4 chars)`, and emails, phone numbers and IPv4 addresses inside any
other sample are masked too. Counts, shares and non-personal samples (a timestamp that did not
parse) stay as they were.
"""

from __future__ import annotations

from typing import Any

from great_expectations.core import ExpectationSuiteValidationResult

from journey.privacy import mask_for_column

# Result keys that hold values of the validated column (as a list, or a list of
# {value, count} / {column: value} records).
SAMPLE_KEYS = (
    "partial_unexpected_list",
    "partial_unexpected_counts",
    "partial_unexpected_index_list",
    "unexpected_list",
    "unexpected_index_list",
    "observed_value",
    "details",
)


def _mask(column: str | None, value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _mask(key if isinstance(key, str) and key != "value" else column, item)
            if key != "count"
            else item
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_mask(column, item) for item in value]
    return mask_for_column(column, value)


def mask_result(column: str | None, result: dict[str, Any]) -> dict[str, Any]:
    """One expectation's result dict with its samples masked (a new dict)."""
    return {
        key: _mask(column, value) if key in SAMPLE_KEYS else value for key, value in result.items()
    }


def mask_validation(validation: ExpectationSuiteValidationResult) -> None:
    """Masks every sample of a suite's validation result in place."""
    for result in validation.results:
        kwargs = result.expectation_config.kwargs if result.expectation_config else {}
        column = kwargs.get("column")
        if result.result:
            result.result = mask_result(column, dict(result.result))
        if result.exception_info:
            result.exception_info = _mask(None, result.exception_info)
