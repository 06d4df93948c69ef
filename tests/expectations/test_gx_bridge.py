"""SuiteOutcome -> dg.AssetCheckResult: pass/fail, severity, failing expectations in metadata."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from expectations.bridge import check_severity, to_asset_check_result
from expectations.runner import suite, validate_frame
from expectations.verdict import FailedExpectation, SuiteOutcome


def _outcome(severity: str, failed: tuple[FailedExpectation, ...] = ()) -> SuiteOutcome:
    return SuiteOutcome(
        suite="raw_crm_contacts" if severity == "error" else "raw_crm_contacts_profile",
        layer="raw",
        table="crm_contacts",
        severity=severity,
        success=not failed,
        evaluated=8,
        passed=8 - len(failed),
        failed=failed,
        rows=502,
        docs_page=Path("/reports/quality/validations/raw_crm_contacts/run/time/batch.html"),
        docs_index=Path("/reports/quality/index.html"),
    )


REGEX_FAILURE = FailedExpectation(
    expectation="expect_column_values_to_match_regex",
    column="created_at__as_timestamp",
    observed="167 of 502 non-empty values unexpected (33.3%)",
)


def test_passing_error_suite_passes_with_error_severity() -> None:
    result = to_asset_check_result(_outcome("error"))
    assert result.passed is True
    assert result.severity == dg.AssetCheckSeverity.ERROR
    assert result.check_name == "raw_crm_contacts"
    assert result.metadata["evaluated_expectations"].value == 8
    assert result.metadata["passed_expectations"].value == 8
    assert result.metadata["failed_expectations"].value == 0
    assert result.metadata["failures"].value == []
    assert result.metadata["rows"].value == 502
    assert result.metadata["status"].value == "passed"
    assert result.metadata["data_docs"].value == "/reports/quality/index.html"
    assert result.description == _outcome("error").message()


def test_failing_error_suite_blocks_and_lists_its_failures() -> None:
    outcome = _outcome("error", (REGEX_FAILURE,))
    result = to_asset_check_result(outcome, check_name="crm_contacts_contract")
    assert result.passed is False
    assert result.severity == dg.AssetCheckSeverity.ERROR
    assert result.check_name == "crm_contacts_contract"
    assert result.metadata["failed_expectations"].value == 1
    assert result.metadata["failures"].value == [
        {
            "expectation": "expect_column_values_to_match_regex",
            "column": "created_at__as_timestamp",
            "observed": "167 of 502 non-empty values unexpected (33.3%)",
        }
    ]
    assert result.metadata["data_docs_page"].value.endswith("batch.html")
    assert result.description == outcome.message()
    assert "expect_column_values_to_match_regex" in result.description


def test_failing_warn_suite_warns() -> None:
    result = to_asset_check_result(_outcome("warn", (REGEX_FAILURE,)))
    assert result.passed is False
    assert result.severity == dg.AssetCheckSeverity.WARN


def test_unknown_severity_blocks() -> None:
    assert check_severity("warn") == dg.AssetCheckSeverity.WARN
    assert check_severity("error") == dg.AssetCheckSeverity.ERROR
    assert check_severity("critical") == dg.AssetCheckSeverity.ERROR


def test_results_are_accepted_by_dagster(raw_frame) -> None:
    """A real failing validation, reported by an asset check in a Dagster run."""
    contacts = raw_frame("crm_contacts")
    contacts.loc[contacts.index[::2], "created_at"] = "31/12/2024"
    outcome = validate_frame(suite("raw_crm_contacts"), contacts)

    @dg.asset
    def crm_contacts() -> None:
        return None

    @dg.asset_check(asset=crm_contacts, name="raw_crm_contacts", blocking=True)
    def contract() -> dg.AssetCheckResult:
        return to_asset_check_result(outcome)

    result = dg.materialize([crm_contacts, contract], raise_on_error=False)
    (evaluation,) = result.get_asset_check_evaluations()
    assert evaluation.passed is False
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    failures = evaluation.metadata["failures"].value
    assert [f["expectation"] for f in failures] == ["expect_column_values_to_match_regex"]
    assert failures[0]["column"] == "created_at__as_timestamp"
