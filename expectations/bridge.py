"""GX 1.x outcomes as Dagster asset check results.

dagster-ge supports only GX before 1.0, so the project maps its own SuiteOutcome: the check
passes when the suite did, blocks (ERROR) for contract suites and warns (WARN) for descriptive
ones, and carries the failing expectations and the Data Docs location for the Dagster UI.

A suite that had nothing to check (an empty table, SPEC §8) is neither passed nor blocking.
Dagster knows only passed or failed, so it reports passed=False with severity WARN (which never
blocks), metadata `status: nothing_to_check` and a description that says "nothing to check".
"""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg

from expectations.verdict import NOTHING_TO_CHECK, SuiteOutcome


def check_severity(severity: str) -> dg.AssetCheckSeverity:
    """WARN for "warn" suites, ERROR for everything else: a mislabelled suite blocks rather
    than being waved through."""
    return dg.AssetCheckSeverity.WARN if severity == "warn" else dg.AssetCheckSeverity.ERROR


def to_asset_check_result(
    outcome: SuiteOutcome,
    check_name: str | None = None,
    *,
    asset_key: dg.AssetKey | str | Sequence[str] | None = None,
) -> dg.AssetCheckResult:
    """`check_name` defaults to the suite name; `asset_key` is needed only when one check
    function reports on several assets (a multi_asset_check)."""
    metadata: dict[str, object] = {
        "suite": dg.MetadataValue.text(outcome.suite),
        "table": dg.MetadataValue.text(outcome.table),
        "layer": dg.MetadataValue.text(outcome.layer),
        "severity": dg.MetadataValue.text(outcome.severity),
        "status": dg.MetadataValue.text(outcome.status),
        "rows": dg.MetadataValue.int(outcome.rows),
        "evaluated_expectations": dg.MetadataValue.int(outcome.evaluated),
        "passed_expectations": dg.MetadataValue.int(outcome.passed),
        "failed_expectations": dg.MetadataValue.int(len(outcome.failed)),
        "failures": dg.MetadataValue.json(
            [
                {
                    "expectation": failure.expectation,
                    "column": failure.column,
                    "observed": failure.observed,
                }
                for failure in outcome.failed
            ]
        ),
        "nothing_to_check_expectations": dg.MetadataValue.int(len(outcome.unchecked)),
        "nothing_to_check": dg.MetadataValue.json(
            [
                {"expectation": item.expectation, "column": item.column, "reason": item.observed}
                for item in outcome.unchecked
            ]
        ),
    }
    if outcome.docs_page is not None:
        metadata["data_docs_page"] = dg.MetadataValue.path(str(outcome.docs_page))
    if outcome.docs_index is not None:
        metadata["data_docs"] = dg.MetadataValue.path(str(outcome.docs_index))
    nothing = outcome.status == NOTHING_TO_CHECK
    return dg.AssetCheckResult(
        passed=outcome.success and not nothing,
        asset_key=asset_key,
        check_name=check_name or outcome.suite,
        severity=dg.AssetCheckSeverity.WARN if nothing else check_severity(outcome.severity),
        metadata=metadata,
        description=outcome.message(),
    )
