"""Suites of the marts: a blocking contract per mart, and a descriptive profile where stewards
watch a distribution."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, vocab
from expectations import thresholds as limits
from expectations.spec import SuiteSpec, unchanged

BOOLEANS = (True, False)


def contract_suite(
    table: str,
    expectations: Callable[[], Iterable[gxe.Expectation]],
    prepare: Callable[[pd.DataFrame], pd.DataFrame] = unchanged,
) -> SuiteSpec:
    name = f"mart_{table}"
    return SuiteSpec(
        name=name,
        layer="mart",
        table=table,
        severity="error",
        build_suite=lambda: checks.suite(name, "error", expectations()),
        prepare=prepare,
        description=f"Contract of {table}: keys, vocabularies, invariants.",
    )


def profile_suite(
    table: str,
    expectations: Callable[[], Iterable[gxe.Expectation]],
    prepare: Callable[[pd.DataFrame], pd.DataFrame] = unchanged,
) -> SuiteSpec:
    name = f"mart_{table}_profile"
    return SuiteSpec(
        name=name,
        layer="mart",
        table=table,
        severity="warn",
        build_suite=lambda: checks.suite(name, "warn", expectations()),
        prepare=prepare,
        description=f"Profile of {table}: shares and null rates stewards watch.",
    )


def table_basics(columns: Iterable[str]) -> list[gxe.Expectation]:
    return [checks.columns_present(list(columns)), checks.row_count_band(1, limits.RAW_MAX_ROWS)]


def key(column: str) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToNotBeNull(column=column),
        gxe.ExpectColumnValuesToBeUnique(column=column),
    ]


def stage_columns(stage: str, rank: str) -> list[gxe.Expectation]:
    low, high = vocab.STAGE_RANKS
    return [checks.in_set(stage, vocab.STAGES), checks.between(rank, low, high)]


def with_stage_rank_check(frame: pd.DataFrame, stage: str, rank: str) -> pd.DataFrame:
    """Adds `check__<stage>_matches_rank`: the rank is the stage's rank (SPEC §4), null with
    null."""
    derived = frame.copy()
    if stage in frame and rank in frame:
        expected = frame[stage].map({s: i + 1 for i, s in enumerate(vocab.STAGES)})
        ranks = pd.to_numeric(frame[rank], errors="coerce")
        derived[f"check__{stage}_matches_rank"] = (expected == ranks) | (
            expected.isna() & ranks.isna()
        )
    return derived


def rows_per_group(frame: pd.DataFrame, group: str, flag: str, name: str) -> pd.DataFrame:
    """Adds `name`: how many rows of the row's `group` have `flag` true (e.g. current rows per
    customer), so an expectation can demand exactly one."""
    derived = frame.copy()
    if group in frame and flag in frame:
        flags = frame[flag].fillna(False).astype(bool).astype(int)
        derived[name] = flags.groupby(frame[group]).transform("sum")
    return derived
