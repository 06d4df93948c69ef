"""The two suites every raw landing table gets: a blocking contract and a descriptive profile."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, derive
from expectations.spec import SuiteSpec


def raw_suites(
    table: str,
    *,
    prepare: Callable[[pd.DataFrame], pd.DataFrame],
    contract: Callable[[], Iterable[gxe.Expectation]],
    profile: Callable[[], Iterable[gxe.Expectation]],
    freshness_column: str,
) -> tuple[SuiteSpec, SuiteSpec]:
    """`raw_<table>` (error: columns, keys, formats) and `raw_<table>_profile` (warn: freshness,
    vocabularies, orderings)."""
    contract_name = f"raw_{table}"
    profile_name = f"raw_{table}_profile"
    return (
        SuiteSpec(
            name=contract_name,
            layer="raw",
            table=table,
            severity="error",
            build_suite=lambda: checks.suite(contract_name, "error", contract()),
            prepare=prepare,
            description=f"Landing contract of {table}: columns, keys, formats.",
        ),
        SuiteSpec(
            name=profile_name,
            layer="raw",
            table=table,
            severity="warn",
            build_suite=lambda: checks.suite(profile_name, "warn", profile()),
            prepare=prepare,
            freshness_column=derive.utc(freshness_column),
            description=f"Profile of {table}: freshness, vocabularies, orderings.",
        ),
    )
