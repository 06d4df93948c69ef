"""Turns a GX validation result into the run's verdict: passed, failed, or nothing to check.

GX reports success for an expectation that had nothing to look at: a regex over a column whose
values are all empty, a row condition that selects no row, a max over an empty column. That is
never a pass. SPEC §8 says what it is: a check over an empty table, or over an optional column
that is empty in every row, had *nothing to check*: neither passed nor blocking, and said so in
the report. A required column that is empty is still a failure (its not-null expectation
fails), as are a suite that evaluated no expectation and a table that could not be read. The
judged result is written back to the GX store (result and suite meta `journey_status`), so Data
Docs show what the run acted on.

Messages count what they are a share of: "263 of 1,706 rows empty (15.4%)", "12 of 1,443
non-empty values unexpected (0.8%)"; a missing value is "empty", never "nan".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)

from expectations.checks import REQUIRES

PASSED = "passed"
FAILED = "failed"
NOTHING_TO_CHECK = "nothing_to_check"

# An all-empty column satisfies or fails these for real; for every other expectation it means
# nothing was checked.
_NULLS_ARE_THE_POINT = {"expect_column_values_to_be_null", "expect_column_values_to_not_be_null"}
_SAMPLE = 5


@dataclass(frozen=True)
class FailedExpectation:
    """An expectation that failed or had nothing to check, in words."""

    expectation: str  # GX expectation type, e.g. "expect_column_values_to_match_regex"
    column: str | None
    observed: str  # what was found, in words
    details: dict = field(default_factory=dict)  # GX result fields and expectation arguments

    def line(self, table: str) -> str:
        target = f" on {self.column}" if self.column else ""
        return f"{table}: {self.expectation}{target} failed - observed {self.observed}"

    def unchecked_line(self, table: str) -> str:
        target = f" on {self.column}" if self.column else ""
        return f"{table}: {self.expectation}{target}: nothing to check ({self.observed})"


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    layer: str
    table: str
    severity: str
    success: bool  # no expectation failed
    evaluated: int
    passed: int
    failed: tuple[FailedExpectation, ...]
    rows: int
    unchecked: tuple[FailedExpectation, ...] = ()  # expectations with nothing to check
    docs_page: Path | None = None  # the rendered validation result, when Data Docs were built
    docs_index: Path | None = None  # the Data Docs site's index.html, likewise

    @property
    def status(self) -> str:
        if self.failed:
            return FAILED
        if self.rows == 0 or len(self.unchecked) >= self.evaluated:
            return NOTHING_TO_CHECK
        return PASSED

    def message(self) -> str:
        """One line per failed expectation naming table, expectation, column and observed
        value; a one-line summary otherwise; what had nothing to check after either."""
        unchecked = [
            f"[{self.severity}] {self.suite}: {item.unchecked_line(self.table)}"
            for item in self.unchecked
        ]
        if self.status == FAILED:
            lines = [f"[{self.severity}] {self.suite}: {f.line(self.table)}" for f in self.failed]
            return "\n".join(lines + unchecked)
        if self.status == NOTHING_TO_CHECK:
            head = f"{self.table} ({self.suite}): nothing to check on {self.rows:,} rows"
        else:
            head = (
                f"{self.table} ({self.suite}): all {self.passed} expectations passed "
                f"on {self.rows:,} rows"
            )
            if unchecked:
                head += f", {len(unchecked)} with nothing to check"
        return "\n".join([head, *unchecked])


def summarise(outcomes: Sequence[SuiteOutcome]) -> str:
    """E.g. "32 suites, 248 expectations: 240 passed, 4 failed, 4 nothing to check; worst
    table: crm_contacts (3 failed)"."""
    evaluated = sum(outcome.evaluated for outcome in outcomes)
    passed = sum(outcome.passed for outcome in outcomes)
    unchecked = sum(len(outcome.unchecked) for outcome in outcomes)
    failed_by_table: dict[str, int] = {}
    for outcome in outcomes:
        if outcome.failed:
            failed_by_table[outcome.table] = failed_by_table.get(outcome.table, 0) + len(
                outcome.failed
            )
    failed = sum(failed_by_table.values())
    text = f"{len(outcomes)} suites, {evaluated} expectations: {passed} passed, {failed} failed"
    if unchecked:
        text += f", {unchecked} nothing to check"
    if failed_by_table:
        # Ties go to the table listed first, i.e. the one closest to the source.
        worst = max(failed_by_table, key=lambda table: failed_by_table[table])
        text += f"; worst table: {worst} ({failed_by_table[worst]} failed)"
    blocking = [o.suite for o in outcomes if not o.success and o.severity == "error"]
    if blocking:
        text += f"; blocking: {', '.join(blocking)}"
    empty = [o.suite for o in outcomes if o.status == NOTHING_TO_CHECK]
    if empty:
        text += f"; nothing to check: {', '.join(empty)}"
    return text


@dataclass(frozen=True)
class Verdict:
    evaluated: int
    failed: tuple[FailedExpectation, ...]
    unchecked: tuple[FailedExpectation, ...]


def judge(
    validation: ExpectationSuiteValidationResult,
    rows: int,
    load_error: str | None = None,
    unavailable: Mapping[str, str] | None = None,
) -> Verdict:
    """Judges `validation` in place. `unavailable` maps a requirement an expectation may
    declare in its meta (e.g. a previous run's volume) to why the run cannot meet it."""
    failed: list[FailedExpectation] = []
    unchecked: list[FailedExpectation] = []
    for result in validation.results:
        reason = _nothing_to_check(result, rows, unavailable or {})
        if reason is not None:
            result.meta = {
                **(result.meta or {}),
                "journey_status": NOTHING_TO_CHECK,
                "journey_verdict": f"nothing to check: {reason}",
            }
            unchecked.append(_finding(result, reason))
        elif not result.success:
            result.meta = {**(result.meta or {}), "journey_status": FAILED}
            failed.append(_finding(result, None))
    evaluated = len(validation.results)

    synthetic: list[FailedExpectation] = []
    if load_error is not None:
        synthetic.append(FailedExpectation("table_is_readable", None, load_error))
    if evaluated == 0:
        synthetic.append(
            FailedExpectation("suite_evaluates_expectations", None, "no expectation evaluated")
        )
    if synthetic:
        validation.meta["journey_verdict"] = "; ".join(f.observed for f in synthetic)
    failed += synthetic
    evaluated += len(synthetic)

    validation.success = not failed
    if failed:
        status = FAILED
    elif rows == 0 or len(unchecked) >= evaluated:
        status = NOTHING_TO_CHECK
    else:
        status = PASSED
    validation.meta["journey_status"] = status
    successful = evaluated - len(failed) - len(unchecked)
    validation.statistics.update(
        {
            "successful_expectations": successful,
            "unsuccessful_expectations": len(failed),
            "nothing_to_check_expectations": len(unchecked),
            "success_percent": 100 * successful / evaluated if evaluated else None,
        }
    )
    return Verdict(evaluated=evaluated, failed=tuple(failed), unchecked=tuple(unchecked))


def _nothing_to_check(
    result: ExpectationValidationResult, rows: int, unavailable: Mapping[str, str]
) -> str | None:
    config = result.expectation_config
    requirement = (config.meta or {}).get(REQUIRES)
    if requirement in unavailable:
        return unavailable[requirement]
    if result.exception_info and _exception_message(result.exception_info):
        return None  # an error (a missing column) is a failure, not an empty check
    kind = config.type
    if kind.startswith("expect_table_"):
        return None  # columns and volume are checked on a header-only table too
    if rows == 0:
        return "the table is empty"
    found = result.result or {}
    if "element_count" in found:
        total = found["element_count"]
        if total == 0:
            return "no row to evaluate"
        if found.get("missing_count") == total and kind not in _NULLS_ARE_THE_POINT:
            return f"all {total:,} values are empty"
    elif set(found) <= {"observed_value", "details"} and _is_missing(found.get("observed_value")):
        # An aggregate (max, mean, share ...) over no value. Set expectations report
        # observed_value None next to their own counts; those are not this case.
        return "no value to aggregate"
    return None


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else False
    except (TypeError, ValueError):
        return False


def _finding(result: ExpectationValidationResult, reason: str | None) -> FailedExpectation:
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


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "of none"


def _observed(result: ExpectationValidationResult, found: dict) -> str:
    if result.exception_info and _exception_message(result.exception_info):
        return f"error: {_exception_message(result.exception_info)}"
    kind = result.expectation_config.type
    if "unexpected_count" in found:
        unexpected = int(found["unexpected_count"] or 0)
        total = int(found.get("element_count") or 0)
        if kind == "expect_column_values_to_not_be_null":
            return f"{unexpected:,} of {total:,} rows empty ({_share(unexpected, total)})"
        non_empty = total - int(found.get("missing_count") or 0)
        text = (
            f"{unexpected:,} of {non_empty:,} non-empty values unexpected "
            f"({_share(unexpected, non_empty)})"
        )
        sample = [_text(value) for value in (found.get("partial_unexpected_list") or [])]
        return f"{text}, e.g. {', '.join(sample[:_SAMPLE])}" if sample else text
    mismatched = (found.get("details") or {}).get("mismatched")
    if isinstance(mismatched, dict) and mismatched.get("missing"):
        return f"missing columns: {', '.join(map(str, mismatched['missing']))}"
    if "observed_value" in found:
        bounds = _bounds(result.expectation_config.kwargs)
        noun = " rows" if kind == "expect_table_row_count_to_be_between" else ""
        return f"{_text(found['observed_value'])}{noun}{bounds}"
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
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_text(item) for item in value) + ")"
    if _is_missing(value):
        return "empty"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict) and "$PARAMETER" in value:
        return f"${value['$PARAMETER']}"
    if hasattr(value, "item"):
        return _text(value.item())
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


def stored_findings(
    validation: ExpectationSuiteValidationResult,
) -> tuple[list[FailedExpectation], list[FailedExpectation]]:
    """(failed, nothing to check) of a result already judged and stored, for reports built
    later."""
    failed, unchecked = [], []
    for result in validation.results:
        meta = result.meta or {}
        if meta.get("journey_status") == NOTHING_TO_CHECK:
            reason = str(meta.get("journey_verdict", "")).removeprefix("nothing to check: ")
            unchecked.append(_finding(result, reason))
        elif not result.success:
            failed.append(_finding(result, None))
    note = (validation.meta or {}).get("journey_verdict")
    if note:
        failed.append(FailedExpectation("suite_verdict", None, str(note)))
    return failed, unchecked
