"""What a validation tells the rest of the project, independent of GX's result objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class FailedExpectation:
    expectation: str  # GX expectation type, e.g. "expect_column_values_to_match_regex"
    column: str | None
    observed: str  # what was found, in words
    details: dict = field(default_factory=dict)  # GX result fields and expectation arguments

    def line(self, table: str) -> str:
        target = f" on {self.column}" if self.column else ""
        return f"{table}: {self.expectation}{target} failed - observed {self.observed}"


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    layer: str
    table: str
    severity: str
    success: bool
    evaluated: int
    passed: int
    failed: tuple[FailedExpectation, ...]
    rows: int
    docs_page: Path | None = None  # the rendered validation result, when Data Docs were built
    docs_index: Path | None = None  # the Data Docs site's index.html, likewise

    def message(self) -> str:
        """One line per failed expectation naming table, expectation, column and observed
        value; a one-line summary when everything passed."""
        if self.success:
            return (
                f"{self.table} ({self.suite}): all {self.evaluated} expectations passed "
                f"on {self.rows:,} rows"
            )
        return "\n".join(
            f"[{self.severity}] {self.suite}: {failure.line(self.table)}" for failure in self.failed
        )


def summarise(outcomes: Sequence[SuiteOutcome]) -> str:
    """E.g. "32 suites, 248 expectations: 244 passed, 4 failed; worst table: crm_contacts
    (3 failed)"."""
    evaluated = sum(outcome.evaluated for outcome in outcomes)
    passed = sum(outcome.passed for outcome in outcomes)
    failed_by_table: dict[str, int] = {}
    for outcome in outcomes:
        if outcome.failed:
            failed_by_table[outcome.table] = failed_by_table.get(outcome.table, 0) + len(
                outcome.failed
            )
    failed = sum(failed_by_table.values())
    text = f"{len(outcomes)} suites, {evaluated} expectations: {passed} passed, {failed} failed"
    if failed_by_table:
        # Ties go to the table listed first, i.e. the one closest to the source.
        worst = max(failed_by_table, key=lambda table: failed_by_table[table])
        text += f"; worst table: {worst} ({failed_by_table[worst]} failed)"
    blocking = [o.suite for o in outcomes if not o.success and o.severity == "error"]
    if blocking:
        text += f"; blocking: {', '.join(blocking)}"
    return text
