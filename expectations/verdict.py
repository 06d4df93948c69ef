"""Turns a GX validation result into the run's verdict, refusing to pass on nothing.

GX reports success for an expectation that had nothing to look at: a regex over a column whose
values are all null, a row condition that selects no row, a max over an empty column. For a
steward that is a silent hole, so each such result becomes a failure here, as do an empty frame,
a suite that evaluated no expectation and a table that could not be read. The changed result is
written back to the GX store, so Data Docs show the same verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)

from expectations.outcome import FailedExpectation

# An all-null column satisfies these for real; for every other expectation it means nothing
# was checked.
_NULLS_ARE_THE_POINT = {"expect_column_values_to_be_null", "expect_column_values_to_not_be_null"}
_SAMPLE = 5


@dataclass(frozen=True)
class Verdict:
    evaluated: int
    failed: tuple[FailedExpectation, ...]
    changed: bool  # the GX result was made stricter and must be stored again


def judge(
    validation: ExpectationSuiteValidationResult, rows: int, load_error: str | None = None
) -> Verdict:
    failed: list[FailedExpectation] = []
    changed = False
    for result in validation.results:
        reason = None if not result.success else _computed_nothing(result)
        if reason is not None:
            result.success = False
            result.meta = {**(result.meta or {}), "journey_verdict": reason}
            changed = True
        if not result.success:
            failed.append(_failure(result, reason))
    evaluated = len(validation.results)

    synthetic: list[FailedExpectation] = []
    if load_error is not None:
        synthetic.append(FailedExpectation("table_is_readable", None, load_error))
    if evaluated == 0:
        synthetic.append(
            FailedExpectation("suite_evaluates_expectations", None, "no expectation evaluated")
        )
    if rows == 0 and not any(f.expectation.startswith("expect_table_row_count") for f in failed):
        synthetic.append(FailedExpectation("table_has_rows", None, "0 rows"))
    if synthetic:
        validation.meta["journey_verdict"] = "; ".join(f.observed for f in synthetic)
        changed = True
    failed += synthetic
    evaluated += len(synthetic)

    if changed:
        validation.success = not failed
        unsuccessful = sum(1 for result in validation.results if not result.success)
        validation.statistics.update(
            {
                "successful_expectations": len(validation.results) - unsuccessful,
                "unsuccessful_expectations": unsuccessful,
                "success_percent": (
                    100 * (len(validation.results) - unsuccessful) / len(validation.results)
                    if validation.results
                    else None
                ),
            }
        )
    return Verdict(evaluated=evaluated, failed=tuple(failed), changed=changed)


def _computed_nothing(result: ExpectationValidationResult) -> str | None:
    found = result.result or {}
    kind = result.expectation_config.type
    if "element_count" in found:
        total = found["element_count"]
        if total == 0:
            return "no rows to evaluate"
        if found.get("missing_count") == total and kind not in _NULLS_ARE_THE_POINT:
            return f"all {total:,} values are null: nothing was checked"
    elif set(found) <= {"observed_value", "details"} and _is_missing(found.get("observed_value")):
        # An aggregate (max, mean, share ...) over no value. Set expectations report
        # observed_value None next to their own counts; those are not this case.
        return "no value observed"
    return None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or str(value) == "NaT"
    except TypeError:
        return False


def _failure(result: ExpectationValidationResult, reason: str | None) -> FailedExpectation:
    config = result.expectation_config
    kwargs = dict(config.kwargs)
    found = dict(result.result or {})
    return FailedExpectation(
        expectation=config.type,
        column=_column(kwargs),
        observed=reason or _observed(result, found),
        details={
            "kwargs": _plain(_trim_kwargs(kwargs)),
            "result": _plain({k: v for k, v in found.items() if not k.endswith("index_list")}),
        },
    )


def _column(kwargs: dict) -> str | None:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_list" in kwargs:
        return ", ".join(map(str, kwargs["column_list"]))
    if "column_A" in kwargs:
        return f"{kwargs['column_A']}, {kwargs['column_B']}"
    return None


def _observed(result: ExpectationValidationResult, found: dict) -> str:
    if result.exception_info and _exception_message(result.exception_info):
        return f"error: {_exception_message(result.exception_info)}"
    if "unexpected_count" in found:
        sample = [_text(value) for value in (found.get("partial_unexpected_list") or [])]
        percent = found.get("unexpected_percent")
        share = f" ({percent:.1f}% of non-null)" if isinstance(percent, int | float) else ""
        text = (
            f"{found['unexpected_count']:,} of {found.get('element_count', 0):,} values "
            f"unexpected{share}"
        )
        return f"{text}, e.g. {', '.join(sample[:_SAMPLE])}" if sample else text
    mismatched = (found.get("details") or {}).get("mismatched")
    if isinstance(mismatched, dict) and mismatched.get("missing"):
        return f"missing columns: {', '.join(map(str, mismatched['missing']))}"
    if "observed_value" in found:
        bounds = _bounds(result.expectation_config.kwargs)
        return f"{_text(found['observed_value'])}{bounds}"
    return "failed without an observed value"


def _bounds(kwargs: dict) -> str:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is None and high is None:
        return ""
    if high is None:
        return f" (expected at least {_text(low)})"
    if low is None:
        return f" (expected at most {_text(high)})"
    return f" (expected between {_text(low)} and {_text(high)})"


def _exception_message(info: dict) -> str | None:
    if "exception_message" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    for nested in info.values():
        if isinstance(nested, dict) and nested.get("raised_exception"):
            return str(nested.get("exception_message"))
    return None


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict) and "$PARAMETER" in value:
        return f"${value['$PARAMETER']}"
    return repr(value) if isinstance(value, str) else str(value)


def _trim_kwargs(kwargs: dict) -> dict:
    # A value set of hundreds of entries says little in a check's metadata.
    trimmed = dict(kwargs)
    for name in ("value_set", "column_set"):
        values = trimmed.get(name)
        if isinstance(values, list | tuple) and len(values) > 20:
            trimmed[name] = [*list(values)[:20], f"... {len(values) - 20} more"]
    return trimmed


def _plain(value: Any) -> Any:
    """JSON-friendly copy (numpy scalars, timestamps), for metadata that leaves the process."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):
        return _plain(value.item())
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def stored_failures(validation: ExpectationSuiteValidationResult) -> list[FailedExpectation]:
    """The failures of a result already judged and stored (for reports built later)."""
    failed = [
        _failure(result, (result.meta or {}).get("journey_verdict"))
        for result in validation.results
        if not result.success
    ]
    note = (validation.meta or {}).get("journey_verdict")
    if note:
        failed.append(FailedExpectation("suite_verdict", None, str(note)))
    return failed
