"""What a suite is to the rest of the project: a name, the table it checks, how much a failure
matters, and how to build it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import great_expectations as gx
import pandas as pd

Layer = Literal["raw", "mart"]
Severity = Literal["error", "warn"]


def unchanged(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


@dataclass(frozen=True)
class SuiteSpec:
    """One expectation suite.

    `severity` "error" marks a blocking suite (keys, formats, the contract downstream models
    rely on); "warn" a descriptive one (volumes, freshness, distributions) that stewards review
    without stopping the run. `prepare` adds derived columns (normalised emails, parsed
    timestamps, per-group sums) that the suite checks next to the raw ones: GX's pandas
    expectations see one row at a time or one column at a time, not a normalised value or a
    group. `freshness_column`, when set, is the derived timestamp column whose latest value the
    suite compares with the `fresh_after` parameter.
    """

    name: str
    layer: Layer
    table: str
    severity: Severity
    build_suite: Callable[[], gx.ExpectationSuite]
    prepare: Callable[[pd.DataFrame], pd.DataFrame] = field(default=unchanged)
    freshness_column: str | None = None
    description: str = ""
