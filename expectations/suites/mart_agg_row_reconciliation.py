"""agg_row_reconciliation: one row per raw table; raw = used + superseded + quarantined.

fct_quarantine itself gets no suite: an empty quarantine is the good case, and a suite must
never pass on an empty table. Its volume is checked here, per raw table.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks, vocab
from expectations import thresholds as limits
from expectations.suites._mart import contract_suite, key, profile_suite, table_basics

TABLE = "agg_row_reconciliation"
COLUMNS = (
    "table_name", "raw_rows", "used_rows", "superseded_rows", "quarantined_rows", "is_balanced",
)  # fmt: skip
PARTS = ("used_rows", "superseded_rows", "quarantined_rows")


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    derived = frame.copy()
    if set(PARTS) <= set(frame):
        derived["check__accounted_rows"] = frame[list(PARTS)].sum(axis=1)
    return derived


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *key("table_name"),
        gxe.ExpectColumnDistinctValuesToEqualSet(
            column="table_name", value_set=list(vocab.RAW_TABLES)
        ),
        checks.between("raw_rows", min_value=1),
        # Nothing is lost (SPEC §7).
        gxe.ExpectColumnPairValuesToBeEqual(column_A="raw_rows", column_B="check__accounted_rows"),
        checks.in_set("is_balanced", [True]),
    ]


def prepare_profile(frame: pd.DataFrame) -> pd.DataFrame:
    derived = frame.copy()
    if {"quarantined_rows", "raw_rows"} <= set(frame):
        raw = pd.to_numeric(frame["raw_rows"], errors="coerce")
        derived["check__quarantined_share"] = frame["quarantined_rows"] / raw.where(raw > 0)
    return derived


def profile() -> list[gxe.Expectation]:
    return [checks.between("check__quarantined_share", 0, limits.QUARANTINED_ROW_SHARE_MAX)]


SUITES = (contract_suite(TABLE, contract, prepare), profile_suite(TABLE, profile, prepare_profile))
