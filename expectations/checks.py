"""What a suite is, and the expectation building blocks the raw and mart suites share.

A suite is a name, the table it checks, how much a failure matters (`error` blocks the run,
`warn` is for review), and how to build it; `derive` names the derived columns it checks next to
the table's own (parsed timestamps, per-group sums) as SQL expressions over the table, because
GX's expectations see one row or one column at a time, never a parsed value or a group. The
suites validate a query selecting both, so DuckDB computes every metric. `prepare` is the same
derivation in pandas, the reference the SQL derivation is proven equal to (tests).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
import yaml

from journey.contract import TRUE_SPELLINGS
from journey.settings import PROJECT_DIR

Layer = Literal["raw", "mart"]
Severity = Literal["error", "warn"]

# Suite parameters the runner supplies at validation time.
FRESH_AFTER = "fresh_after"
VOLUME_LOW = "volume_low"
VOLUME_HIGH = "volume_high"
# An expectation whose meta names a requirement the run cannot meet (no previous run to
# compare with) reports "nothing to check" instead of a verdict.
REQUIRES = "journey_requires"
PREVIOUS_VOLUME = "previous_volume"

# GX's own severity levels, so Data Docs show which expectations block the run.
_GX_SEVERITY = {"error": "critical", "warn": "warning"}


def unchanged(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


def nothing_derived(present: Collection[str]) -> tuple[str, ...]:
    return ()


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


@dataclass(frozen=True)
class SuiteSpec:
    """One expectation suite. `derive` takes the table's columns and returns the derived
    columns as SQL select items (`<expression> as "<name>"`; window functions for group-wise
    checks). `freshness_column`, when set, is the derived timestamp column whose latest value
    the suite compares with the `fresh_after` parameter."""

    name: str
    layer: Layer
    table: str
    severity: Severity
    build_suite: Callable[[], gx.ExpectationSuite]
    prepare: Callable[[pd.DataFrame], pd.DataFrame] = field(default=unchanged)
    derive: Callable[[Collection[str]], tuple[str, ...]] = field(default=nothing_derived)
    freshness_column: str | None = None
    description: str = ""


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


def not_older_than(later: str, earlier: str, mostly: float = 1.0) -> gxe.Expectation:
    """`later` >= `earlier` on rows that have both."""
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=later,
        column_B=earlier,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        mostly=mostly,
    )


# --- vocabularies -------------------------------------------------------------------------


@cache
def default_stage_model() -> str:
    """The stage model a build uses unless told otherwise (`journey__stage_model` in
    dbt_project.yml), for a frame that does not say which it was built with."""
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    return str(project["vars"]["journey__stage_model"])


@cache
def stage_ranks() -> dict[tuple[str, str], int]:
    """(stage model, stage) -> rank, from the `journey_stages` seed: every stage model the
    warehouse can be built with (the marts name theirs in `stage_model`)."""
    with (PROJECT_DIR / "seeds" / "journey_stages.csv").open(
        newline="", encoding="utf-8"
    ) as handle:
        return {
            (row["stage_model"], row["stage"]): int(row["stage_rank"])
            for row in csv.DictReader(handle)
        }


# is_deleted spellings: true for true/t/1/yes (SPEC §1), and their usual opposites.
BOOLEAN_SPELLINGS = (*TRUE_SPELLINGS, "false", "f", "0", "no")


@cache
def currencies() -> tuple[str, ...]:
    """Lower-case currency codes of the FX seed (raw values are compared after lower(trim())):
    analysts extend that list, so the suites read it rather than a copy."""
    with (PROJECT_DIR / "seeds" / "fx_rates.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(sorted(row["currency"].strip().lower() for row in csv.DictReader(handle)))
