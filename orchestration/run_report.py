"""What a finished run tells the person who started it: failures first, each naming the
table, the check and what was observed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import dagster as dg

from expectations.verdict import FailedExpectation, SuiteOutcome

# dagster-dbt's metadata key for the number of rows a failing dbt test returned.
DBT_FAILED_ROWS = "dagster_dbt/failed_row_count"
# A warning is a pointer to the report, not the report: keep each line short.
WARNING_LINE_CHARS = 240


def _metadata_value(evaluation: dg.AssetCheckEvaluation, key: str) -> object:
    entry = evaluation.metadata.get(key)
    return getattr(entry, "value", entry)


def describe_check_failure(evaluation: dg.AssetCheckEvaluation) -> str:
    """One line (or a few) naming the asset, the check and the observed value."""
    asset = evaluation.asset_key.to_user_string()
    severity = (evaluation.severity or dg.AssetCheckSeverity.ERROR).value
    header = f"[{severity}] {asset} · check {evaluation.check_name}"
    failed_rows = _metadata_value(evaluation, DBT_FAILED_ROWS)
    if failed_rows is not None:
        # A dbt test: the test's name says what it expects; the observed value is its count.
        return f"{header}: dbt test failed, observed {failed_rows} failing row(s)"
    detail = (evaluation.description or "").strip()
    return f"{header}:\n    " + detail.replace("\n", "\n    ") if detail else header


def failed_checks(
    evaluations: Iterable[dg.AssetCheckEvaluation], severity: dg.AssetCheckSeverity
) -> list[dg.AssetCheckEvaluation]:
    return [
        evaluation
        for evaluation in evaluations
        if not evaluation.passed
        and (evaluation.severity or dg.AssetCheckSeverity.ERROR) == severity
    ]


def step_errors(result: dg.ExecuteInProcessResult) -> list[str]:
    """Step failures that are not already explained by a failed blocking check."""
    lines = []
    for event in result.get_step_failure_events():
        error = event.step_failure_data.error if event.step_failure_data else None
        # Dagster wraps the user's exception; its innermost cause says what went wrong.
        while error is not None and error.cause is not None:
            error = error.cause
        message = (error.message if error else "").strip()
        if "blocking asset check" in message:
            continue
        if (
            error is not None
            and error.cls_name
            and message.split(": ", 1)[0].endswith(error.cls_name)
        ):
            # "dagster._core.definitions.events.Failure: Landing table ..." → "Landing table ..."
            message = message.split(": ", 1)[1]
        lines.append(f"step {event.step_key} failed: {message}")
    return lines


def not_materialized(result: dg.ExecuteInProcessResult, planned: Sequence[dg.AssetKey]) -> int:
    done = {event.asset_key for event in result.get_asset_materialization_events()}
    return sum(1 for key in planned if key not in done)


def failure_report(result: dg.ExecuteInProcessResult) -> list[str]:
    evaluations = result.get_asset_check_evaluations()
    lines = [
        describe_check_failure(evaluation)
        for evaluation in failed_checks(evaluations, dg.AssetCheckSeverity.ERROR)
    ]
    return lines + step_errors(result)


def warning_report(result: dg.ExecuteInProcessResult) -> list[str]:
    lines = []
    for evaluation in failed_checks(
        result.get_asset_check_evaluations(), dg.AssetCheckSeverity.WARN
    ):
        for line in describe_check_failure(evaluation).splitlines():
            short = line if len(line) <= WARNING_LINE_CHARS else line[: WARNING_LINE_CHARS - 1]
            lines.append(short + ("…" if short != line else ""))
    return lines


def _expectations(items: Any, observed: str) -> tuple[FailedExpectation, ...]:
    """Expectations listed in check metadata, `observed` naming the key of what was seen."""
    return tuple(
        FailedExpectation(
            expectation=str(item.get("expectation")),
            column=item.get("column"),
            observed=str(item.get(observed)),
        )
        for item in items or []
    )


def suite_outcomes(evaluations: Iterable[dg.AssetCheckEvaluation]) -> list[SuiteOutcome]:
    """The quality suites' outcomes, read back from the check results the bridge wrote.

    The checks run inside Dagster steps; their results (not Python objects) are what a
    finished run has, so the summary is rebuilt from the results' metadata. dbt tests carry
    no suite metadata and are left out.
    """
    outcomes = []
    for evaluation in evaluations:
        value = {key: _metadata_value(evaluation, key) for key in evaluation.metadata}
        if "suite" not in value or "evaluated_expectations" not in value:
            continue
        failures = _expectations(value.get("failures"), observed="observed")
        unchecked = _expectations(value.get("nothing_to_check"), observed="reason")
        outcomes.append(
            SuiteOutcome(
                suite=str(value["suite"]),
                layer=str(value.get("layer", "")),
                table=str(value.get("table", "")),
                severity=str(value.get("severity", "")),
                # A suite with nothing to check reports passed=False at WARN; its own
                # verdict is that nothing failed.
                success=not failures,
                evaluated=int(value["evaluated_expectations"]),
                passed=int(value.get("passed_expectations", 0)),
                failed=failures,
                rows=int(value.get("rows", 0)),
                unchecked=unchecked,
            )
        )
    return outcomes
